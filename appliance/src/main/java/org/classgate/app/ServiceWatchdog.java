package org.classgate.app;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.tinylog.TaggedLogger;

/**
 * Pings systemd's watchdog ({@code WATCHDOG=1}) every interval, but only after a check that the box
 * still answers DNS: a JVM that is alive but no longer answering stops pinging, and systemd
 * restarts the service ({@code WatchdogSec=} with {@code Restart=on-failure}). Thread-safe.
 */
final class ServiceWatchdog implements AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("app");

  private final SystemdNotify notify;
  private final BooleanSupplier answering;
  private ScheduledExecutorService timer; // null until started, or when closed

  /**
   * @param notify where pings go
   * @param answering the liveness check, run on the watchdog's thread before each ping; must return
   *     well within the interval
   */
  ServiceWatchdog(SystemdNotify notify, BooleanSupplier answering) {
    this.notify = notify;
    this.answering = answering;
  }

  /** One round: check, and ping if the check passed. Returns whether it pinged. */
  boolean tick() {
    boolean alive;
    try {
      alive = answering.getAsBoolean();
    } catch (RuntimeException e) {
      // A failing check must not kill the schedule; it counts as "not answering".
      LOG.warn("the liveness check failed: {}", e.toString());
      alive = false;
    }
    if (alive) {
      notify.watchdog();
    } else {
      LOG.warn("not pinging the systemd watchdog: the box is not answering DNS");
    }
    return alive;
  }

  /** Ticks every {@code interval} on a daemon thread, starting now. */
  synchronized void start(Duration interval) {
    if (timer != null) {
      throw new IllegalStateException("already started");
    }
    timer =
        Executors.newSingleThreadScheduledExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "classgate-watchdog");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleWithFixedDelay(this::tick, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    LOG.info("pinging the systemd watchdog every {} s while DNS answers", interval.toSeconds());
  }

  @Override
  public synchronized void close() {
    if (timer != null) {
      timer.shutdownNow();
      timer = null;
    }
  }
}
