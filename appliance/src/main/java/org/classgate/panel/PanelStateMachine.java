package org.classgate.panel;

import org.classgate.health.BoxState;

/**
 * The one place that decides the LED's pattern, from the box's health and the report state. Pure:
 * time comes in as arguments ({@code nanos}, a monotonic reading), so tests step it. Not
 * thread-safe: {@link Panel} calls it under its lock.
 *
 * <p>Precedence, first match wins, and why:
 *
 * <ol>
 *   <li>{@link LedPattern#ACKNOWLEDGE} for {@code acknowledgeTime} after a press: a child who
 *       pressed must see at once that the box heard them, whatever else is wrong; cut short if the
 *       press could not be recorded ({@link #recordFailed}), so the box never claims a report it
 *       lost.
 *   <li>{@link LedPattern#FAULT}: a box that may not be filtering or recording is everyone's
 *       emergency; a waiting report is still in the incident log and on the console.
 *   <li>{@link LedPattern#WAITING_FOR_STAFF} until a member of staff acknowledges the report or
 *       {@code waitingTimeout} after the last press.
 *   <li>{@link LedPattern#SETUP_NEEDED}, {@link LedPattern#STARTING}, {@link LedPattern#DEGRADED},
 *       {@link LedPattern#HEALTHY}.
 * </ol>
 */
public final class PanelStateMachine {
  private final PanelTimings timings;

  private boolean pressed;
  private long lastPressNanos;
  private boolean acknowledging;
  private boolean awaitingStaff;

  public PanelStateMachine(PanelTimings timings) {
    this.timings = timings;
  }

  /** A (debounced) press at {@code nanos}: acknowledge now, then wait for staff. */
  public void pressed(long nanos) {
    pressed = true;
    lastPressNanos = nanos;
    acknowledging = true;
    awaitingStaff = true;
  }

  /** The last press could not be recorded: stop acknowledging it (health shows the fault). */
  public void recordFailed() {
    acknowledging = false;
  }

  /** A member of staff acknowledged the waiting report. */
  public void staffAcknowledged() {
    awaitingStaff = false;
  }

  /** Whether a report is waiting for staff at {@code nanos}. */
  public boolean awaitingStaff(long nanos) {
    return pressed && awaitingStaff && nanos - lastPressNanos < timings.waitingTimeout().toNanos();
  }

  /** Nanos of the last press; meaningful only after one. */
  public long lastPressNanos() {
    return lastPressNanos;
  }

  public boolean everPressed() {
    return pressed;
  }

  /** The pattern to show at {@code nanos}. */
  public LedPattern pattern(long nanos, BoxState state, boolean setupNeeded) {
    if (pressed && acknowledging && nanos - lastPressNanos < timings.acknowledgeTime().toNanos()) {
      return LedPattern.ACKNOWLEDGE;
    }
    if (state == BoxState.FAULT) {
      return LedPattern.FAULT;
    }
    if (awaitingStaff(nanos)) {
      return LedPattern.WAITING_FOR_STAFF;
    }
    if (setupNeeded) {
      return LedPattern.SETUP_NEEDED;
    }
    return switch (state) {
      case STARTING -> LedPattern.STARTING;
      case DEGRADED -> LedPattern.DEGRADED;
      case HEALTHY -> LedPattern.HEALTHY;
      case FAULT -> LedPattern.FAULT;
    };
  }
}
