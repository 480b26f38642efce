package org.classgate.filter.schedule;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * The current value of a {@link Schedule}, cached until its next change so that reading it on every
 * DNS query costs one {@code nanoTime} read, one volatile read and a comparison; the calendar work
 * ({@link Schedule#valueAt}, {@link Schedule#nextChangeAfter}) runs only on the first read at or
 * after a change.
 *
 * <p>The cache lives on the monotonic clock: a refresh at wall time {@code w} and monotonic time
 * {@code n} keeps the value until {@code n + (nextChange - w)}, so it refreshes exactly at the
 * boundary while both clocks advance together. They need not: NTP may step the wall clock (the box
 * boots before it has the time, or someone sets it) or slew it against the monotonic clock. So the
 * value is also kept for at most {@code maxAge}; after a step the period is right again within
 * {@code maxAge}, and slewing (at most 500 ppm, ntpd/chrony) moves a boundary by less than {@code
 * maxAge / 2000}.
 *
 * <p>Thread-safe and lock-free. Readers racing on an expired value may each refresh it; every
 * refresh computes its own expiry from its own reads, so whichever is stored last is correct until
 * its expiry, and the monotonic clock is read before the wall clock, so a thread delayed between
 * the two reads makes its slot expire early (one more refresh), never late.
 *
 * @param <T> the value; never null
 */
public final class ScheduledValue<T> implements Supplier<T> {
  /** The largest {@code maxAge}: a wall-clock step should not go unseen for longer. */
  public static final Duration MAX_MAX_AGE = Duration.ofDays(1);

  private final Schedule<? extends T> schedule;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final Duration maxAge;

  /** The value and the {@code nanoTime} from which on it must be refreshed. Immutable. */
  private record Slot<T>(T value, long expiresAtNanos) {}

  private volatile Slot<T> slot;

  /**
   * Computes nothing yet: the first {@link #get()} does.
   *
   * @param schedule what to follow; non-null
   * @param clock the wall clock the schedule's instants are on; non-null
   * @param nanoTime the monotonic clock, e.g. {@code System::nanoTime}; non-null
   * @param maxAge the longest a value is kept without looking at the wall clock again; positive. at
   *     most {@link #MAX_MAX_AGE}. A few seconds costs nothing measurable and bounds how long a
   *     wall-clock step goes unseen.
   */
  public ScheduledValue(
      Schedule<? extends T> schedule, Clock clock, LongSupplier nanoTime, Duration maxAge) {
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.maxAge = Objects.requireNonNull(maxAge, "maxAge");
    if (maxAge.isNegative() || maxAge.isZero() || maxAge.compareTo(MAX_MAX_AGE) > 0) {
      throw new IllegalArgumentException(
          "maxAge must be positive and at most " + MAX_MAX_AGE + ", got " + maxAge);
    }
  }

  /**
   * The schedule's value now.
   *
   * @return never null
   * @throws RuntimeException whatever the schedule or the clocks throw (nothing is cached then)
   */
  @Override
  public T get() {
    long now = nanoTime.getAsLong();
    Slot<T> current = slot;
    // Subtraction, not comparison: nanoTime values may wrap (System.nanoTime's contract).
    if (current != null && now - current.expiresAtNanos() < 0) {
      return current.value();
    }
    return refresh(now).value();
  }

  private Slot<T> refresh(long nowNanos) {
    Instant now = clock.instant();
    T value =
        Objects.requireNonNull(schedule.valueAt(now), () -> "the schedule gave null at " + now);
    Duration valid = maxAge;
    Optional<Instant> next = schedule.nextChangeAfter(now);
    if (next.isPresent()) {
      Duration untilChange = Duration.between(now, next.get());
      if (untilChange.compareTo(valid) < 0) {
        // Never negative: a schedule that answers with the past only makes every read refresh.
        valid = untilChange.isNegative() ? Duration.ZERO : untilChange;
      }
    }
    Slot<T> fresh = new Slot<>(value, nowNanos + valid.toNanos());
    slot = fresh;
    return fresh;
  }

  @Override
  public String toString() {
    Slot<T> current = slot;
    return "ScheduledValue[" + (current == null ? "not read yet" : current.value()) + "]";
  }
}
