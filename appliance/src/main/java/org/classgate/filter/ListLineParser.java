package org.classgate.filter;

import java.net.IDN;
import java.util.Set;

/**
 * Turns one line of a block list into normalised domains. Understands plain domain lines, hosts
 * file lines ({@code 0.0.0.0 a.example b.example}), {@code #} comments anywhere on a line, and a
 * leading {@code .} or {@code *.} (both mean the domain and its subdomains, which every entry means
 * anyway). Output names are lower-case ASCII without a trailing dot, internationalised names in
 * punycode (RFC 3490, via {@link IDN}), at most 253 characters in labels of 1-63 letters, digits,
 * '-' or '_'. Underscores are kept because real lists contain them (e.g. {@code
 * ages_of_myst.tripod.com} in UT1) and DNS itself allows any octet (RFC 2181 §11).
 *
 * <p>Never throws on any input. Not thread-safe (reuses a scratch buffer): one per load.
 */
final class ListLineParser {
  /** Longer lines are skipped unparsed: no real list entry comes near this. */
  static final int MAX_LINE_CHARS = 1024;

  /** RFC 1035 §2.3.4: 255 octets on the wire are 253 characters of text. */
  private static final int MAX_NAME_CHARS = 253;

  private static final int MAX_LABEL_CHARS = 63;

  /**
   * Hosts-file boilerplate (see hosts(5) on Debian and RHEL): blocking these would break the
   * device, and {@code local} would cover every mDNS name (RFC 6762).
   */
  private static final Set<String> LOCAL_NAMES =
      Set.of(
          "localhost",
          "localhost.localdomain",
          "localhost4",
          "localhost4.localdomain4",
          "localhost6",
          "localhost6.localdomain6",
          "broadcasthost",
          "local");

  /** Receives the result of each name on a line. */
  interface Sink {
    /**
     * A normalised name in {@code name[0, length)}; the array is the parser's scratch buffer, only
     * valid during the call.
     */
    void domain(char[] name, int length);

    void skipped(SkipReason reason);
  }

  /** Character classes for {@link #normaliseInPlace}, indexed by ASCII code. */
  private static final byte INVALID = 0;

  private static final byte NAME_CHAR = 1;
  private static final byte DIGIT = 2;
  private static final byte DOT = 3;
  private static final byte UPPER = 4;
  private static final byte[] KIND = new byte[128];

  static {
    for (char c = 'a'; c <= 'z'; c++) {
      KIND[c] = NAME_CHAR;
      KIND[c - 'a' + 'A'] = UPPER;
    }
    for (char c = '0'; c <= '9'; c++) {
      KIND[c] = DIGIT;
    }
    KIND['-'] = NAME_CHAR;
    KIND['_'] = NAME_CHAR;
    KIND['.'] = DOT;
  }

  /** {@link #normaliseInPlace} results. */
  private static final int VALID = 0;

  private static final int NOT_A_NAME = 1;
  private static final int NOT_ASCII = 2;

  private final char[] scratch = new char[MAX_LINE_CHARS];

  /** Parses {@code line[0, length)}, reporting each name or skip to {@code sink}. */
  void parse(char[] line, int length, Sink sink) {
    int end = length;
    for (int i = 0; i < length; i++) {
      if (line[i] == '#') {
        end = i;
        break;
      }
    }
    int firstStart = skipSpace(line, 0, end);
    if (firstStart == end) {
      return; // blank or comment only: not a skip
    }
    int firstEnd = skipToken(line, firstStart, end);
    int secondStart = skipSpace(line, firstEnd, end);
    if (secondStart == end) {
      name(line, firstStart, firstEnd, sink);
    } else if (isAddress(line, firstStart, firstEnd)) {
      // A hosts-file line: the address says nothing about the names, each of which is listed.
      for (int start = secondStart; start < end; start = skipSpace(line, start, end)) {
        int tokenEnd = skipToken(line, start, end);
        name(line, start, tokenEnd, sink);
        start = tokenEnd;
      }
    } else {
      sink.skipped(SkipReason.MALFORMED_LINE);
    }
  }

  private void name(char[] line, int start, int end, Sink sink) {
    if (end - start >= 2 && line[start] == '*' && line[start + 1] == '.') {
      start += 2;
    } else if (end - start >= 1 && line[start] == '.') {
      start++;
    }
    if (end > start && line[end - 1] == '.') {
      end--;
    }
    if (isAddress(line, start, end)) {
      sink.skipped(SkipReason.ADDRESS);
      return;
    }
    int length = end - start;
    System.arraycopy(line, start, scratch, 0, length);
    int result = normaliseInPlace(scratch, length);
    if (result == NOT_ASCII) {
      length = toPunycode(line, start, end);
      result = length < 0 ? NOT_A_NAME : normaliseInPlace(scratch, length);
    }
    if (result != VALID) {
      sink.skipped(SkipReason.INVALID_NAME);
    } else if (isLocalName(scratch, length)) {
      sink.skipped(SkipReason.LOCALHOST);
    } else {
      sink.domain(scratch, length);
    }
  }

  /**
   * Lower-cases {@code name[0, length)} in place and says whether it is a valid name: labels of
   * 1-63 letters, digits, '-' or '_', at most 253 characters, the last label not all digits (RFC
   * 3696 §2: a top-level label is never all-numeric, so {@code 1.2.3} is no host name).
   */
  private static int normaliseInPlace(char[] name, int length) {
    if (length == 0 || length > MAX_NAME_CHARS) {
      return NOT_A_NAME;
    }
    int labelLength = 0;
    boolean numeric = true;
    for (int i = 0; i < length; i++) {
      char c = name[i];
      if (c > 0x7F) {
        return NOT_ASCII;
      }
      switch (KIND[c]) {
        case UPPER:
          name[i] = (char) (c + ('a' - 'A'));
          numeric = false;
          break;
        case NAME_CHAR:
          numeric = false;
          break;
        case DIGIT:
          break;
        case DOT:
          if (labelLength == 0) {
            return NOT_A_NAME;
          }
          labelLength = 0;
          numeric = true;
          continue;
        default:
          return NOT_A_NAME;
      }
      if (++labelLength > MAX_LABEL_CHARS) {
        return NOT_A_NAME;
      }
    }
    return labelLength > 0 && !numeric ? VALID : NOT_A_NAME;
  }

  /**
   * Converts {@code line[start, end)} to its ASCII form into {@link #scratch}; returns the length,
   * or -1 if it has none.
   */
  private int toPunycode(char[] line, int start, int end) {
    String ace;
    try {
      // IDNA2003 ToASCII with nameprep: maps case and full-width dots, rejects prohibited code
      // points such as the U+FFFD left by undecodable bytes.
      ace = IDN.toASCII(new String(line, start, end - start));
    } catch (IllegalArgumentException e) {
      return -1;
    }
    if (ace.length() > scratch.length) {
      return -1;
    }
    ace.getChars(0, ace.length(), scratch, 0);
    return ace.length();
  }

  private static boolean isLocalName(char[] name, int length) {
    if (length > "localhost6.localdomain6".length()) {
      return false;
    }
    char first = name[0];
    if (first != 'l' && first != 'b' && first != 'i') {
      return false; // the common case: no String built
    }
    String text = new String(name, 0, length);
    return LOCAL_NAMES.contains(text) || (text.startsWith("ip6-") && text.indexOf('.') < 0);
  }

  /** True for an IPv4 dotted quad or anything shaped like an IPv6 literal (RFC 4291 §2.2). */
  static boolean isAddress(char[] text, int start, int end) {
    return isIpv4(text, start, end) || isIpv6(text, start, end);
  }

  private static boolean isIpv4(char[] text, int start, int end) {
    int parts = 0;
    int value = 0;
    int digits = 0;
    for (int i = start; i <= end; i++) {
      char c = i < end ? text[i] : '.';
      if (c == '.') {
        if (digits == 0 || value > 255) {
          return false;
        }
        parts++;
        value = 0;
        digits = 0;
      } else if (c >= '0' && c <= '9' && digits < 3) {
        value = value * 10 + (c - '0');
        digits++;
      } else {
        return false;
      }
    }
    return parts == 4;
  }

  private static boolean isIpv6(char[] text, int start, int end) {
    int colons = 0;
    int i = start;
    for (; i < end && text[i] != '%'; i++) {
      char c = text[i];
      if (c == ':') {
        colons++;
      } else if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F')
          && c != '.') {
        return false;
      }
    }
    // An optional zone index after '%' (RFC 6874), e.g. fe80::1%eth0.
    for (int z = i + 1; z < end; z++) {
      char c = text[z];
      if (!(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z')) {
        return false;
      }
    }
    return colons >= 2 && colons <= 7 && i - start <= 45;
  }

  private static int skipSpace(char[] line, int from, int end) {
    while (from < end && isSpace(line[from])) {
      from++;
    }
    return from;
  }

  private static int skipToken(char[] line, int from, int end) {
    while (from < end && !isSpace(line[from])) {
      from++;
    }
    return from;
  }

  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\f' || c == 0x0B;
  }
}
