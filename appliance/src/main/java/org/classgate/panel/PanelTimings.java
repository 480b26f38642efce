package org.classgate.panel;

import java.time.Duration;

/**
 * The panel's timings. Immutable.
 *
 * @param debounce how long the button's contact must stay put before a change counts (switch bounce
 *     lasts a few milliseconds)
 * @param coalesceWindow a press within this time of the previous one joins its report, counted
 * @param acknowledgeTime how long the acknowledgement pattern shows after a press
 * @param waitingTimeout how long after the last press "waiting for staff" shows, if nobody
 *     acknowledges the report; the report itself stays open in the incident log
 */
public record PanelTimings(
    Duration debounce, Duration coalesceWindow, Duration acknowledgeTime, Duration waitingTimeout) {
  public static PanelTimings defaults() {
    return new PanelTimings(
        Duration.ofMillis(30),
        Duration.ofSeconds(10),
        Duration.ofSeconds(3),
        Duration.ofMinutes(15));
  }
}
