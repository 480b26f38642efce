package org.classgate.app.config;

import java.time.Duration;
import org.classgate.panel.PanelTimings;
import org.classgate.panel.pi4j.PanelPins;

/**
 * The report button and LED ({@code panel.*}) and the health checks ({@code health.*}). Immutable.
 *
 * @param diskMinFreeMib below this much free space in the data directory the box is in FAULT
 * @param clockGrace how long the clock may stay unsynchronised after the start before FAULT
 * @param clockSync how the box knows its clock is synchronised
 */
public record PanelConfig(
    Mode mode,
    PanelPins pins,
    PanelTimings timings,
    int diskMinFreeMib,
    Duration clockGrace,
    ClockSyncSource clockSync) {
  /** Where the panel is. */
  public enum Mode {
    /** The Pi's GPIO (Pi4J gpiod); a box without it falls back to simulated and is DEGRADED. */
    GPIO,
    /** Pressed through the control socket; the LED is shown by {@code classgate panel status}. */
    SIMULATED,
    /** No panel at all. */
    OFF
  }

  /** How clock synchronisation is known. */
  public enum ClockSyncSource {
    /** systemd-timesyncd's marker file (the box). */
    TIMESYNCD,
    /** Assumed synchronised (development machines). */
    ASSUMED
  }

  static final String[] KEYS = {
    "panel.mode",
    "panel.button.pin",
    "panel.button.active-low",
    "panel.button.debounce",
    "panel.led.red",
    "panel.led.green",
    "panel.led.blue",
    "panel.led.active-low",
    "panel.coalesce-window",
    "panel.acknowledge-time",
    "panel.waiting-timeout",
    "health.disk-min-free-mib",
    "health.clock-grace",
    "health.clock-sync"
  };

  static PanelConfig read(ConfigReader in) throws ConfigException {
    Mode mode = in.choice("panel.mode", Mode.SIMULATED, Mode.class);
    PanelPins pins =
        new PanelPins(
            in.integer("panel.button.pin", 17, 0, 63),
            bool(in, "panel.button.active-low", true),
            pin(in, "panel.led.red", 22),
            pin(in, "panel.led.green", 27),
            pin(in, "panel.led.blue", 24),
            bool(in, "panel.led.active-low", false));
    int[] used = {pins.button(), pins.red(), pins.green(), pins.blue()};
    for (int i = 0; i < used.length; i++) {
      for (int j = i + 1; j < used.length; j++) {
        if (used[i] != PanelPins.NOT_WIRED && used[i] == used[j]) {
          throw new ConfigException(
              "panel.led.*", "GPIO " + used[i] + " is configured twice: " + pins);
        }
      }
    }
    PanelTimings timings =
        new PanelTimings(
            in.duration(
                "panel.button.debounce",
                Duration.ofMillis(30),
                Duration.ZERO,
                Duration.ofMillis(500)),
            in.duration(
                "panel.coalesce-window",
                Duration.ofSeconds(10),
                Duration.ZERO,
                Duration.ofMinutes(10)),
            in.duration(
                "panel.acknowledge-time",
                Duration.ofSeconds(3),
                Duration.ofMillis(500),
                Duration.ofMinutes(1)),
            in.duration(
                "panel.waiting-timeout",
                Duration.ofMinutes(15),
                Duration.ofSeconds(10),
                Duration.ofDays(1)));
    return new PanelConfig(
        mode,
        pins,
        timings,
        in.integer("health.disk-min-free-mib", 200, 0, 1_000_000),
        in.duration("health.clock-grace", Duration.ofHours(1), Duration.ZERO, Duration.ofDays(7)),
        in.choice("health.clock-sync", ClockSyncSource.TIMESYNCD, ClockSyncSource.class));
  }

  private static int pin(ConfigReader in, String key, int fallback) throws ConfigException {
    String text = in.string(key, null);
    if ("none".equals(text)) {
      return PanelPins.NOT_WIRED;
    }
    return in.integer(key, fallback, 0, 63);
  }

  private static boolean bool(ConfigReader in, String key, boolean fallback)
      throws ConfigException {
    String text = in.string(key, null);
    if (text == null) {
      return fallback;
    }
    return switch (text) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new ConfigException(key, text, "true or false");
    };
  }
}
