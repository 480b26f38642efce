package org.classgate.filter.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A wall clock and a monotonic clock that move only when the test says so: {@link #advance} moves
 * both together (time passing), {@link #stepWallClock} only the wall clock (NTP or a person setting
 * the time). The monotonic clock starts an hour before {@code Long.MAX_VALUE}, so its values wrap
 * like {@code System.nanoTime} may. Counts wall-clock reads so tests can see when a cache
 * recomputes. Thread-safe.
 */
final class SteppedTime {
  private static final long NANO_ORIGIN = Long.MAX_VALUE - Duration.ofHours(1).toNanos();

  private final Instant origin;
  private final AtomicLong elapsedNanos = new AtomicLong();
  private final AtomicLong wallStepNanos = new AtomicLong();
  private final AtomicInteger wallReads = new AtomicInteger();

  SteppedTime(Instant origin) {
    this.origin = origin;
  }

  /** Moves both clocks forward by {@code step}. */
  void advance(Duration step) {
    elapsedNanos.addAndGet(step.toNanos());
  }

  /** Moves the wall clock alone, forward or back. */
  void stepWallClock(Duration step) {
    wallStepNanos.addAndGet(step.toNanos());
  }

  /** The monotonic time, for {@code LongSupplier nanoTime}. */
  long nanoTime() {
    return NANO_ORIGIN + elapsedNanos.get();
  }

  /** The wall time, without counting a read. */
  Instant now() {
    return origin.plusNanos(elapsedNanos.get() + wallStepNanos.get());
  }

  /** How often {@link #clock()} has been read. */
  int wallReads() {
    return wallReads.get();
  }

  /** The wall clock, in UTC; every {@code instant()} or {@code millis()} is counted. */
  Clock clock() {
    return new Clock() {
      @Override
      public ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(ZoneId zone) {
        throw new UnsupportedOperationException("the stepped clock is UTC only");
      }

      @Override
      public Instant instant() {
        wallReads.incrementAndGet();
        return now();
      }
    };
  }
}
