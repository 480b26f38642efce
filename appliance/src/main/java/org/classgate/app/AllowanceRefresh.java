package org.classgate.app;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.classgate.dns.wire.Name;
import org.classgate.filter.allowance.Allowance;
import org.classgate.filter.allowance.AllowanceSet;
import org.classgate.filter.store.SqliteAllowanceStore;
import org.classgate.store.StoreException;
import org.tinylog.TaggedLogger;

/**
 * Keeps the DNS chain's allowance set current: allowances are created and revoked by other
 * processes (the {@code classgate policy} command) and by the console in the shared database, and
 * expire by time. Every few seconds this expires what is due (each expiry is written to the
 * change-control log) and swaps in a fresh snapshot. A failed round is logged and retried; it never
 * stops the schedule, and the last good snapshot stays in force.
 */
final class AllowanceRefresh implements AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("filter");

  private final SqliteAllowanceStore store;
  private final Predicate<Name> isLocked;
  private final AtomicReference<AllowanceSet> current;
  private final ScheduledExecutorService scheduler;

  private AllowanceRefresh(
      SqliteAllowanceStore store, Predicate<Name> isLocked, AllowanceSet initial) {
    this.store = store;
    this.isLocked = isLocked;
    this.current = new AtomicReference<>(initial);
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "allowance-refresh");
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Loads the active allowances now, then refreshes them every {@code period}. */
  static AllowanceRefresh start(
      SqliteAllowanceStore store, Predicate<Name> isLocked, Duration period) throws StoreException {
    store.expire();
    AllowanceRefresh refresh = new AllowanceRefresh(store, isLocked, store.snapshot(isLocked));
    long millis = period.toMillis();
    refresh.scheduler.scheduleWithFixedDelay(
        refresh::refresh, millis, millis, TimeUnit.MILLISECONDS);
    return refresh;
  }

  /** The current snapshot; never null. */
  AllowanceSet get() {
    return current.get();
  }

  /**
   * Refreshes now (after the console made or revoked an allowance), so the change is in force when
   * the teacher's click returns rather than at the next round. Never throws.
   */
  void refreshNow() {
    refresh();
  }

  // Synchronized: a console nudge and the scheduled round must not swap in an older snapshot last.
  private synchronized void refresh() {
    try {
      List<Allowance> expired = store.expire();
      for (Allowance allowance : expired) {
        LOG.info("allowance expired: {}", allowance.describe());
      }
      current.set(store.snapshot(isLocked));
    } catch (StoreException | RuntimeException e) {
      LOG.error("could not refresh allowances (keeping the last set): {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
