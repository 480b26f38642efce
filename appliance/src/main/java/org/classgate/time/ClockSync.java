package org.classgate.time;

import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the wall clock is known to be synchronised. Implementations are thread-safe. */
@FunctionalInterface
public interface ClockSync {
  boolean isSynchronised();

  /** For development machines and tests whose clock is trusted (never on the box itself). */
  ClockSync ASSUMED = () -> true;

  /**
   * systemd-timesyncd's view: it creates {@code /run/systemd/timesync/synchronized} once it has
   * synchronised the clock in this boot (timesyncd(8)); {@code /run} is emptied at every boot, so
   * the file never outlives the boot it describes.
   */
  static ClockSync timesyncd() {
    return marker(Path.of("/run/systemd/timesync/synchronized"));
  }

  /** Synchronised once {@code marker} exists. */
  static ClockSync marker(Path marker) {
    return () -> Files.exists(marker);
  }
}
