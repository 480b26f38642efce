package org.classgate.activity;

import java.lang.invoke.VarHandle;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.classgate.dns.Outcome;
import org.classgate.dns.wire.Name;

/**
 * A fixed-size, multi-producer ring of the most recent decisions, numbered by a sequence that only
 * grows. Producers (DNS threads) never wait: each claims the next sequence with one atomic
 * increment and overwrites the oldest slot. Readers (the database writer, the live view) read a
 * sequence back if it is still there. Thread-safe.
 *
 * <p>Slots are preallocated primitive arrays, and a decision's name and address are copied into
 * them: the ring keeps no reference to the per-query objects (the parsed name, the packet's
 * address). Holding those objects for the seconds or minutes the ring covers would have them
 * promoted out of the young generation at benchmark rates, and the resulting full collections cost
 * the DNS path about a tenth of its throughput (measured with {@code scripts/bench/bench-activity
 * --memory}). Names up to {@value #INLINE_NAME} wire bytes (nearly all) are stored inline; longer
 * ones in a copied array.
 *
 * <p>Each slot carries the sequence of the decision it holds, written like a seqlock (as {@link
 * java.util.concurrent.locks.StampedLock}'s optimistic reads): a producer marks the slot busy,
 * fences, writes the fields, then publishes the sequence with release semantics; a reader reads the
 * sequence with acquire semantics, copies the fields, fences, and accepts the copy only if the
 * sequence is unchanged.
 */
final class ActivityRing {
  /** Marks a slot that is being written, or has never been written. */
  private static final long BUSY = -1;

  static final int INLINE_NAME = 64;

  /**
   * OpenJDK's {@code Inet4Address.hashCode()} is the address itself, which saves copying it out
   * (the copy is the only allocation left on the hot path). Not promised by the specification, so
   * checked once here; if another runtime differs, the copy is used.
   */
  private static final boolean IPV4_HASH_IS_ADDRESS = hashIsAddress();

  private final int mask;
  private final AtomicLong next = new AtomicLong();
  private final AtomicLongArray sequences;
  private final long[] nanos;
  private final long[] latencyNanos;
  private final long[] addressHigh;
  private final long[] addressLow;
  private final byte[] addressLength;
  private final int[] types;
  private final int[] categories;
  private final Outcome[] outcomes;
  private final String[] profiles;
  private final String[] devices;
  private final byte[] nameLengths;
  private final byte[] inlineNames;
  private final byte[][] longNames;

  /**
   * @param capacity how many decisions are kept; rounded up to a power of two
   */
  ActivityRing(int capacity) {
    if (capacity < 2 || capacity > (1 << 24)) {
      throw new IllegalArgumentException("capacity must be 2 to 2^24, got " + capacity);
    }
    int size = Integer.highestOneBit(capacity - 1) << 1;
    mask = size - 1;
    sequences = new AtomicLongArray(size);
    for (int i = 0; i < size; i++) {
      sequences.setPlain(i, BUSY);
    }
    nanos = new long[size];
    latencyNanos = new long[size];
    addressHigh = new long[size];
    addressLow = new long[size];
    addressLength = new byte[size];
    types = new int[size];
    categories = new int[size];
    outcomes = new Outcome[size];
    profiles = new String[size];
    devices = new String[size];
    nameLengths = new byte[size];
    inlineNames = new byte[size * INLINE_NAME];
    longNames = new byte[size][];
  }

  int capacity() {
    return mask + 1;
  }

  /**
   * Copies {@code record} in, overwriting the oldest decision if the ring is full. Never blocks.
   */
  void add(QueryRecord record) {
    long sequence = next.getAndIncrement();
    int slot = (int) sequence & mask;
    sequences.set(slot, BUSY);
    VarHandle.storeStoreFence(); // the busy mark is visible before any field changes
    nanos[slot] = record.monotonicNanos();
    latencyNanos[slot] = record.latencyNanos();
    InetAddress client = record.client();
    if (IPV4_HASH_IS_ADDRESS && client instanceof Inet4Address) {
      addressLength[slot] = 4;
      addressHigh[slot] = (long) client.hashCode() << 32;
      addressLow[slot] = 0;
    } else {
      byte[] address = client.getAddress(); // a copy: 16 or 24 bytes of young garbage
      addressLength[slot] = (byte) address.length;
      addressHigh[slot] = bytesToLong(address, 0);
      addressLow[slot] = address.length > 8 ? bytesToLong(address, 8) : 0;
    }
    types[slot] = record.type();
    categories[slot] = record.categories();
    outcomes[slot] = record.outcome();
    profiles[slot] = record.profile();
    devices[slot] = record.deviceId();
    byte[] wire = record.name() == null ? Name.ROOT.wireBytes() : record.name().wireBytes();
    nameLengths[slot] = (byte) wire.length;
    if (wire.length <= INLINE_NAME) {
      System.arraycopy(wire, 0, inlineNames, slot * INLINE_NAME, wire.length);
      longNames[slot] = null;
    } else {
      longNames[slot] = wire.clone();
    }
    sequences.setRelease(slot, sequence);
  }

  /** The sequence the next decision will get: every sequence below it has been claimed. */
  long claimed() {
    return next.get();
  }

  /**
   * Copies the decision with {@code sequence} into {@code row}. False if it is not there: not yet
   * fully written (a producer between claiming and publishing it) or already overwritten; {@code
   * row} then holds garbage. Callers tell the two apart with {@link #claimed()}: overwritten if
   * {@code claimed() - sequence > capacity()}.
   */
  boolean read(long sequence, DecisionRow row) {
    int slot = (int) sequence & mask;
    if (sequences.getAcquire(slot) != sequence) {
      return false;
    }
    row.nanos = nanos[slot];
    row.latencyNanos = latencyNanos[slot];
    row.addressLength = addressLength[slot];
    row.addressHigh = addressHigh[slot];
    row.addressLow = addressLow[slot];
    row.type = types[slot];
    row.categories = categories[slot];
    row.outcome = outcomes[slot];
    row.profile = profiles[slot];
    row.deviceId = devices[slot];
    int length = nameLengths[slot] & 0xFF;
    byte[] longName = longNames[slot];
    if (length <= INLINE_NAME) {
      System.arraycopy(inlineNames, slot * INLINE_NAME, row.name, 0, length);
    } else if (longName != null && longName.length == length) {
      System.arraycopy(longName, 0, row.name, 0, length);
    } else {
      return false; // torn: the length and the long name come from different writes
    }
    row.nameLength = length;
    VarHandle.acquireFence(); // every read above happens before the check below
    return sequences.getOpaque(slot) == sequence;
  }

  private static boolean hashIsAddress() {
    try {
      return InetAddress.getByAddress(new byte[] {10, (byte) 201, 3, 4}).hashCode() == 0x0AC90304
          && InetAddress.getByAddress(new byte[] {(byte) 203, 0, 113, 9}).hashCode() == 0xCB007109;
    } catch (UnknownHostException e) {
      return false;
    }
  }

  private static long bytesToLong(byte[] bytes, int offset) {
    long value = 0;
    for (int i = 0; i < 8; i++) {
      value = (value << 8) | (offset + i < bytes.length ? bytes[offset + i] & 0xFF : 0);
    }
    return value;
  }
}
