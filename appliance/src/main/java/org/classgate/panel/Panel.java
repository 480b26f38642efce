package org.classgate.panel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.classgate.health.BoxState;
import org.classgate.health.Problem;
import org.tinylog.TaggedLogger;

/**
 * The report button and the LED. A press lights the acknowledgement at once, on the caller's
 * thread, and is handed to the single recording thread, which makes it durable through the {@link
 * ReportSink}: presses within the coalescing window of the previous one join its report (counted),
 * as long as nobody has acknowledged it yet. {@link #tick()}, called every few tens of
 * milliseconds, settles the button, follows the health and animates the pattern chosen by the
 * {@link PanelStateMachine}.
 *
 * <p>Nothing here can stop DNS: the panel has its own threads, every hardware failure becomes a
 * {@link #problems() problem} and the panel carries on. Thread-safe.
 */
public final class Panel {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("panel");

  /** How often a waiting report's status is read back, to notice staff acknowledging it. */
  static final long STATUS_POLL_NANOS = 2_000_000_000L;

  private final PanelHardware hardware;
  private final ReportSink reports;
  private final Supplier<BoxState> health;
  private final BooleanSupplier setupNeeded;
  private final PanelTimings timings;
  private final LongSupplier nanoTime;
  private final Executor recorder;
  private final String hardwareProblem;

  // Guarded by this.
  private final PanelStateMachine machine;
  private final ButtonDebouncer debouncer;
  private BoxState state = BoxState.STARTING;
  private LedPattern pattern;
  private long patternSince;
  private LedColour shown;
  private String showFailure;
  private String recordFailure;
  private long lastPollNanos;

  /** The report presses join; written only by the recording thread. */
  private volatile long currentReportId;

  /**
   * @param hardware the button and LED; {@link PanelHardware#listen} is called here
   * @param health the box's state now (asked at every tick)
   * @param setupNeeded whether the box still needs setting up
   * @param recorder runs recordings one at a time, in submission order (one thread)
   * @param hardwareProblem why the configured hardware is missing (this is then a fallback), or
   *     null
   */
  public Panel(
      PanelHardware hardware,
      ReportSink reports,
      Supplier<BoxState> health,
      BooleanSupplier setupNeeded,
      PanelTimings timings,
      LongSupplier nanoTime,
      Executor recorder,
      String hardwareProblem) {
    this.hardware = hardware;
    this.reports = reports;
    this.health = health;
    this.setupNeeded = setupNeeded;
    this.timings = timings;
    this.nanoTime = nanoTime;
    this.recorder = recorder;
    this.hardwareProblem = hardwareProblem;
    this.machine = new PanelStateMachine(timings);
    this.debouncer = new ButtonDebouncer(timings.debounce().toNanos());
    hardware.listen(this::edge);
  }

  /** A raw edge from the button. */
  private void edge(boolean pressed) {
    boolean press;
    synchronized (this) {
      press = debouncer.edge(pressed, nanoTime.getAsLong());
    }
    if (press) {
      press();
    }
  }

  /**
   * A press (already debounced): the acknowledgement shows before this returns; the future
   * completes once the press is durable, or exceptionally with the reason it is not.
   */
  public CompletableFuture<PressReceipt> press() {
    long start = nanoTime.getAsLong();
    boolean join;
    synchronized (this) {
      join =
          machine.everPressed()
              && start - machine.lastPressNanos() <= timings.coalesceWindow().toNanos()
              && machine.awaitingStaff(start);
      machine.pressed(start);
      pattern = null; // restart the acknowledgement from its first (lit) frame
      render(start);
    }
    long acknowledged = nanoTime.getAsLong() - start;
    CompletableFuture<PressReceipt> receipt = new CompletableFuture<>();
    recorder.execute(() -> record(join, start, acknowledged, receipt));
    return receipt;
  }

  /** On the recording thread only. */
  private void record(
      boolean join, long start, long acknowledged, CompletableFuture<PressReceipt> receipt) {
    long joining = join ? currentReportId : 0;
    try {
      ReportSink.Recorded recorded = reports.record(new ReportSink.Press(joining, start));
      currentReportId = recorded.reportId();
      synchronized (this) {
        recordFailure = null;
      }
      receipt.complete(
          new PressReceipt(
              recorded.reportId(),
              recorded.pressCount(),
              recorded.sequence(),
              acknowledged,
              nanoTime.getAsLong() - start));
    } catch (ReportSink.ReportException | RuntimeException e) {
      LOG.error("a report button press could not be recorded: {}", e.getMessage());
      currentReportId = 0;
      synchronized (this) {
        recordFailure = e.getMessage();
        machine.recordFailed();
        render(nanoTime.getAsLong());
      }
      receipt.completeExceptionally(e);
    }
  }

  /** Settles the button, reads the health and updates the LED. Call every 20-50 ms. */
  public void tick() {
    long now = nanoTime.getAsLong();
    BoxState current = currentHealth();
    boolean press;
    boolean poll = false;
    long pollFor = 0;
    synchronized (this) {
      state = current;
      press = debouncer.settle(now);
      render(now);
      if (machine.awaitingStaff(now) && now - lastPollNanos >= STATUS_POLL_NANOS) {
        lastPollNanos = now;
        poll = true;
        pollFor = machine.lastPressNanos();
      }
    }
    if (press) {
      press();
    }
    if (poll) {
      long pressAtPoll = pollFor;
      recorder.execute(() -> pollStatus(pressAtPoll));
    }
  }

  private BoxState currentHealth() {
    try {
      return health.get();
    } catch (RuntimeException e) {
      LOG.warn("health unavailable to the panel: {}", e.toString());
      return BoxState.FAULT;
    }
  }

  /** On the recording thread: has staff acknowledged the report of the press at pressNanos? */
  private void pollStatus(long pressNanos) {
    long reportId = currentReportId;
    if (reportId == 0) {
      return;
    }
    try {
      if (!reports.awaitingStaff(reportId)) {
        acknowledged(pressNanos);
      }
    } catch (ReportSink.ReportException | RuntimeException e) {
      LOG.warn("cannot read report {}'s status: {}", reportId, e.getMessage());
    }
  }

  /** A member of staff acknowledged report {@code reportId} (e.g. from the console). */
  public void staffAcknowledged(long reportId) {
    if (reportId != 0 && reportId == currentReportId) {
      synchronized (this) {
        acknowledged(machine.lastPressNanos());
      }
    }
  }

  private synchronized void acknowledged(long pressNanos) {
    // A press after the status was asked for belongs to a new report: do not end its wait.
    if (machine.lastPressNanos() == pressNanos) {
      machine.staffAcknowledged();
      render(nanoTime.getAsLong());
    }
  }

  /** Called with this held. */
  private void render(long now) {
    LedPattern next = machine.pattern(now, state, setupNeeded.getAsBoolean());
    if (next != pattern) {
      LOG.debug("LED pattern {} -> {}", pattern, next);
      pattern = next;
      patternSince = now;
    }
    LedColour colour = pattern.colourAt(now - patternSince);
    if (colour != shown) {
      try {
        hardware.show(colour);
        shown = colour;
        showFailure = null;
      } catch (RuntimeException e) {
        if (showFailure == null) {
          LOG.warn("the LED cannot be set: {}", e.getMessage());
        }
        showFailure = e.getMessage();
      }
    }
  }

  public synchronized PanelStatus status() {
    long now = nanoTime.getAsLong();
    return new PanelStatus(
        pattern == null ? machine.pattern(now, state, setupNeeded.getAsBoolean()) : pattern,
        shown == null ? LedColour.OFF : shown,
        state,
        machine.awaitingStaff(now),
        currentReportId,
        hardware.describe());
  }

  /**
   * The panel's own problems, for {@code Health}: missing hardware and LED failures are warnings
   * (the box still filters), a press that could not be recorded is a fault until one can.
   */
  public synchronized List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    if (hardwareProblem != null) {
      problems.add(Problem.warning("panel", hardwareProblem));
    }
    if (showFailure != null) {
      problems.add(Problem.warning("panel", "the LED cannot be set: " + showFailure));
    }
    if (recordFailure != null) {
      problems.add(
          Problem.fault("panel", "the last report button press was not saved: " + recordFailure));
    }
    return problems;
  }
}
