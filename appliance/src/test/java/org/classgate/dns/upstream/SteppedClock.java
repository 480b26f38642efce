package org.classgate.dns.upstream;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A monotonic clock that follows real time (so socket timeouts still pass) and can be stepped
 * forward by a test (so a ten-second backoff passes at once). Thread-safe.
 */
final class SteppedClock {
  private final AtomicLong offset = new AtomicLong();

  long nanoTime() {
    return System.nanoTime() + offset.get();
  }

  void advance(Duration step) {
    offset.addAndGet(step.toNanos());
  }
}
