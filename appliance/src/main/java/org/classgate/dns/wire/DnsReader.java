package org.classgate.dns.wire;

/**
 * Bounds-checked reader over one DNS message. Every read checks the remaining length first and
 * throws {@link WireFormatException}; no length field from the packet is trusted. Not thread-safe.
 */
public final class DnsReader {
  /** More pointer hops than this cannot occur in a name of at most 127 labels: it is a loop. */
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
   * Reads a possibly compressed name (RFC 1035 §4.1.4). Pointers must point strictly backwards, to
   * an earlier label, which rules out loops; the result must fit in 255 octets.
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
    while (true) {
      if (cursor >= end) {
        throw new WireFormatException(
            "name runs past end of message at offset " + (cursor - start));
      }
      int length = buf[cursor] & 0xFF;
      int kind = length & 0xC0;
      if (kind == 0xC0) {
        if (cursor + 1 >= end) {
          throw new WireFormatException(
              "truncated compression pointer at offset " + (cursor - start));
        }
        int target = start + (((length & 0x3F) << 8) | (buf[cursor + 1] & 0xFF));
        if (target >= lowestSeen || ++hops > MAX_POINTER_HOPS) {
          throw new WireFormatException(
              "compression pointer at offset " + (cursor - start) + " does not point backwards");
        }
        if (resumeAt < 0) {
          resumeAt = cursor + 2;
        }
        cursor = target;
        lowestSeen = target;
        continue;
      }
      if (kind != 0) {
        // 0x40 and 0x80 are the obsolete extended label types (RFC 6891 §5).
        throw new WireFormatException(
            "unsupported label type 0x"
                + Integer.toHexString(kind)
                + " at offset "
                + (cursor - start));
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
      cursor += 1 + length;
    }
    pos = resumeAt >= 0 ? resumeAt : cursor + 1;
    return Name.ofValidatedWire(java.util.Arrays.copyOf(out, outLength), labels);
  }
}
