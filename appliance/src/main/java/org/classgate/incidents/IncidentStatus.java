package org.classgate.incidents;

import java.util.Locale;

/**
 * Where an incident is in its handling. The only moves are one step forward: new → acknowledged (a
 * member of staff has seen it) → under review (investigated, the seeds' review record) → closed.
 */
public enum IncidentStatus {
  NEW,
  ACKNOWLEDGED,
  UNDER_REVIEW,
  CLOSED;

  /** Whether an incident in this status may move to {@code next}. */
  public boolean canMoveTo(IncidentStatus next) {
    return next.ordinal() == ordinal() + 1;
  }

  /** The stored and printed name, e.g. {@code under-review}. */
  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The status named {@code label}.
   *
   * @throws IllegalArgumentException listing the names, for anything else
   */
  public static IncidentStatus ofLabel(String label) {
    for (IncidentStatus status : values()) {
      if (status.label().equals(label)) {
        return status;
      }
    }
    throw new IllegalArgumentException(
        "unknown status '" + label + "': new, acknowledged, under-review or closed");
  }
}
