package org.classgate.sync.transport;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential back-off with full jitter: after the n-th failure in a row, a delay drawn uniformly
 * from [0, min(cap, base × 2^(n-1))]. Full jitter spreads the retries of many boxes that lost the
 * hub at the same moment (AWS Architecture Blog, "Exponential Backoff and Jitter", 2015), instead
 * of having them return in lockstep. Not thread-safe (the sender's thread owns it).
 */
public final class Backoff {
  private final long baseNanos;
  private final long capNanos;
  private final RandomGenerator random;

  public Backoff(Duration base, Duration cap, RandomGenerator random) {
    if (base.isNegative() || base.isZero() || cap.compareTo(base) < 0) {
      throw new IllegalArgumentException("back-off needs 0 < base <= cap: " + base + ", " + cap);
    }
    this.baseNanos = base.toNanos();
    this.capNanos = cap.toNanos();
    this.random = random;
  }

  /** The ceiling of the delay after {@code failures} failures in a row (at least 1). */
  public long ceilingNanos(int failures) {
    int doublings = Math.min(Math.max(failures, 1) - 1, 62);
    long ceiling = baseNanos;
    for (int i = 0; i < doublings && ceiling < capNanos; i++) {
      ceiling = ceiling > capNanos / 2 ? capNanos : ceiling * 2;
    }
    return Math.min(ceiling, capNanos);
  }

  /** A delay for after {@code failures} failures in a row: uniform in [0, ceiling]. */
  public long delayNanos(int failures) {
    return random.nextLong(ceilingNanos(failures) + 1);
  }
}
