package org.classgate.time;

import java.time.Clock;
import java.util.function.LongSupplier;
import org.classgate.store.StoreException;

/**
 * Issues {@link Stamp}s: one strictly increasing sequence for the box and the three clocks read
 * together. Sequence numbers come from a {@link SequenceSource} in reserved blocks, so they keep
 * increasing across restarts and crashes without a database write per record. Thread-safe; one
 * small record per stamp.
 */
public final class TrustedTime {
  /** Reserved sequence numbers for this run; reserved again in a new block when used up. */
  private final SequenceSource sequences;

  private final String bootId;
  private final LongSupplier nanoTime;
  private final Clock clock;
  private final ClockSync sync;

  /**
   * The next number to hand out, and the end (exclusive) of the reserved block; guarded by this.
   */
  private long next;

  private long limit;

  /** Hands out blocks of sequence numbers that no earlier run of the box has used. */
  public interface SequenceSource {
    /**
     * Reserves {@code count} numbers durably and returns the first; later calls, in this run or any
     * later one, return numbers above every number reserved before.
     */
    long reserve(int count) throws StoreException;
  }

  /** How many numbers are reserved at a time: a crash wastes at most this many. */
  static final int BLOCK = 4096;

  /**
   * Reserves the first block at once, so a box whose store cannot be written fails at start, not at
   * its first record.
   */
  public TrustedTime(
      SequenceSource sequences, String bootId, LongSupplier nanoTime, Clock clock, ClockSync sync)
      throws StoreException {
    this.sequences = sequences;
    this.bootId = bootId;
    this.nanoTime = nanoTime;
    this.clock = clock;
    this.sync = sync;
    reserveBlock();
  }

  /**
   * A stamp for a record made now.
   *
   * @throws StoreException if a new block of sequence numbers cannot be reserved (once every
   *     {@value #BLOCK} stamps), e.g. on a full disk
   */
  public Stamp now() throws StoreException {
    return new Stamp(
        nextSequence(), bootId, nanoTime.getAsLong(), clock.millis(), sync.isSynchronised());
  }

  /** Whether the wall clock is synchronised now. */
  public boolean synchronised() {
    return sync.isSynchronised();
  }

  public String bootId() {
    return bootId;
  }

  private synchronized long nextSequence() throws StoreException {
    if (next == limit) {
      reserveBlock();
    }
    return next++;
  }

  private void reserveBlock() throws StoreException {
    next = sequences.reserve(BLOCK);
    limit = next + BLOCK;
  }
}
