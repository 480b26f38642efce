package org.classgate.panel;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.classgate.health.BoxState;
import org.tinylog.TaggedLogger;

/**
 * Runs a {@link Panel}: one recording thread (presses are written one at a time, in order) and one
 * ticking thread every {@link #TICK_MILLIS} ms. Both are daemon threads of their own, so nothing
 * the panel does can hold up DNS. Closing stops the ticks, lets queued recordings finish, and
 * releases the hardware.
 */
public final class PanelRuntime implements AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("panel");

  /** Fast enough for the 100 ms frames of the acknowledgement pattern. */
  static final long TICK_MILLIS = 25;

  private final Panel panel;
  private final PanelHardware hardware;
  private final ExecutorService recorder;
  private final ScheduledExecutorService ticker;

  private PanelRuntime(
      Panel panel,
      PanelHardware hardware,
      ExecutorService recorder,
      ScheduledExecutorService ticker) {
    this.panel = panel;
    this.hardware = hardware;
    this.recorder = recorder;
    this.ticker = ticker;
  }

  /** Builds the panel on {@code hardware} (owned from now on) and starts its threads. */
  public static PanelRuntime start(
      PanelHardware hardware,
      ReportSink reports,
      Supplier<BoxState> health,
      BooleanSupplier setupNeeded,
      PanelTimings timings,
      LongSupplier nanoTime,
      String hardwareProblem) {
    ExecutorService recorder = Executors.newSingleThreadExecutor(daemon("panel-record"));
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(daemon("panel-tick"));
    Panel panel =
        new Panel(
            hardware, reports, health, setupNeeded, timings, nanoTime, recorder, hardwareProblem);
    ticker.scheduleWithFixedDelay(
        () -> {
          // A failing tick must not end the schedule (a thrown exception would).
          try {
            panel.tick();
          } catch (RuntimeException e) {
            LOG.error(e, "panel tick failed");
          }
        },
        0,
        TICK_MILLIS,
        TimeUnit.MILLISECONDS);
    LOG.info("report panel ready: {}", hardware.describe());
    return new PanelRuntime(panel, hardware, recorder, ticker);
  }

  public Panel panel() {
    return panel;
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      // Presses and the LED must not wait behind DNS work for the CPU.
      thread.setPriority(Thread.MAX_PRIORITY);
      return thread;
    };
  }

  @Override
  public void close() {
    ticker.shutdownNow();
    recorder.shutdown();
    try {
      if (!recorder.awaitTermination(5, TimeUnit.SECONDS)) {
        LOG.warn("a report button press was still being recorded at shutdown");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    hardware.close();
  }
}
