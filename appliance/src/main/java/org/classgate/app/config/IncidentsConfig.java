package org.classgate.app.config;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The classroom's name, incident snapshots and alert rules ({@code classroom.name}, {@code
 * incidents.*}, {@code alerts.*}). Immutable.
 *
 * @param classroom the classroom's name ({@code classroom.name})
 * @param snapshotWindow how much activity before a press its incident keeps
 * @param watchedCategories categories alerted at the first attempt (configured ones only)
 * @param repeatThreshold blocked attempts on a harmful category that make an alert
 * @param repeatWindow the time they must fall within
 */
public record IncidentsConfig(
    String classroom,
    Duration snapshotWindow,
    List<String> watchedCategories,
    int repeatThreshold,
    Duration repeatWindow) {
  public IncidentsConfig {
    watchedCategories = List.copyOf(watchedCategories);
  }

  /** Watched by default where configured: the seeds' Prevent and self-harm concerns. */
  static final List<String> DEFAULT_WATCHED = List.of("self-harm", "extremism");

  static final String[] KEYS = {
    "incidents.snapshot",
    "alerts.watched-categories",
    "alerts.repeat-threshold",
    "alerts.repeat-window"
  };

  /**
   * @param classroom the classroom's name ({@code classroom.name}, read with the devices'
   *     configuration), recorded on every incident
   */
  static IncidentsConfig read(ConfigReader in, Set<String> categories, String classroom)
      throws ConfigException {
    List<String> watched;
    if (in.isSet("alerts.watched-categories")) {
      watched = in.list("alerts.watched-categories");
      for (String category : watched) {
        if (!categories.contains(category)) {
          throw new ConfigException(
              "alerts.watched-categories",
              category,
              "a configured list category: " + String.join(", ", categories));
        }
      }
    } else {
      in.string("alerts.watched-categories", null);
      watched = new ArrayList<>();
      for (String category : DEFAULT_WATCHED) {
        if (categories.contains(category)) {
          watched.add(category);
        }
      }
    }
    return new IncidentsConfig(
        classroom,
        in.duration(
            "incidents.snapshot", Duration.ofMinutes(10), Duration.ZERO, Duration.ofHours(2)),
        watched,
        in.integer("alerts.repeat-threshold", 5, 1, 10_000),
        in.duration(
            "alerts.repeat-window",
            Duration.ofMinutes(10),
            Duration.ofMinutes(1),
            Duration.ofDays(1)));
  }
}
