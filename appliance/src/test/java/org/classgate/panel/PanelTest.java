package org.classgate.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.classgate.health.BoxState;
import org.classgate.health.Problem;
import org.classgate.health.Severity;
import org.classgate.panel.simulated.SimulatedPanelHardware;
import org.junit.jupiter.api.Test;

/**
 * The panel with simulated hardware, a stepped clock and recordings run in the caller's thread. The
 * sink keeps reports in memory; the SQLite incident log behind the real sink is tested in the
 * incidents package and end to end in PanelPressIT.
 */
class PanelTest {
  private static final long MS = 1_000_000L;

  private final AtomicLong nanos = new AtomicLong(5_000 * MS);
  private final AtomicReference<BoxState> health = new AtomicReference<>(BoxState.HEALTHY);
  private final AtomicBoolean setupNeeded = new AtomicBoolean(false);
  private final SimulatedPanelHardware hardware = new SimulatedPanelHardware("simulated");
  private final MemorySink sink = new MemorySink();
  private final List<Runnable> queued = new ArrayList<>();
  private final Panel panel =
      new Panel(
          hardware,
          sink,
          health::get,
          setupNeeded::get,
          new PanelTimings(
              Duration.ofMillis(30),
              Duration.ofSeconds(10),
              Duration.ofSeconds(3),
              Duration.ofMinutes(15)),
          nanos::get,
          queued::add,
          null);

  /** Reports as the incident log would keep them, in memory. */
  private final class MemorySink implements ReportSink {
    final List<Integer> counts = new ArrayList<>();
    final Set<Long> acknowledged = new HashSet<>();
    String failWith;
    long sequence = 100;

    @Override
    public Recorded record(Press press) throws ReportException {
      if (failWith != null) {
        throw new ReportException(failWith, null);
      }
      if (press.reportId() == 0) {
        counts.add(1);
        return new Recorded(counts.size(), 1, ++sequence);
      }
      int index = (int) press.reportId() - 1;
      counts.set(index, counts.get(index) + 1);
      return new Recorded(press.reportId(), counts.get(index), ++sequence);
    }

    @Override
    public boolean awaitingStaff(long reportId) {
      return !acknowledged.contains(reportId);
    }
  }

  private void runQueued() {
    List<Runnable> now = new ArrayList<>(queued);
    queued.clear();
    now.forEach(Runnable::run);
  }

  private void step(long millis) {
    nanos.addAndGet(millis * MS);
    panel.tick();
  }

  @Test
  void theAcknowledgementIsOnTheLedBeforePressReturnsAndTheReceiptFollowsTheRecord()
      throws Exception {
    panel.tick();
    assertEquals(LedColour.GREEN, hardware.shown());
    var receipt = panel.press();
    assertEquals(LedColour.WHITE, hardware.shown(), "acknowledged before recording");
    assertFalse(receipt.isDone(), "not durable yet");
    runQueued();
    PressReceipt done = receipt.get();
    assertEquals(1, done.reportId());
    assertEquals(1, done.pressCount());
    assertEquals(101, done.sequence());
    step(150);
    assertEquals(LedColour.OFF, hardware.shown(), "flashing");
    step(3_000);
    assertEquals(LedPattern.WAITING_FOR_STAFF, panel.status().pattern());
    assertTrue(panel.status().awaitingStaff());
  }

  @Test
  void pressesWithinTheWindowJoinOneReportWithACount() throws Exception {
    panel.press();
    runQueued();
    step(2_000);
    panel.press();
    step(9_000);
    var third = panel.press();
    runQueued();
    assertEquals(3, third.get().pressCount());
    assertEquals(List.of(3), sink.counts);
    step(10_001);
    var later = panel.press();
    runQueued();
    assertEquals(2, later.get().reportId(), "a press after the window starts a new report");
  }

  @Test
  void aPressAfterStaffAcknowledgedStartsANewReport() throws Exception {
    panel.press();
    runQueued();
    sink.acknowledged.add(1L);
    step(2_500); // the status poll is queued on the recording thread
    runQueued();
    step(1_000);
    assertEquals(LedPattern.HEALTHY, panel.status().pattern());
    var next = panel.press();
    runQueued();
    assertEquals(2, next.get().reportId());
  }

  @Test
  void anAcknowledgementReadForAnOldPressDoesNotEndANewWait() throws Exception {
    panel.press();
    runQueued();
    sink.acknowledged.add(1L);
    step(2_500); // poll queued for the first press...
    step(20_000 - 2_500); // ...a new report's press comes before it runs
    var second = panel.press();
    runQueued();
    assertEquals(2, second.get().reportId());
    step(4_000);
    assertEquals(LedPattern.WAITING_FOR_STAFF, panel.status().pattern());
  }

  @Test
  void aPressThatCannotBeRecordedShowsAFaultProblemUntilOneIs() {
    sink.failWith = "disk I/O error";
    var receipt = panel.press();
    runQueued();
    ExecutionException failure = assertThrows(ExecutionException.class, receipt::get);
    assertEquals("disk I/O error", failure.getCause().getMessage());
    List<Problem> problems = panel.problems();
    assertEquals(Severity.FAULT, problems.get(0).severity());
    assertEquals(
        "the last report button press was not saved: disk I/O error", problems.get(0).message());
    health.set(BoxState.FAULT);
    step(10);
    assertEquals(LedPattern.FAULT, panel.status().pattern(), "no false acknowledgement");

    sink.failWith = null;
    panel.press();
    runQueued();
    assertEquals(List.of(), panel.problems());
  }

  @Test
  void debouncedEdgesFromTheHardwareArePresses() {
    hardware.edge(true);
    hardware.edge(false);
    hardware.edge(true);
    nanos.addAndGet(5 * MS);
    hardware.edge(false);
    runQueued();
    assertEquals(List.of(1), sink.counts, "one press despite the bounce");
    step(100);
    hardware.edge(true);
    runQueued();
    assertEquals(List.of(2), sink.counts);
  }

  @Test
  void healthAndSetupDriveThePatternAtEachTick() {
    health.set(BoxState.STARTING);
    step(10);
    assertEquals(LedColour.BLUE, hardware.shown());
    health.set(BoxState.DEGRADED);
    step(10);
    assertEquals(LedPattern.DEGRADED, panel.status().pattern());
    setupNeeded.set(true);
    step(10);
    assertEquals(LedPattern.SETUP_NEEDED, panel.status().pattern());
    assertEquals(
        "pattern=SETUP_NEEDED colour=BLUE state=DEGRADED awaiting-staff=no report=none"
            + " hardware=simulated",
        panel.status().line());
  }

  @Test
  void anLedThatFailsIsAWarningAndThePanelCarriesOn() throws Exception {
    Panel broken =
        new Panel(
            new PanelHardware() {
              @Override
              public void listen(ButtonListener listener) {}

              @Override
              public void show(LedColour colour) {
                throw new PanelHardwareException("gpio write failed", null);
              }

              @Override
              public String describe() {
                return "broken";
              }

              @Override
              public void close() {}
            },
            sink,
            health::get,
            setupNeeded::get,
            PanelTimings.defaults(),
            nanos::get,
            Runnable::run,
            "GPIO unavailable: no /dev/gpiochip0");
    broken.tick();
    var receipt = broken.press();
    assertEquals(1, receipt.get().pressCount(), "still recorded");
    assertEquals(
        List.of(
            Problem.warning("panel", "GPIO unavailable: no /dev/gpiochip0"),
            Problem.warning("panel", "the LED cannot be set: gpio write failed")),
        broken.problems());
  }
}
