package org.classgate.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.classgate.health.BoxState;
import org.junit.jupiter.api.Test;

/** The LED's one state machine, with time stepped by hand. */
class PanelStateMachineTest {
  private static final long S = 1_000_000_000L;

  private final PanelStateMachine machine =
      new PanelStateMachine(
          new PanelTimings(
              Duration.ofMillis(30),
              Duration.ofSeconds(10),
              Duration.ofSeconds(3),
              Duration.ofMinutes(15)));

  @Test
  void healthAloneDecidesWithoutAReport() {
    assertEquals(LedPattern.STARTING, machine.pattern(0, BoxState.STARTING, false));
    assertEquals(LedPattern.HEALTHY, machine.pattern(0, BoxState.HEALTHY, false));
    assertEquals(LedPattern.DEGRADED, machine.pattern(0, BoxState.DEGRADED, false));
    assertEquals(LedPattern.FAULT, machine.pattern(0, BoxState.FAULT, false));
    assertEquals(LedPattern.SETUP_NEEDED, machine.pattern(0, BoxState.HEALTHY, true));
    assertEquals(LedPattern.FAULT, machine.pattern(0, BoxState.FAULT, true), "fault beats setup");
  }

  @Test
  void aPressAcknowledgesAtOnceThenWaitsForStaffUntilAcknowledged() {
    long t = 100 * S;
    machine.pressed(t);
    assertEquals(LedPattern.ACKNOWLEDGE, machine.pattern(t, BoxState.HEALTHY, false));
    assertEquals(LedPattern.ACKNOWLEDGE, machine.pattern(t + 3 * S - 1, BoxState.HEALTHY, false));
    assertEquals(LedPattern.WAITING_FOR_STAFF, machine.pattern(t + 3 * S, BoxState.HEALTHY, false));
    assertTrue(machine.awaitingStaff(t + 60 * S));
    machine.staffAcknowledged();
    assertFalse(machine.awaitingStaff(t + 60 * S));
    assertEquals(LedPattern.HEALTHY, machine.pattern(t + 60 * S, BoxState.HEALTHY, false));
  }

  @Test
  void waitingEndsByItselfAfterTheTimeoutFromTheLastPress() {
    machine.pressed(0);
    machine.pressed(10 * 60 * S);
    long lastPlus15m = 25 * 60 * S;
    assertEquals(
        LedPattern.WAITING_FOR_STAFF, machine.pattern(lastPlus15m - 1, BoxState.HEALTHY, false));
    assertEquals(LedPattern.HEALTHY, machine.pattern(lastPlus15m, BoxState.HEALTHY, false));
  }

  @Test
  void theAcknowledgementShowsEvenInAFaultButTheFaultBeatsWaiting() {
    machine.pressed(0);
    assertEquals(LedPattern.ACKNOWLEDGE, machine.pattern(S, BoxState.FAULT, false));
    assertEquals(LedPattern.FAULT, machine.pattern(4 * S, BoxState.FAULT, false));
    assertEquals(LedPattern.WAITING_FOR_STAFF, machine.pattern(4 * S, BoxState.DEGRADED, true));
    assertEquals(LedPattern.ACKNOWLEDGE, machine.pattern(S, BoxState.STARTING, false));
  }

  @Test
  void aPressThatWasNotRecordedStopsBeingAcknowledged() {
    machine.pressed(0);
    machine.recordFailed();
    assertEquals(LedPattern.FAULT, machine.pattern(S / 10, BoxState.FAULT, false));
    assertEquals(LedPattern.WAITING_FOR_STAFF, machine.pattern(S / 10, BoxState.HEALTHY, false));
  }

  @Test
  void patternsAnimateFromTheirFirstFrame() {
    assertEquals(LedColour.WHITE, LedPattern.ACKNOWLEDGE.colourAt(0));
    assertEquals(LedColour.OFF, LedPattern.ACKNOWLEDGE.colourAt(150_000_000L));
    assertEquals(LedColour.WHITE, LedPattern.ACKNOWLEDGE.colourAt(200_000_000L));
    assertEquals(LedColour.GREEN, LedPattern.HEALTHY.colourAt(123 * S));
    assertEquals(LedColour.GREEN, LedPattern.DEGRADED.colourAt(1_799_999_999L));
    assertEquals(LedColour.AMBER, LedPattern.DEGRADED.colourAt(1_800_000_000L));
    assertEquals(LedColour.RED, LedPattern.FAULT.colourAt(-5));
  }
}
