package org.classgate.filter;

import java.util.Locale;
import java.util.Set;

/**
 * Reads the Adblock Plus network-rule syntax that block lists for DNS use (AdGuard DNS filter,
 * OISD, Hagezi): {@code ||example.com^} blocks the domain and its subdomains,
 * {@code @@||example.com^} excepts it. A {@code ^} separator and an end anchor {@code |} are
 * optional; {@code $} options are allowed only if they keep the rule about the whole domain (see
 * {@link #ACCEPTED_OPTIONS}). Everything else of the syntax is a rule DNS cannot honour and is
 * skipped with a reason ({@link SkipReason#ADBLOCK_PATTERN}, {@link SkipReason#ADBLOCK_OPTION}).
 *
 * <p>Lines starting with {@code !} are comments and {@code [Adblock Plus 2.0]} is a header; neither
 * is a skip. Not thread-safe: one per parser; allocation-free unless a rule has options.
 */
final class AdblockRule {
  /**
   * Options that leave the rule about every request to the domain, so blocking the name is what the
   * rule means: {@code important} (priority among rules: ours already let exceptions win, as ABP
   * does without it), {@code all}, and {@code document}/{@code doc} (the page itself, which a DNS
   * block also covers). Anything else ({@code third-party}, {@code script}, {@code domain=},
   * AdGuard's {@code client=}, {@code dnstype=}, {@code badfilter} …) narrows or changes the rule.
   */
  static final Set<String> ACCEPTED_OPTIONS = Set.of("important", "all", "document", "doc");

  /** {@link #read} result: the line is a domain rule; see {@link #nameStart()}. */
  static final int RULE = 0;

  /** {@link #read} result: a comment or header line, reported as nothing. */
  static final int COMMENT = 1;

  /** {@link #read} result: a rule to skip, for the reason in {@link #skip()}. */
  static final int SKIPPED = 2;

  private int nameStart;
  private int nameEnd;
  private boolean exception;
  private SkipReason skip;

  /** True if a line whose first non-space character is {@code c} is in this syntax. */
  static boolean startsRule(char c) {
    return c == '|' || c == '@' || c == '!' || c == '[' || c == '/';
  }

  /**
   * True if a {@code #} directly after a non-space character and followed by {@code next} starts an
   * element-hiding rule ({@code ##}, {@code #@#}, {@code #?#}, {@code #$#}, {@code #%#}) rather
   * than a comment: {@code example.com##.banner} must not block {@code example.com}.
   */
  static boolean isCosmetic(char next) {
    return next == '#' || next == '@' || next == '?' || next == '$' || next == '%';
  }

  /**
   * Reads the line {@code line[start, end)}, which starts (after spaces) with a character for which
   * {@link #startsRule} holds and has no trailing spaces.
   *
   * @return {@link #RULE}, {@link #COMMENT} or {@link #SKIPPED}
   */
  int read(char[] line, int start, int end) {
    char first = line[start];
    if (first == '!' || first == '[' && line[end - 1] == ']') {
      return COMMENT;
    }
    exception = end - start >= 2 && first == '@' && line[start + 1] == '@';
    int at = exception ? start + 2 : start;
    if (end - at < 3 || line[at] != '|' || line[at + 1] != '|') {
      return skip(SkipReason.ADBLOCK_PATTERN); // '|http://…', '/regex/', '@@|…' and other shapes
    }
    at += 2;
    nameStart = at;
    while (at < end && isNameChar(line[at])) {
      at++;
    }
    nameEnd = at;
    if (nameEnd == nameStart) {
      return skip(SkipReason.ADBLOCK_PATTERN); // '||*.x^', '||/path'
    }
    if (at < end && line[at] == '^') {
      at++;
      if (at < end && line[at] == '|') {
        at++;
      }
    }
    if (at == end) {
      return RULE;
    }
    if (line[at] != '$') {
      return skip(SkipReason.ADBLOCK_PATTERN); // a path, a port, a wildcard
    }
    return acceptedOptions(line, at + 1, end) ? RULE : skip(SkipReason.ADBLOCK_OPTION);
  }

  private static boolean acceptedOptions(char[] line, int from, int end) {
    if (from == end) {
      return false;
    }
    String options = new String(line, from, end - from).toLowerCase(Locale.ROOT);
    for (String option : options.split(",", -1)) {
      if (!ACCEPTED_OPTIONS.contains(option.strip())) {
        return false;
      }
    }
    return true;
  }

  private int skip(SkipReason reason) {
    skip = reason;
    return SKIPPED;
  }

  /**
   * Characters of the domain part: what a name may hold, plus any non-ASCII character (an
   * internationalised name, normalised to punycode later). A '*' ends it: wildcards are patterns.
   */
  private static boolean isNameChar(char c) {
    return c >= 'a' && c <= 'z'
        || c >= 'A' && c <= 'Z'
        || c >= '0' && c <= '9'
        || c == '.'
        || c == '-'
        || c == '_'
        || c >= 0x80;
  }

  /** After {@link #RULE}: where the rule's domain starts in the line. */
  int nameStart() {
    return nameStart;
  }

  /** After {@link #RULE}: where the rule's domain ends. */
  int nameEnd() {
    return nameEnd;
  }

  /** After {@link #RULE}: true for an {@code @@} exception rule. */
  boolean exception() {
    return exception;
  }

  /** After {@link #SKIPPED}: why. */
  SkipReason skip() {
    return skip;
  }
}
