package org.classgate.filter;

/**
 * Recognises IP address literals in list text, which DNS filtering cannot block: an IPv4 dotted
 * quad, or anything shaped like an IPv6 literal (RFC 4291 §2.2) with an optional zone index (RFC
 * 6874). Stateless and thread-safe.
 */
final class AddressText {
  private AddressText() {}

  /** True if {@code text[start, end)} is an IPv4 or IPv6 literal. */
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
}
