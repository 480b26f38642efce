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
  TOO_LONG_LINE
}
