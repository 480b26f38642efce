package org.classgate.incidents;

import java.util.Objects;
import org.classgate.time.Stamp;

/**
 * One incident, as a line of the Reporting Log. Immutable.
 *
 * @param stamp when it was recorded (the first press, or when staff logged it)
 * @param pressCount presses of the report button in it; 0 for one logged by staff
 * @param description the Reporting Log's "Incident"
 * @param occurredAt when it happened, as staff gave it (free text), or null: the stamp's time
 * @param reportedBy the Reporting Log's "Incident Reported By", or null for a press
 */
public record Incident(
    long id,
    Stamp stamp,
    Source source,
    String classroom,
    int pressCount,
    String description,
    String occurredAt,
    String reportedBy,
    IncidentStatus status) {
  /** How the incident came in. */
  public enum Source {
    /** A press of the report button. */
    BUTTON,
    /** Logged by a member of staff. */
    STAFF
  }

  public Incident {
    Objects.requireNonNull(stamp, "stamp");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(classroom, "classroom");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(status, "status");
  }
}
