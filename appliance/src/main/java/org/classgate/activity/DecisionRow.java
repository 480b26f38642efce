package org.classgate.activity;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.classgate.dns.Outcome;
import org.classgate.dns.wire.DnsReader;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.WireFormatException;

/**
 * One decision as primitives, filled in place by the ring ({@link ActivityRing#read}) or by the
 * batch decoder and read at once: the writer handles every decision through one reused row, so it
 * makes no objects per decision (objects it held for a batch's few milliseconds were promoted out
 * of the young generation at benchmark rates). Not thread-safe: one per reading thread.
 */
public final class DecisionRow {
  long nanos;
  long latencyNanos;
  int addressLength;
  long addressHigh;
  long addressLow;
  int type;
  int categories;
  Outcome outcome;
  String profile;
  String deviceId;
  final byte[] name = new byte[Name.MAX_WIRE_LENGTH];
  int nameLength;

  /** Fills this row from {@code record}. */
  public DecisionRow set(QueryRecord record) {
    nanos = record.monotonicNanos();
    latencyNanos = record.latencyNanos();
    byte[] address = record.client().getAddress();
    setAddress(address, address.length);
    type = record.type();
    categories = record.categories();
    outcome = record.outcome();
    profile = record.profile();
    deviceId = record.deviceId();
    byte[] wire = record.name() == null ? Name.ROOT.wireBytes() : record.name().wireBytes();
    System.arraycopy(wire, 0, name, 0, wire.length);
    nameLength = wire.length;
    return this;
  }

  void setAddress(byte[] bytes, int length) {
    addressLength = length;
    addressHigh = word(bytes, 0, length);
    addressLow = length > 8 ? word(bytes, 8, length) : 0;
  }

  private static long word(byte[] bytes, int offset, int length) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (offset + i < length ? bytes[offset + i] & 0xFF : 0);
    }
    return value;
  }

  /** The address bytes (4 or 16) into {@code out}; returns the length. */
  int addressBytes(byte[] out) {
    for (int i = 0; i < addressLength; i++) {
      long word = i < 8 ? addressHigh : addressLow;
      out[i] = (byte) (word >>> (8 * (7 - (i & 7))));
    }
    return addressLength;
  }

  public long nanos() {
    return nanos;
  }

  public String deviceId() {
    return deviceId;
  }

  public Outcome outcome() {
    return outcome;
  }

  public int categories() {
    return categories;
  }

  /** The client address (a new object). */
  public InetAddress client() {
    byte[] bytes = new byte[addressLength];
    addressBytes(bytes);
    try {
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException("a row always holds 4 or 16 address bytes", e);
    }
  }

  /** The question name (a new object). */
  public Name questionName() {
    try {
      return new DnsReader(name, 0, nameLength).name();
    } catch (WireFormatException e) {
      throw new IllegalStateException("a row always holds a valid wire name", e);
    }
  }

  /** This row as a record (new objects), for the few callers that keep decisions. */
  public QueryRecord toRecord() {
    return new QueryRecord(
        nanos,
        client(),
        deviceId,
        profile,
        questionName(),
        type,
        outcome,
        categories,
        latencyNanos);
  }
}
