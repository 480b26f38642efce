package org.classgate.dns.wire;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Builds one DNS message. Grows as needed up to 65,535 octets (the TCP limit, RFC 1035 §4.2.2) and
 * compresses names against the names already written (RFC 1035 §4.1.4). Not thread-safe.
 */
public final class DnsWriter {
  public static final int MAX_MESSAGE_LENGTH = 65_535;

  /** Pointers hold 14 bits: names written beyond this offset cannot be pointed to. */
  private static final int MAX_POINTER_TARGET = 0x3FFF;

  private byte[] buf;
  private int pos;
  private final Map<Name, Integer> suffixOffsets = new HashMap<>();

  public DnsWriter() {
    this(512);
  }

  public DnsWriter(int initialCapacity) {
    buf = new byte[initialCapacity];
  }

  public int position() {
    return pos;
  }

  private void ensure(int n) throws WireFormatException {
    if (pos + n > MAX_MESSAGE_LENGTH) {
      throw new WireFormatException("message would exceed " + MAX_MESSAGE_LENGTH + " octets");
    }
    if (pos + n > buf.length) {
      buf = Arrays.copyOf(buf, Math.min(MAX_MESSAGE_LENGTH, Math.max(buf.length * 2, pos + n)));
    }
  }

  public DnsWriter u8(int value) throws WireFormatException {
    ensure(1);
    buf[pos++] = (byte) value;
    return this;
  }

  public DnsWriter u16(int value) throws WireFormatException {
    ensure(2);
    buf[pos++] = (byte) (value >>> 8);
    buf[pos++] = (byte) value;
    return this;
  }

  public DnsWriter u32(long value) throws WireFormatException {
    ensure(4);
    buf[pos++] = (byte) (value >>> 24);
    buf[pos++] = (byte) (value >>> 16);
    buf[pos++] = (byte) (value >>> 8);
    buf[pos++] = (byte) value;
    return this;
  }

  public DnsWriter bytes(byte[] data) throws WireFormatException {
    return bytes(data, 0, data.length);
  }

  public DnsWriter bytes(byte[] data, int offset, int length) throws WireFormatException {
    ensure(length);
    System.arraycopy(data, offset, buf, pos, length);
    pos += length;
    return this;
  }

  /** Overwrites a 16-bit field written earlier (counts, lengths). */
  public void u16At(int position, int value) {
    if (position < 0 || position + 2 > pos) {
      throw new IllegalArgumentException("u16At " + position + " outside written " + pos);
    }
    buf[position] = (byte) (value >>> 8);
    buf[position + 1] = (byte) value;
  }

  /** Writes a name, pointing at an earlier copy of its longest already-written suffix. */
  public DnsWriter name(Name name) throws WireFormatException {
    Name suffix = name;
    byte[] wire = name.wireBytes();
    int wireOffset = 0;
    while (suffix.labelCount() > 0) {
      Integer earlier = suffixOffsets.get(suffix);
      if (earlier != null) {
        return u16(0xC000 | earlier);
      }
      if (pos <= MAX_POINTER_TARGET) {
        suffixOffsets.put(suffix, pos);
      }
      int labelLength = wire[wireOffset] & 0xFF;
      bytes(wire, wireOffset, 1 + labelLength);
      wireOffset += 1 + labelLength;
      suffix = suffix.parent();
    }
    return u8(0);
  }

  /** Writes a name without compression (inside RDATA of types that must not be compressed). */
  public DnsWriter uncompressedName(Name name) throws WireFormatException {
    return bytes(name.wireBytes());
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buf, pos);
  }
}
