package org.classgate.console;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Locale;
import java.util.Optional;
import org.classgate.filter.schedule.Timetable;

/**
 * The preset lengths of a temporary unblock on the console: a teacher in a lesson picks one button
 * instead of typing a time. Each turns "now" into an expiry.
 */
enum UnblockDuration {
  /** Until the timetable period in force ends (the lesson's end). */
  LESSON("lesson"),
  /** One hour: the teacher's fast path at most (ApprovalRules). */
  HOUR("hour"),
  /** Until midnight in the timetable's zone. */
  TODAY("today");

  private final String id;

  UnblockDuration(String id) {
    this.id = id;
  }

  String id() {
    return id;
  }

  /** The duration named {@code id}, or empty; never throws on hostile input. */
  static Optional<UnblockDuration> fromId(String id) {
    for (UnblockDuration duration : values()) {
      if (duration.id.equals(id == null ? null : id.toLowerCase(Locale.ROOT))) {
        return Optional.of(duration);
      }
    }
    return Optional.empty();
  }

  /**
   * When an unblock made at {@code now} for this duration ends.
   *
   * @throws ApiException 409 for {@link #LESSON} when no lesson is on (outside every period)
   */
  Instant expiry(Instant now, Timetable timetable) throws ApiException {
    return switch (this) {
      case HOUR -> now.plus(Duration.ofHours(1));
      case TODAY -> {
        ZoneId zone = timetable.zone();
        yield now.atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant();
      }
      case LESSON -> {
        if (timetable.periodAt(now).equals(Timetable.OUTSIDE)) {
          throw new ApiException(
              409, "no lesson is on now by the timetable: choose 1 hour or today instead");
        }
        // The period in force ends at the timetable's next change.
        yield timetable
            .nextChangeAfter(now)
            .orElseThrow(
                () ->
                    new ApiException(
                        409, "the timetable has no end to this period: choose 1 hour or today"));
      }
    };
  }
}
