package org.classgate.dns.wire;

/**
 * Bounds-checked reader over one DNS message. Every read checks the remaining length first and
 * throws {@link WireFormatException}; no length field from the packet is trusted. Not thread-safe.
 */
public final class DnsReader {
  /**
   * A name has at most 127 labels, so it never needs more pointers than this; a longer chain of
   * (backward) pointers is hostile work, not a name.
   */
  private static final int MAX_POINTER_HOPS = 127;

  private final byte[] buf;
  private final int start;
  private final int end;
  private int pos;

  /**
   * @param buf the bytes; not copied, so the caller must not change them while reading
   * @param offset where the message starts (compression pointers count from here)
   * @param length the message length
   */
  public DnsReader(byte[] buf, int offset, int length) {
    if (offset < 0 || length < 0 || offset + length > buf.length) {
      throw new IllegalArgumentException(
          "range " + offset + "+" + length + " outside buffer of " + buf.length);
    }
    this.buf = buf;
    this.start = offset;
    this.end = offset + length;
    this.pos = offset;
  }

  /** Position relative to the start of the message. */
  public int position() {
    return pos - start;
  }

  /** Moves to a position relative to the start of the message. */
  public void position(int position) throws WireFormatException {
    if (position < 0 || start + position > end) {
      throw new WireFormatException("position " + position + " outside message of " + length());
    }
    pos = start + position;
  }

  public int length() {
    return end - start;
  }

  public int remaining() {
    return end - pos;
  }

  private void require(int n, String what) throws WireFormatException {
    if (n > end - pos) {
      throw new WireFormatException(
          "truncated "
              + what
              + " at offset "
              + position()
              + ": need "
              + n
              + ", have "
              + remaining());
    }
  }

  public int u8() throws WireFormatException {
    require(1, "octet");
    return buf[pos++] & 0xFF;
  }

  public int u16() throws WireFormatException {
    require(2, "16-bit field");
    int value = ((buf[pos] & 0xFF) << 8) | (buf[pos + 1] & 0xFF);
    pos += 2;
    return value;
  }

  public long u32() throws WireFormatException {
    require(4, "32-bit field");
    long value =
        ((long) (buf[pos] & 0xFF) << 24)
            | ((buf[pos + 1] & 0xFF) << 16)
            | ((buf[pos + 2] & 0xFF) << 8)
            | (buf[pos + 3] & 0xFF);
    pos += 4;
    return value;
  }

  public byte[] bytes(int n) throws WireFormatException {
    if (n < 0) {
      throw new WireFormatException("negative length " + n);
    }
    require(n, "data");
    byte[] out = new byte[n];
    System.arraycopy(buf, pos, out, 0, n);
    pos += n;
    return out;
  }

  public void skip(int n) throws WireFormatException {
    require(n, "data");
    pos += n;
  }

  /**
   * Reads a possibly compressed name (RFC 1035 §4.1.4). A pointer must point strictly before every
   * label read so far for this name, which rules out loops, and never into the 12-octet header,
   * which holds no names; the result must fit in 255 octets.
   */
  public Name name() throws WireFormatException {
    byte[] out = new byte[Name.MAX_WIRE_LENGTH];
    int outLength = 0;
    int labels = 0;
    int cursor = pos;
    int resumeAt = -1;
    int hops = 0;
    // Smallest absolute offset we have read a label from: a pointer must go below it.
    int lowestSeen = pos;
    // Highest absolute offset read for this name, to tell a loop from a forward pointer.
    int furthest = pos;
    while (true) {
      if (cursor >= end) {
        throw nameRunsPastEnd(cursor);
      }
      int length = buf[cursor] & 0xFF;
      int kind = length & 0xC0;
      if (kind == 0xC0) {
        if (cursor + 1 >= end) {
          throw truncatedPointer(cursor);
        }
        int target = ((length & 0x3F) << 8) | (buf[cursor + 1] & 0xFF);
        furthest = Math.max(furthest, cursor + 1);
        checkPointer(cursor - start, target, lowestSeen - start, furthest - start);
        if (++hops > MAX_POINTER_HOPS) {
          throw new WireFormatException(
              "more than "
                  + MAX_POINTER_HOPS
                  + " compression pointers in the name at offset "
                  + (pos - start));
        }
        if (resumeAt < 0) {
          resumeAt = cursor + 2;
        }
        cursor = start + target;
        lowestSeen = cursor;
        continue;
      }
      if (kind != 0) {
        throw unsupportedLabelOctet(length, cursor);
      }
      if (cursor + 1 + length > end) {
        throw new WireFormatException(
            "label runs past end of message at offset " + (cursor - start));
      }
      if (outLength + 1 + length > Name.MAX_WIRE_LENGTH) {
        throw new WireFormatException("name longer than 255 octets at offset " + (pos - start));
      }
      out[outLength++] = (byte) length;
      if (length == 0) {
        break;
      }
      System.arraycopy(buf, cursor + 1, out, outLength, length);
      outLength += length;
      labels++;
      furthest = Math.max(furthest, cursor + length);
      cursor += 1 + length;
    }
    pos = resumeAt >= 0 ? resumeAt : cursor + 1;
    return Name.ofValidatedWire(java.util.Arrays.copyOf(out, outLength), labels);
  }

  /**
   * Moves past a possibly compressed name without building it: its labels up to the root label or
   * up to a compression pointer, which always ends a name's octets in place (RFC 1035 §4.1.4). The
   * pointer is not followed, so the name's value is not checked beyond its label octets; read a
   * name whose value matters with {@link #name()}. Allocation-free: for walking record headers.
   *
   * @throws WireFormatException if the name runs past the message, uses an extended label type, or
   *     its labels before any pointer exceed 255 octets
   */
  public void skipName() throws WireFormatException {
    int cursor = pos;
    int octets = 0;
    while (true) {
      if (cursor >= end) {
        throw nameRunsPastEnd(cursor);
      }
      int length = buf[cursor] & 0xFF;
      int kind = length & 0xC0;
      if (kind == 0xC0) {
        if (cursor + 1 >= end) {
          throw truncatedPointer(cursor);
        }
        pos = cursor + 2;
        return;
      }
      if (kind != 0) {
        throw unsupportedLabelOctet(length, cursor);
      }
      if (length == 0) {
        pos = cursor + 1;
        return;
      }
      octets += 1 + length;
      if (octets + 1 > Name.MAX_WIRE_LENGTH) {
        throw new WireFormatException("name longer than 255 octets at offset " + (pos - start));
      }
      cursor += 1 + length;
    }
  }

  private WireFormatException nameRunsPastEnd(int cursor) {
    return new WireFormatException("name runs past end of message at offset " + (cursor - start));
  }

  private WireFormatException truncatedPointer(int cursor) {
    return new WireFormatException("truncated compression pointer at offset " + (cursor - start));
  }

  /**
   * 0x40 and 0x80 are the obsolete extended label types (RFC 6891 §5); read as a length they would
   * be 64 to 191, longer than any label may be (RFC 1035 §2.3.4).
   */
  private WireFormatException unsupportedLabelOctet(int length, int cursor) {
    return new WireFormatException(
        "label length octet 0x"
            + Integer.toHexString(length)
            + " at offset "
            + (cursor - start)
            + ": labels are at most 63 octets and extended label types are not supported");
  }

  /**
   * Rejects a compression pointer that could loop or that points at something which is not an
   * earlier name. All offsets are relative to the start of the message.
   *
   * @param lowestSeen the lowest offset this name has read a label or pointer from
   * @param furthest the highest offset this name has read so far
   */
  private static void checkPointer(int at, int target, int lowestSeen, int furthest)
      throws WireFormatException {
    // The messages are built only on failure: a valid pointer, met in nearly every name of every
    // answer, must not pay for string concatenation.
    if (target < Message.HEADER_LENGTH) {
      throw pointerError(at, " points into the header (offset " + target + ")");
    }
    if (target == at) {
      throw pointerError(at, " points to itself (a loop)");
    }
    if (target >= lowestSeen && target <= furthest) {
      // Reading octets this name has already used would repeat them forever.
      throw pointerError(at, " loops back to offset " + target + ", already read for this name");
    }
    if (target >= lowestSeen) {
      // RFC 1035 §4.1.4: a pointer refers to a prior occurrence of a name.
      throw pointerError(at, " points forward to offset " + target);
    }
  }

  private static WireFormatException pointerError(int at, String problem) {
    return new WireFormatException("compression pointer at offset " + at + problem);
  }
}
