package org.classgate.time;

import java.time.Instant;
import java.util.Objects;

/**
 * When a record was made, in a form that survives a wrong wall clock. A Raspberry Pi has no battery
 * clock: until NTP synchronises, the wall clock may be days out. So every record carries the box's
 * sequence number (orders everything, whatever the clocks say), the boot it was made in, the
 * monotonic time within that boot, the wall time as read, and whether the wall clock was
 * synchronised then.
 *
 * @param sequence per-box, strictly increasing across restarts (gaps allowed after a crash)
 * @param bootId the kernel's boot id: monotonic times compare only within one boot
 * @param monotonicNanos {@link System#nanoTime()}-style time within the boot
 * @param wallMillis the wall clock when the record was made (milliseconds since the epoch)
 * @param synchronised whether the wall clock was known to be synchronised at that moment
 */
public record Stamp(
    long sequence, String bootId, long monotonicNanos, long wallMillis, boolean synchronised) {
  public Stamp {
    Objects.requireNonNull(bootId, "bootId");
  }

  public Instant wallTime() {
    return Instant.ofEpochMilli(wallMillis);
  }

  /**
   * This stamp's wall time corrected against {@code reference}, a synchronised stamp of the same
   * boot: the monotonic clock did not jump when NTP set the wall clock, so the distance between the
   * two monotonic readings is the true distance between the two events.
   *
   * @return the corrected stamp (synchronised), this stamp if it is already synchronised
   * @throws IllegalArgumentException if {@code reference} is not synchronised or from another boot;
   *     see {@link #canRebaseOn}
   */
  public Stamp rebasedOn(Stamp reference) {
    if (synchronised) {
      return this;
    }
    if (!canRebaseOn(reference)) {
      throw new IllegalArgumentException(
          "cannot re-base a stamp of boot " + bootId + " on " + reference);
    }
    long distanceMillis = Math.floorDiv(reference.monotonicNanos - monotonicNanos, 1_000_000L);
    return new Stamp(sequence, bootId, monotonicNanos, reference.wallMillis - distanceMillis, true);
  }

  /**
   * Whether {@link #rebasedOn} can correct this stamp with {@code reference}: only with a
   * synchronised stamp from the same boot. Records from a boot that ended before its clock ever
   * synchronised cannot be corrected and stay flagged as unsynchronised.
   */
  public boolean canRebaseOn(Stamp reference) {
    return reference.synchronised && reference.bootId.equals(bootId);
  }
}
