package org.classgate.dns.wire;

import java.util.Arrays;

/**
 * An absolute domain name held in uncompressed wire form: length-prefixed labels ending with the
 * zero-length root label (RFC 1035 §3.1). Immutable and thread-safe.
 *
 * <p>Equality and hashing ignore ASCII case (RFC 4343); the original case is kept so answers echo
 * the client's question exactly (resolvers using 0x20 randomisation check it).
 */
public final class Name {
  /** RFC 1035 §2.3.4: a name is at most 255 octets on the wire. */
  public static final int MAX_WIRE_LENGTH = 255;

  /** RFC 1035 §2.3.4: a label is at most 63 octets. */
  public static final int MAX_LABEL_LENGTH = 63;

  public static final Name ROOT = new Name(new byte[] {0}, 0);

  private final byte[] wire;
  private final int labelCount;
  private int hash;

  private Name(byte[] wire, int labelCount) {
    this.wire = wire;
    this.labelCount = labelCount;
  }

  /**
   * Parses a presentation-format name such as {@code www.example.com} (a trailing dot is optional).
   * Only {@code \.} and {@code \\} escapes and {@code \DDD} decimal escapes are understood.
   *
   * @throws WireFormatException if a label is empty or too long, or the name is too long
   */
  public static Name of(String text) throws WireFormatException {
    if (text.isEmpty() || text.equals(".")) {
      return ROOT;
    }
    byte[] out = new byte[MAX_WIRE_LENGTH + 1];
    int pos = 0;
    int labels = 0;
    int labelStart = pos++;
    int labelLength = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      int b;
      if (c == '.') {
        if (labelLength == 0) {
          throw new WireFormatException("empty label in name '" + printable(text) + "'");
        }
        out[labelStart] = (byte) labelLength;
        labels++;
        labelStart = pos++;
        labelLength = 0;
        checkLength(pos, text);
        continue;
      } else if (c == '\\' && i + 1 < text.length()) {
        char next = text.charAt(i + 1);
        if (isDigit(next)) {
          if (i + 3 >= text.length()
              || !isDigit(text.charAt(i + 2))
              || !isDigit(text.charAt(i + 3))) {
            throw new WireFormatException("bad escape in name '" + printable(text) + "'");
          }
          b = Integer.parseInt(text, i + 1, i + 4, 10);
          if (b > 255) {
            throw new WireFormatException("bad escape in name '" + printable(text) + "'");
          }
          i += 3;
        } else {
          b = next;
          i++;
        }
      } else {
        b = c;
      }
      if (b > 0xFF) {
        throw new WireFormatException(
            "non-ASCII character in name '" + printable(text) + "' (use punycode)");
      }
      if (++labelLength > MAX_LABEL_LENGTH) {
        throw new WireFormatException("label longer than 63 octets in '" + printable(text) + "'");
      }
      out[pos++] = (byte) b;
      checkLength(pos, text);
    }
    if (labelLength > 0) {
      out[labelStart] = (byte) labelLength;
      labels++;
      out[pos++] = 0;
    } else {
      // The text ended with a dot: labelStart already holds the root label.
      out[labelStart] = 0;
    }
    checkLength(pos, text);
    return new Name(Arrays.copyOf(out, pos), labels);
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static void checkLength(int length, String text) throws WireFormatException {
    if (length > MAX_WIRE_LENGTH) {
      throw new WireFormatException("name longer than 255 octets: '" + printable(text) + "'");
    }
  }

  /**
   * Wraps already-validated wire bytes (used by {@link DnsReader}, which checks every length).
   *
   * @param wire uncompressed wire form; ownership passes to the new name
   */
  static Name ofValidatedWire(byte[] wire, int labelCount) {
    return new Name(wire, labelCount);
  }

  /** Number of labels, not counting the root label. */
  public int labelCount() {
    return labelCount;
  }

  /** Length of the uncompressed wire form, including the root label. */
  public int wireLength() {
    return wire.length;
  }

  /**
   * The internal uncompressed wire form, for allocation-free lookups on the query path. Callers
   * must not modify it.
   */
  public byte[] wireBytes() {
    return wire;
  }

  /** A copy of this name with ASCII letters lower-cased. */
  public Name toLowerCase() {
    byte[] lower = wire.clone();
    for (int i = 0; i < lower.length; i++) {
      lower[i] = toLower(lower[i]);
    }
    return new Name(lower, labelCount);
  }

  /** The name without its first label; the root stays the root. */
  public Name parent() {
    if (labelCount == 0) {
      return this;
    }
    return new Name(Arrays.copyOfRange(wire, 1 + wire[0], wire.length), labelCount - 1);
  }

  /** True if this name equals {@code ancestor} or lies below it (case-insensitive). */
  public boolean isSubdomainOf(Name ancestor) {
    int offset = wire.length - ancestor.wire.length;
    if (offset < 0) {
      return false;
    }
    // Walk labels so that "xample.com" is not taken as lying below "ample.com".
    int pos = 0;
    while (pos < offset) {
      pos += 1 + (wire[pos] & 0xFF);
    }
    return pos == offset
        && regionEqualsIgnoreCase(wire, offset, ancestor.wire, 0, ancestor.wire.length);
  }

  /**
   * Presentation form with a trailing dot. Bytes outside printable ASCII, dots inside labels,
   * backslashes and quotes are escaped as in RFC 4343 §2.1, so a hostile name cannot smuggle
   * control characters into logs.
   */
  @Override
  public String toString() {
    return presentation(wire, wire.length);
  }

  /**
   * The presentation form, as {@link #toString}, of the uncompressed wire-form name in {@code
   * wire[0..length)}, without making a {@code Name}: for readers that keep names as bytes (the
   * activity ring). Stops at the root label or at {@code length}, whichever comes first, so even
   * bytes that are not a name never read past {@code length}.
   */
  public static String presentation(byte[] wire, int length) {
    if (length == 0 || wire[0] == 0) {
      return ".";
    }
    StringBuilder text = new StringBuilder(length + 8);
    int pos = 0;
    while (pos < length && wire[pos] != 0) {
      int end = Math.min(length, pos + 1 + (wire[pos] & 0xFF));
      pos++;
      while (pos < end) {
        appendEscaped(text, wire[pos++] & 0xFF);
      }
      text.append('.');
    }
    return text.toString();
  }

  private static void appendEscaped(StringBuilder text, int b) {
    if (b == '.' || b == '\\' || b == '"' || b == ';' || b == '(' || b == ')') {
      text.append('\\').append((char) b);
    } else if (b <= 0x20 || b >= 0x7F) {
      text.append('\\');
      if (b < 100) {
        text.append('0');
      }
      if (b < 10) {
        text.append('0');
      }
      text.append(b);
    } else {
      text.append((char) b);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Name name
        && name.wire.length == wire.length
        && regionEqualsIgnoreCase(wire, 0, name.wire, 0, wire.length);
  }

  @Override
  public int hashCode() {
    int h = hash;
    if (h == 0) {
      for (byte b : wire) {
        h = 31 * h + toLower(b);
      }
      hash = h;
    }
    return h;
  }

  static byte toLower(byte b) {
    return (b >= 'A' && b <= 'Z') ? (byte) (b + ('a' - 'A')) : b;
  }

  static boolean regionEqualsIgnoreCase(byte[] a, int aOffset, byte[] b, int bOffset, int length) {
    for (int i = 0; i < length; i++) {
      if (toLower(a[aOffset + i]) != toLower(b[bOffset + i])) {
        return false;
      }
    }
    return true;
  }

  private static String printable(String text) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length() && i < 300; i++) {
      char c = text.charAt(i);
      out.append(c < 0x20 || c == 0x7F ? '?' : c);
    }
    return out.toString();
  }
}
