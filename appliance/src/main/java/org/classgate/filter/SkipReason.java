package org.classgate.filter;

/**
 * Why a list line (or one name on a hosts-file line) was not turned into an entry. Blank lines and
 * comments are not skips: they are not counted at all.
 */
public enum SkipReason {
  /** A bare IPv4 or IPv6 address where a domain was expected: DNS filtering cannot block it. */
  ADDRESS,
  /**
   * Not a valid domain: a character other than letters, digits, '-' and '_', an empty label, a
   * label over 63 characters, a name over 253 characters, an all-numeric top-level label, or an
   * internationalised name that has no punycode form.
   */
  INVALID_NAME,
  /**
   * A localhost-style name (localhost, localhost.localdomain, broadcasthost, local, ip6-*): hosts
   * file boilerplate that must never be blocked.
   */
  LOCALHOST,
  /** Several fields on a line that does not start with an address, so it is not a hosts line. */
  MALFORMED_LINE,
  /** A line over {@value ListLineParser#MAX_LINE_CHARS} characters, skipped without parsing. */
  TOO_LONG_LINE,
  /**
   * An Adblock-style rule that names no whole domain: a path ({@code ||x.com/ads}), a wildcard or
   * regular expression, an address-prefix rule ({@code |http://…}), or an element-hiding rule
   * ({@code x.com##.banner}). DNS sees only names, so it cannot honour these.
   */
  ADBLOCK_PATTERN,
  /**
   * An Adblock-style domain rule with a {@code $} option that narrows it to some requests ({@code
   * third-party}, {@code script}, {@code domain=…}, {@code client=…} …): DNS cannot tell those
   * requests apart, and blocking the whole domain would over-block. See {@link
   * AdblockRule#ACCEPTED_OPTIONS} for the options that keep a rule whole.
   */
  ADBLOCK_OPTION,
  /**
   * An {@code @@} exception where exceptions do not apply: in a locked list, because nothing
   * unlocks locked (illegal) content.
   */
  EXCEPTION_IGNORED
}
