package org.classgate.filter;

/**
 * The fast path of {@link ListLineParser}: validates a name written in ASCII, folds it to lower
 * case and writes its wire form (RFC 1035 §3.1), all in one pass over the bytes of the list file.
 * It reads only the characters real list entries use (letters, digits, '-', '_' and '.'), stops at
 * any other and leaves the decision to the caller, so the general character path stays the one
 * definition of what everything else means.
 *
 * <p>Why the loop looks as it does: the kind of each character comes from one table and only a dot
 * or the end takes a branch, so mixed letters and digits (hashes, counters: common in real lists)
 * cost no branch mispredictions. Not thread-safe: one per parser.
 */
final class AsciiNameEncoder {
  /** {@link #encode} result: not a valid name (an empty, over-long or numeric last label…). */
  static final int INVALID = -1;

  /** {@link #encode} result: digits and dots only, so maybe an IPv4 address; else invalid. */
  static final int DIGITS_AND_DOTS = -2;

  /** {@link #encode} result: over 253 characters; the general path says why that fails. */
  static final int UNDECIDED = -3;

  /** RFC 1035 §2.3.4: 255 octets on the wire are 253 characters of text. */
  static final int MAX_NAME_CHARS = 253;

  private static final int MAX_LABEL_CHARS = 63;

  private static final byte OTHER = 0;
  private static final byte LETTER = 1; // also '-' and '_'
  private static final byte DIGIT = 2;
  private static final byte DOT = 4;

  /** Kind of every octet. */
  private static final byte[] KIND = new byte[256];

  /** Every octet with ASCII upper case folded to lower (RFC 4343). */
  private static final byte[] LOWER = new byte[256];

  static {
    for (int c = 0; c < 256; c++) {
      LOWER[c] = (byte) (c >= 'A' && c <= 'Z' ? c | 0x20 : c);
    }
    for (char c = 'a'; c <= 'z'; c++) {
      KIND[c] = LETTER;
      KIND[c - 'a' + 'A'] = LETTER;
    }
    for (char c = '0'; c <= '9'; c++) {
      KIND[c] = DIGIT;
    }
    KIND['-'] = LETTER;
    KIND['_'] = LETTER;
    KIND['.'] = DOT;
  }

  /** Holds the last wire form: 1 octet per character, plus the first length and the root. */
  private final byte[] wire = new byte[MAX_NAME_CHARS + 2];

  private int end;

  /**
   * Encodes the longest run of name characters in {@code text[from, to)}; it ends at {@link
   * #end()}. The run's own leading and trailing dots count as empty labels: the caller strips the
   * dots it allows before and after.
   *
   * @return the number of labels (at least 1) if the run is a valid name, whose wire form is then
   *     {@code wire()[0, run length + 2)}; else {@link #INVALID}, {@link #DIGITS_AND_DOTS} or
   *     {@link #UNDECIDED}
   */
  int encode(byte[] text, int from, int to) {
    byte[] out = wire;
    int limit = Math.min(to, from + MAX_NAME_CHARS);
    int labelStart = 0; // where the current label's length octet goes
    int labels = 0;
    int labelKinds = 0;
    int kinds = 0;
    boolean valid = true;
    int i = from;
    for (; i < limit; i++) {
      int c = text[i] & 0xFF;
      int kind = KIND[c];
      if (kind == OTHER) {
        break;
      }
      int at = i - from + 1;
      out[at] = LOWER[c];
      if (kind == DOT) {
        int labelLength = at - labelStart - 1;
        valid &= labelLength > 0 && labelLength <= MAX_LABEL_CHARS;
        out[labelStart] = (byte) labelLength;
        labels++;
        labelStart = at;
        kinds |= labelKinds;
        labelKinds = 0;
      } else {
        labelKinds |= kind;
      }
    }
    if (i - from == MAX_NAME_CHARS && i < to && KIND[text[i] & 0xFF] != OTHER) {
      // Over 253 characters of name: skip to the run's end; the general path says why it fails.
      while (i < to && KIND[text[i] & 0xFF] != OTHER) {
        i++;
      }
      end = i;
      return UNDECIDED;
    }
    end = i;
    int length = i - from;
    int lastLength = length - labelStart;
    if (((kinds | labelKinds) & LETTER) == 0) {
      return DIGITS_AND_DOTS;
    }
    // RFC 3696 §2: a top-level label is never all-numeric.
    if (!valid || lastLength == 0 || lastLength > MAX_LABEL_CHARS || labelKinds == DIGIT) {
      return INVALID;
    }
    out[labelStart] = (byte) lastLength;
    out[length + 1] = 0; // the root label
    return labels + 1;
  }

  /** Where the run read by the last {@link #encode} ended: the first octet not part of a name. */
  int end() {
    return end;
  }

  /** The wire form written by the last successful {@link #encode}. */
  byte[] wire() {
    return wire;
  }
}
