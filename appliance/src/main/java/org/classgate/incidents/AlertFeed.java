package org.classgate.incidents;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.classgate.activity.ActivityLog;
import org.classgate.activity.QueryRecord;
import org.classgate.health.Problem;
import org.classgate.store.StoreException;
import org.tinylog.TaggedLogger;

/**
 * Feeds DNS decisions to the {@link AlertRules} without ever holding up the DNS path: {@link
 * #record} keeps only the decisions that can raise an alert and offers them to a bounded queue (no
 * waiting); one thread evaluates them and stores the alerts. If the queue is ever full the decision
 * is dropped and counted, and the count is a health problem: an alert missed must be visible.
 * Thread-safe.
 */
public final class AlertFeed implements ActivityLog, AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("alerts");

  private final AlertRules rules;
  private final AlertStore store;
  private final BlockingQueue<QueryRecord> queue;
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong stored = new AtomicLong();
  private volatile String storeFailure;
  private final Thread worker;
  private volatile boolean running = true;

  public AlertFeed(AlertRules rules, AlertStore store, int capacity) {
    this.rules = rules;
    this.store = store;
    this.queue = new ArrayBlockingQueue<>(capacity);
    this.worker = new Thread(this::drain, "alerts");
    this.worker.setDaemon(true);
  }

  public AlertFeed start() {
    worker.start();
    return this;
  }

  /** On the DNS path: a mask test, and for the few concerning records a non-blocking offer. */
  @Override
  public void record(QueryRecord record) {
    try {
      if (rules.concerns(record) && !queue.offer(record)) {
        dropped.incrementAndGet();
      }
    } catch (RuntimeException e) {
      dropped.incrementAndGet();
    }
  }

  private void drain() {
    List<QueryRecord> batch = new ArrayList<>();
    while (running || !queue.isEmpty()) {
      try {
        QueryRecord first = queue.poll(200, TimeUnit.MILLISECONDS);
        if (first == null) {
          continue;
        }
        batch.add(first);
        queue.drainTo(batch, 255);
        List<Alert> alerts = new ArrayList<>();
        for (QueryRecord record : batch) {
          alerts.addAll(rules.evaluate(record));
        }
        store.add(alerts);
        stored.addAndGet(alerts.size());
        storeFailure = null;
        for (Alert alert : alerts) {
          LOG.info("alert {}: {}", alert.kind().label(), alert.detail());
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (StoreException | RuntimeException e) {
        LOG.error("alerts could not be stored: {}", e.getMessage());
        storeFailure = e.getMessage();
      } finally {
        batch.clear();
      }
    }
  }

  /** Alerts stored since the start. */
  public long stored() {
    return stored.get();
  }

  /** Decisions that could not be evaluated because the queue was full. */
  public long dropped() {
    return dropped.get();
  }

  /** For {@code Health}: missed decisions are a warning, alerts that cannot be stored a fault. */
  public List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    long missed = dropped.get();
    if (missed > 0) {
      problems.add(
          Problem.warning(
              "alerts", missed + " DNS decisions were not checked for alerts (queue full)"));
    }
    String failure = storeFailure;
    if (failure != null) {
      problems.add(Problem.fault("alerts", "alerts cannot be stored: " + failure));
    }
    return problems;
  }

  /** Evaluates what is queued, then stops. */
  @Override
  public void close() {
    running = false;
    try {
      worker.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
