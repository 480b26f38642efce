package org.classgate.activity;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.classgate.store.StoreException;

/**
 * Applies the retention period of raw activity rows once a day: deletes rows older than the period
 * in chunks of bounded size, one short transaction each, so the button's incident writes never wait
 * long behind a big deletion. Statistics are not touched. Not thread-safe: the writer thread runs
 * it.
 */
public final class ActivityRetention {
  private static final Duration EVERY = Duration.ofDays(1);

  private final ActivityStore store;
  private final Duration keep;
  private final int chunkRows;
  private final Clock clock;
  private Instant due;

  /**
   * @param keep how long raw rows are kept
   * @param chunkRows about how many decisions one transaction deletes (whole batches: a batch holds
   *     at most {@code activity.flush-rows})
   * @param clock decides when a day has passed and what is old; the first run is due at once
   */
  public ActivityRetention(ActivityStore store, Duration keep, int chunkRows, Clock clock) {
    if (keep.isNegative() || keep.isZero() || chunkRows <= 0) {
      throw new IllegalArgumentException("keep and chunkRows must be positive");
    }
    this.store = store;
    this.keep = keep;
    this.chunkRows = chunkRows;
    this.clock = clock;
    this.due = clock.instant();
  }

  /**
   * Deletes what is older than the retention period if a day has passed since the last run (or this
   * is the first). A failure leaves the run due, to be tried again at the next call.
   *
   * @return rows deleted, 0 if the run was not due
   */
  public long runIfDue() throws StoreException {
    Instant now = clock.instant();
    if (now.isBefore(due)) {
      return 0;
    }
    Instant cutoff = now.minus(keep);
    long deleted = 0;
    long chunk;
    do {
      chunk = store.deleteOlderThan(cutoff, chunkRows);
      deleted += chunk;
    } while (chunk > 0);
    due = now.plus(EVERY);
    return deleted;
  }

  /** When the next run is due. */
  public Instant due() {
    return due;
  }
}
