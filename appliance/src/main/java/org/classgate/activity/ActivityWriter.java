package org.classgate.activity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.classgate.store.StoreException;
import org.classgate.time.Stamp;
import org.tinylog.TaggedLogger;

/**
 * Drains the {@link RecentActivity} ring into the {@link ActivityStore} in batches, on one thread
 * of its own: a batch is written when {@code flushRows} decisions are waiting or {@code
 * flushInterval} has passed since the last write, whichever comes first, so a quiet classroom costs
 * the SD card one small transaction per interval. DNS threads never wait for it and never wake it
 * (the writer polls every {@value #POLL_MILLIS} ms): when it falls behind by more than the ring
 * holds, the oldest decisions are overwritten and counted as dropped.
 *
 * <p>Each batch gets one {@link Stamp} (one sequence number, one reading of the clocks and of the
 * synchronisation state) rather than one per decision: a stamp costs a synchronised sequence
 * counter and, on the box, a check of timesyncd's marker file, far more than recording itself. Rows
 * keep their own monotonic time, from which the store derives each row's wall time. The first
 * synchronised batch of a boot re-bases the unsynchronised batches stored earlier in that boot.
 *
 * <p>Thread-safe: {@link #flush}, {@link #problems} and the counters may be called from any thread.
 */
public final class ActivityWriter implements AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("activity");

  static final long POLL_MILLIS = 25;
  private static final long DROP_LOG_NANOS = TimeUnit.MINUTES.toNanos(1);
  private static final long PROBLEM_WINDOW_NANOS = TimeUnit.MINUTES.toNanos(10);

  /**
   * @param flushInterval the longest a decision waits in memory before it is written
   * @param flushRows the most decisions written in one batch; a batch is written as soon as this
   *     many are waiting
   */
  public record Settings(Duration flushInterval, int flushRows) {
    public Settings {
      if (flushInterval.isNegative() || flushInterval.isZero() || flushRows <= 0) {
        throw new IllegalArgumentException("flush interval and rows must be positive");
      }
    }
  }

  /** Issues the batch stamps: {@code TrustedTime::now} on the box. */
  @FunctionalInterface
  public interface Stamps {
    Stamp now() throws StoreException;
  }

  private final ActivityRing ring;
  private final ActivityStore store;
  private final Stamps stamps;
  private final ActivityRetention retention;
  private final String bootId;
  private final LongSupplier nanoTime;
  private final long intervalNanos;
  private final int flushRows;
  private final DecisionRow row = new DecisionRow();

  // Writer-thread state.
  private long cursor;
  private long lastWriteNanos;
  private long retryAfterNanos;
  private boolean rebased;
  private boolean settled;
  private long droppedLogged;
  private long lastDropLogNanos;

  // Shared state.
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong stored = new AtomicLong();
  private volatile long writtenThrough;
  private volatile long flushWanted = -1;
  private volatile long lastDropNanos;
  private volatile String failure;
  private volatile long failureNanos;
  private volatile boolean stopping;
  private Thread thread;

  /**
   * A writer that does nothing until {@link #start()} or {@link #step()}.
   *
   * @param retention applied on the writer thread between batches; null for none
   * @param bootId the current boot: unsynchronised batches of other boots are settled at start
   * @param nanoTime the monotonic clock the records carry
   */
  public ActivityWriter(
      RecentActivity recent,
      ActivityStore store,
      Stamps stamps,
      ActivityRetention retention,
      String bootId,
      Settings settings,
      LongSupplier nanoTime) {
    this.ring = recent.ring();
    this.store = store;
    this.stamps = stamps;
    this.retention = retention;
    this.bootId = bootId;
    this.nanoTime = nanoTime;
    this.intervalNanos = settings.flushInterval().toNanos();
    this.flushRows = settings.flushRows();
    this.cursor = ring.claimed();
    this.writtenThrough = cursor;
    this.lastWriteNanos = nanoTime.getAsLong();
    this.retryAfterNanos = lastWriteNanos;
  }

  /** Starts the writer thread. */
  public synchronized ActivityWriter start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    thread = new Thread(this::loop, "classgate-activity");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  private void loop() {
    while (!stopping) {
      try {
        while (step()) {
          // A full batch was written: more may be waiting.
        }
      } catch (RuntimeException e) {
        // One bad batch must not end activity logging for the life of the process.
        noteFailure("unexpected error: " + e);
        LOG.error(e, "activity writer step failed");
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
    }
  }

  /**
   * Does one round of the writer's work: counts what was overwritten unwritten, writes a batch if
   * one is due, otherwise runs housekeeping (settling ended boots, retention). Called by the writer
   * thread; tests may call it directly on a writer that was not started.
   *
   * @return true if a full batch was written (more may be waiting)
   */
  boolean step() {
    long now = nanoTime.getAsLong();
    long head = ring.claimed();
    skipOverwritten(head, now);
    long waiting = head - cursor;
    boolean wanted = flushWanted >= 0 && flushWanted > cursor;
    boolean due =
        waiting >= flushRows
            || (waiting > 0 && now - lastWriteNanos >= intervalNanos)
            || (waiting > 0 && wanted);
    if (due && now - retryAfterNanos >= 0) {
      return writeBatch(now) == flushRows;
    }
    housekeeping(now);
    logDrops(now);
    return false;
  }

  private void skipOverwritten(long head, long now) {
    long behind = head - cursor;
    if (behind > ring.capacity()) {
      countDropped(behind - ring.capacity(), now);
      cursor = head - ring.capacity();
      writtenThrough = cursor;
    }
  }

  private int writeBatch(long now) {
    int count = 0;
    try {
      // Stamp first, then take what was claimed by then: every decision is older than its stamp.
      Stamp stamp = stamps.now();
      PackedBatch packed = store.begin(stamp);
      long position = cursor;
      long end = ring.claimed();
      while (packed.size() < flushRows && position < end) {
        if (!ring.read(position, row)) {
          if (ring.claimed() - position > ring.capacity()) {
            countDropped(1, now);
            position++;
            continue;
          }
          break; // a DNS thread is still writing this slot: take it next round
        }
        packed.add(row);
        position++;
      }
      count = packed.size();
      if (stamp.synchronised() && !rebased) {
        long corrected = store.rebase(stamp);
        rebased = true;
        if (corrected > 0) {
          LOG.info("clock synchronised: corrected the time of {} earlier decisions", corrected);
        }
      }
      if (count > 0) {
        store.append(packed);
        stored.addAndGet(count);
      }
      cursor = position;
      writtenThrough = position;
      lastWriteNanos = now;
      failure = null;
    } catch (StoreException e) {
      // Keep the cursor: the same decisions are tried again after an interval, unless the ring
      // overwrites them first (then they are counted as dropped).
      retryAfterNanos = now + intervalNanos;
      noteFailure(e.getMessage());
      LOG.warn(
          "cannot store {} activity records, retrying in {}: {}",
          count,
          Duration.ofNanos(intervalNanos),
          e.getMessage());
    }
    return count;
  }

  private void housekeeping(long now) {
    try {
      if (!settled) {
        long rows = store.settleEndedBoots(bootId);
        settled = true;
        if (rows > 0) {
          LOG.warn(
              "{} decisions from boots whose clock never synchronised keep their recorded times (flagged)",
              rows);
        }
      }
      if (retention != null) {
        long deleted = retention.runIfDue();
        if (deleted > 0) {
          LOG.info("retention: deleted {} activity records", deleted);
        }
      }
    } catch (StoreException e) {
      noteFailure(e.getMessage());
      LOG.warn("activity housekeeping failed, will retry: {}", e.getMessage());
    }
  }

  private void countDropped(long count, long now) {
    dropped.addAndGet(count);
    lastDropNanos = now;
  }

  private void logDrops(long now) {
    long total = dropped.get();
    if (total > droppedLogged && now - lastDropLogNanos >= DROP_LOG_NANOS) {
      LOG.warn(
          "activity log fell behind: {} decisions were not stored ({} since start); the in-memory ring holds {}",
          total - droppedLogged,
          total,
          ring.capacity());
      droppedLogged = total;
      lastDropLogNanos = now;
    }
  }

  private void noteFailure(String message) {
    failure = message;
    failureNanos = nanoTime.getAsLong();
  }

  /**
   * Asks the writer to store everything recorded so far and waits until it has (or those decisions
   * were dropped). For a clean stop and for tests; the DNS path never calls it.
   *
   * @return true if done within {@code timeout}
   */
  public boolean flush(Duration timeout) throws InterruptedException {
    long target = ring.claimed();
    flushWanted = target;
    // A real-time deadline for the caller's wait, not domain time: the injected clock may be a
    // test's fake that never moves.
    long deadline = System.nanoTime() + timeout.toNanos();
    Thread writer = thread;
    while (writtenThrough < target) {
      if (writer == null || !writer.isAlive()) {
        return false;
      }
      LockSupport.unpark(writer);
      if (System.nanoTime() - deadline >= 0) {
        return false;
      }
      LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
    }
    return true;
  }

  /** Decisions stored in the database since start. */
  public long stored() {
    return stored.get();
  }

  /** Decisions overwritten in the ring before the writer could store them, since start. */
  public long dropped() {
    return dropped.get();
  }

  /** Decisions recorded but not yet stored (nor dropped). */
  public long waiting() {
    return Math.max(0, ring.claimed() - writtenThrough);
  }

  /**
   * What is wrong now, for the box's health: decisions dropped or a database failure within the
   * last ten minutes. Empty when all is well.
   */
  public List<String> problems() {
    List<String> problems = new ArrayList<>();
    long now = nanoTime.getAsLong();
    long lost = dropped.get();
    if (lost > 0 && now - lastDropNanos < PROBLEM_WINDOW_NANOS) {
      problems.add(
          "activity log fell behind: "
              + lost
              + " decisions not stored since start (the in-memory view still holds the latest "
              + ring.capacity()
              + ")");
    }
    String message = failure;
    if (message != null && now - failureNanos < PROBLEM_WINDOW_NANOS) {
      problems.add("activity log cannot write to the database: " + message);
    }
    return problems;
  }

  /** Stores what is waiting (up to 5 s), then stops the writer thread. */
  @Override
  public void close() {
    try {
      if (thread != null && !flush(Duration.ofSeconds(5))) {
        LOG.warn("activity log: {} decisions not stored at stop", waiting());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    stopping = true;
    Thread writer = thread;
    if (writer != null) {
      LockSupport.unpark(writer);
      try {
        writer.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
