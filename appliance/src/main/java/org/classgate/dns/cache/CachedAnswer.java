package org.classgate.dns.cache;

import org.classgate.dns.wire.Flags;
import org.classgate.dns.wire.Message;

/**
 * One stored answer in wire form with the offsets of every record's TTL field, so a hit is served
 * by copying the bytes once and patching them in place instead of re-serialising a message.
 * Immutable and thread-safe: the stored array is never handed out, only copies of it.
 */
final class CachedAnswer {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  /** Position of the question name: right after the 12-octet header (RFC 1035 §4.1.1). */
  private static final int QUESTION_OFFSET = Message.HEADER_LENGTH;

  private static final int RD_IN_HIGH_BYTE = Flags.RD >>> 8;

  /** Object headers, fields, the map node and array headers: a rough but stable estimate. */
  private static final int OVERHEAD_BYTES = 120;

  private final byte[] wire;
  private final int[] ttlOffsets;
  private final int questionNameLength;
  private final long storedNanos;
  private final long expiresNanos;
  private final long staleUntilNanos;

  /**
   * @param wire the answer with AA cleared and every TTL already clamped; owned by this object
   * @param ttlOffsets offsets of the TTL field of every record except OPT, whose TTL field holds
   *     the extended rcode, version and DO bit instead (RFC 6891 §6.1.3)
   */
  CachedAnswer(
      byte[] wire,
      int[] ttlOffsets,
      int questionNameLength,
      long storedNanos,
      long ttlSeconds,
      long maxStaleSeconds) {
    this.wire = wire;
    this.ttlOffsets = ttlOffsets;
    this.questionNameLength = questionNameLength;
    this.storedNanos = storedNanos;
    this.expiresNanos = storedNanos + ttlSeconds * NANOS_PER_SECOND;
    this.staleUntilNanos = expiresNanos + maxStaleSeconds * NANOS_PER_SECOND;
  }

  /** True until the answer's TTL has run out (wrap-safe comparison of {@code nanoTime} values). */
  boolean isFresh(long nowNanos) {
    return nowNanos - expiresNanos < 0;
  }

  /** True while the answer may still be served, fresh or stale (RFC 8767 §5). */
  boolean isUsable(long nowNanos) {
    return nowNanos - staleUntilNanos < 0;
  }

  /** Estimated heap taken by the answer, for the cache's byte bound. */
  int estimatedBytes() {
    return wire.length + 4 * ttlOffsets.length + OVERHEAD_BYTES;
  }

  /**
   * The answer for {@code query}, with every TTL reduced by the whole seconds since it was stored
   * (RFC 1035 §3.2.1: a cached TTL counts down), never below zero.
   */
  byte[] renderFresh(Message query, long nowNanos) {
    byte[] out = personalised(query);
    long elapsedSeconds = Math.max(0, (nowNanos - storedNanos) / NANOS_PER_SECOND);
    for (int offset : ttlOffsets) {
      writeU32(out, offset, Math.max(0, readU32(wire, offset) - elapsedSeconds));
    }
    return out;
  }

  /** The answer for {@code query} with every TTL set to {@code ttlSeconds} (RFC 8767 §4). */
  byte[] renderStale(Message query, int ttlSeconds) {
    byte[] out = personalised(query);
    for (int offset : ttlOffsets) {
      writeU32(out, offset, ttlSeconds);
    }
    return out;
  }

  /**
   * A copy carrying the client's ID, RD bit and question name. The name is copied in the client's
   * own case because resolvers using 0x20 randomisation reject answers whose question differs. It
   * is taken from the parsed query rather than the raw packet so a (legal but odd) compression
   * pointer in the client's question cannot shift the bytes; names equal ignoring case have equal
   * wire lengths, so the rest of the stored answer stays where it is.
   */
  private byte[] personalised(Message query) {
    byte[] out = wire.clone();
    out[0] = (byte) (query.id() >>> 8);
    out[1] = (byte) query.id();
    // RFC 1035 §4.1.1: RD is copied from the query into the response.
    int rd = (query.flags() >>> 8) & RD_IN_HIGH_BYTE;
    out[2] = (byte) ((out[2] & ~RD_IN_HIGH_BYTE) | rd);
    byte[] name = query.question().name().wireBytes();
    if (name.length == questionNameLength) {
      System.arraycopy(name, 0, out, QUESTION_OFFSET, name.length);
    }
    return out;
  }

  private static long readU32(byte[] buf, int offset) {
    return ((long) (buf[offset] & 0xFF) << 24)
        | ((buf[offset + 1] & 0xFF) << 16)
        | ((buf[offset + 2] & 0xFF) << 8)
        | (buf[offset + 3] & 0xFF);
  }

  private static void writeU32(byte[] buf, int offset, long value) {
    buf[offset] = (byte) (value >>> 24);
    buf[offset + 1] = (byte) (value >>> 16);
    buf[offset + 2] = (byte) (value >>> 8);
    buf[offset + 3] = (byte) value;
  }
}
