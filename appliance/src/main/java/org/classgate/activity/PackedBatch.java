package org.classgate.activity;

import java.time.ZoneId;
import java.util.Map;
import org.classgate.time.Stamp;

/**
 * One batch being written: its stamp, the packed decisions and, for a synchronised stamp, their
 * daily statistics. Filled a decision at a time by the writer thread, then handed to {@link
 * ActivityStore#append}. Not thread-safe.
 */
public final class PackedBatch {
  private final Stamp stamp;
  private final CategoryNames categories;
  private final ActivityBatchCodec.Encoder encoder;
  private final DailyTally tally;

  /**
   * @param categories names the category bits of the running configuration
   * @param zone the zone whose local days the statistics count
   */
  public PackedBatch(Stamp stamp, CategoryNames categories, ZoneId zone) {
    this.stamp = stamp;
    this.categories = categories;
    this.encoder = new ActivityBatchCodec.Encoder(stamp.monotonicNanos(), categories);
    // Counted only with a trustworthy clock: otherwise the day may be wrong, and the batch is
    // counted when it is re-based (or, for a boot that never synchronised, settled).
    this.tally =
        stamp.synchronised()
            ? new DailyTally(zone, stamp.wallMillis(), stamp.monotonicNanos())
            : null;
  }

  public void add(DecisionRow row) {
    encoder.add(row);
    if (tally != null) {
      tally.add(row);
    }
  }

  /** Adds {@code record} (for tests and tools; the writer adds rows). */
  public PackedBatch add(QueryRecord record) {
    add(new DecisionRow().set(record));
    return this;
  }

  public Stamp stamp() {
    return stamp;
  }

  public int size() {
    return encoder.size();
  }

  public byte[] packed() {
    return encoder.finish();
  }

  /** Whether {@link #counts()} holds the batch's statistics (its stamp was synchronised). */
  public boolean counted() {
    return tally != null;
  }

  /** The batch's daily statistics; empty when not {@link #counted()}. */
  public Map<DailyTally.Key, Long> counts() {
    return tally == null ? Map.of() : tally.counts(categories);
  }
}
