package org.classgate.health;

import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.classgate.time.ClockSync;

/**
 * A fault when the wall clock has not synchronised within a grace period of the start. A Pi has no
 * battery clock: until NTP answers its clock may be days out, so records carry unsynchronised times
 * that can only be corrected once it does; an hour's wait is normal at a cold boot without network,
 * a day is not. Once synchronised it stays healthy for the rest of the run (timesyncd's marker
 * lasts the boot). Thread-safe.
 */
public final class ClockCheck implements Supplier<List<Problem>> {
  private final ClockSync sync;
  private final LongSupplier nanoTime;
  private final long startNanos;
  private final Duration grace;

  /** Starts the grace period now ({@code nanoTime}'s current reading). */
  public ClockCheck(ClockSync sync, LongSupplier nanoTime, Duration grace) {
    this.sync = sync;
    this.nanoTime = nanoTime;
    this.startNanos = nanoTime.getAsLong();
    this.grace = grace;
  }

  @Override
  public List<Problem> get() {
    if (sync.isSynchronised()) {
      return List.of();
    }
    long waited = nanoTime.getAsLong() - startNanos;
    if (waited < grace.toNanos()) {
      return List.of();
    }
    return List.of(
        Problem.fault(
            "clock",
            "the clock has not synchronised in "
                + Duration.ofNanos(waited).toMinutes()
                + " minutes since the start: check the network's NTP access; records carry"
                + " unsynchronised times until it does"));
  }
}
