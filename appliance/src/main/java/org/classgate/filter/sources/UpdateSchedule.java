package org.classgate.filter.sources;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When the next list update runs: every {@code interval} plus a random jitter while updates
 * succeed; after a failure (a download that failed, a source with no copy yet, a rebuild that
 * failed) sooner, backing off from {@code firstRetry} and doubling up to the interval, so a box
 * that started offline gets its lists soon after the network returns without hammering the server.
 *
 * @param interval the normal delay between updates; positive
 * @param jitter up to this much random delay is added (at most half the delay, for retries)
 * @param firstRetry the delay after the first failure in a row; positive
 */
public record UpdateSchedule(Duration interval, Duration jitter, Duration firstRetry) {
  public UpdateSchedule {
    if (interval.isZero() || interval.isNegative() || firstRetry.isZero() || jitter.isNegative()) {
      throw new IllegalArgumentException("positive interval and first retry, jitter not negative");
    }
  }

  /**
   * The delay before the next update, after {@code failures} failed updates in a row (0 after a
   * success).
   */
  public Duration next(int failures, RandomGenerator random) {
    Duration base = interval;
    if (failures > 0) {
      int doublings = Math.min(failures - 1, 30);
      Duration retry = firstRetry.multipliedBy(1L << doublings);
      base = retry.compareTo(interval) < 0 ? retry : interval;
    }
    Duration spread = failures > 0 ? min(jitter, base.dividedBy(2)) : jitter;
    long extra = (long) (spread.toNanos() * random.nextDouble());
    return base.plusNanos(extra);
  }

  /** The delay before the first update after a start: within the jitter, at least a second. */
  public Duration first(RandomGenerator random) {
    long extra = (long) (jitter.toNanos() * random.nextDouble());
    return Duration.ofSeconds(1).plusNanos(extra);
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
