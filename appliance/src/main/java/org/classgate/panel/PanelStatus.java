package org.classgate.panel;

import org.classgate.health.BoxState;

/**
 * What the panel shows now. Immutable.
 *
 * @param reportId the report presses currently join, 0 if none
 */
public record PanelStatus(
    LedPattern pattern,
    LedColour colour,
    BoxState state,
    boolean awaitingStaff,
    long reportId,
    String hardware) {
  /** One line, e.g. {@code pattern=HEALTHY colour=GREEN state=HEALTHY awaiting-staff=no …}. */
  public String line() {
    return "pattern="
        + pattern
        + " colour="
        + colour
        + " state="
        + state
        + " awaiting-staff="
        + (awaitingStaff ? "yes" : "no")
        + " report="
        + (reportId == 0 ? "none" : Long.toString(reportId))
        + " hardware="
        + hardware;
  }
}
