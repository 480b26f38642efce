package org.classgate.filter;

import java.net.IDN;

/**
 * Normalises one name of list text, the general path of {@link ListLineParser}: lower-case ASCII,
 * internationalised names converted to punycode (RFC 3490, IDNA2003 via {@link IDN}), valid only as
 * labels of 1-63 letters, digits, '-' or '_', at most 253 characters, the last label not all
 * digits. Not thread-safe (reuses a scratch buffer).
 */
final class TextNameNormaliser {
  /** RFC 1035 §2.3.4: 255 octets on the wire are 253 characters of text. */
  private static final int MAX_NAME_CHARS = 253;

  private static final int MAX_LABEL_CHARS = 63;

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

  private final char[] scratch;

  /**
   * @param maxChars the longest text {@link #normalise} is given
   */
  TextNameNormaliser(int maxChars) {
    scratch = new char[maxChars];
  }

  /**
   * Normalises {@code text[start, end)} (no leading or trailing dot stripped: the caller has done
   * that) into {@link #name()}; returns its length, or -1 if it is not a valid name.
   */
  int normalise(char[] text, int start, int end) {
    int length = end - start;
    System.arraycopy(text, start, scratch, 0, length);
    int result = normaliseInPlace(scratch, length);
    if (result == NOT_ASCII) {
      length = toPunycode(text, start, end);
      result = length < 0 ? NOT_A_NAME : normaliseInPlace(scratch, length);
    }
    return result == VALID ? length : -1;
  }

  /** The name the last successful {@link #normalise} wrote, from index 0. */
  char[] name() {
    return scratch;
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
}
