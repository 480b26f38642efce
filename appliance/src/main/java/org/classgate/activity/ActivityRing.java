package org.classgate.activity;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A fixed-size, multi-producer ring of the most recent {@link QueryRecord}s, numbered by a sequence
 * that only grows. Producers (DNS threads) never wait: each claims the next sequence with one
 * atomic increment and overwrites the oldest slot. Readers (the database writer, the live view)
 * read a sequence back if it is still there. Thread-safe.
 *
 * <p>Each slot carries the sequence of the record it holds, written like a seqlock: a producer
 * marks the slot busy, stores the record, then stores its sequence, all with release semantics; a
 * reader reads sequence, record, sequence with acquire semantics and accepts the record only if
 * both sequence reads name the one it wants. A reader that sees the newer record therefore also
 * sees the busy mark, so it can never take a newer record for an older sequence.
 */
final class ActivityRing {
  /** Marks a slot that is being written, or has never been written. */
  private static final long BUSY = -1;

  private final int mask;
  private final AtomicReferenceArray<QueryRecord> records;
  private final AtomicLongArray sequences;
  private final AtomicLong next = new AtomicLong();

  /**
   * @param capacity how many records are kept; rounded up to a power of two
   */
  ActivityRing(int capacity) {
    if (capacity < 2 || capacity > (1 << 24)) {
      throw new IllegalArgumentException("capacity must be 2 to 2^24, got " + capacity);
    }
    int size = Integer.highestOneBit(capacity - 1) << 1;
    this.mask = size - 1;
    this.records = new AtomicReferenceArray<>(size);
    this.sequences = new AtomicLongArray(size);
    for (int i = 0; i < size; i++) {
      sequences.setPlain(i, BUSY);
    }
  }

  int capacity() {
    return mask + 1;
  }

  /** Adds {@code record}, overwriting the oldest if the ring is full. Never blocks. */
  void add(QueryRecord record) {
    long sequence = next.getAndIncrement();
    int slot = (int) sequence & mask;
    sequences.setRelease(slot, BUSY);
    records.setRelease(slot, record);
    sequences.setRelease(slot, sequence);
  }

  /** The sequence the next record will get: every sequence below it has been claimed. */
  long claimed() {
    return next.get();
  }

  /**
   * The record with {@code sequence}, or null if it is not there: not yet fully written (a producer
   * between claiming and publishing it) or already overwritten. Callers tell the two apart with
   * {@link #claimed()}: overwritten if {@code claimed() - sequence > capacity()}.
   */
  QueryRecord get(long sequence) {
    int slot = (int) sequence & mask;
    if (sequences.getAcquire(slot) != sequence) {
      return null;
    }
    QueryRecord record = records.getAcquire(slot);
    return sequences.getAcquire(slot) == sequence ? record : null;
  }
}
