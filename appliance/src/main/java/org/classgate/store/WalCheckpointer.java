package org.classgate.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongSupplier;
import org.tinylog.TaggedLogger;

/**
 * Copies the database's write-ahead log back into the database file (a WAL checkpoint) on a
 * connection and a thread of its own, so that no checkpoint runs on the report button's path.
 *
 * <p>Why: SQLite's automatic checkpoint runs inside the commit that takes the WAL past {@code
 * wal_autocheckpoint} pages (1000 by default), on the committing connection, and the commit does
 * not return until the pages are copied and the database file is synced. {@link Database} has one
 * connection, serialised, so whichever commit crossed the line (usually an activity batch) held the
 * database for the whole checkpoint while a press waited behind it: that was most of the press's
 * p99. A checkpoint on another connection runs beside the writer (<a
 * href="https://www.sqlite.org/wal.html#concurrency">WAL concurrency</a>): in {@code PASSIVE} mode
 * it copies what no reader still needs and never waits for a lock, while commits keep appending to
 * the WAL. {@link Database} keeps a far larger automatic threshold on its own connection only as a
 * backstop should this thread ever fail.
 *
 * <p>When: after {@value #COMMITS} commits (each writes at least one WAL page; the box's usual
 * transactions write three to six, so this is near SQLite's own 1000-page default) or, for a quiet
 * box with at least one commit, fifteen minutes after the last checkpoint. Not more often, for the
 * SD card: a page changed by many commits (the activity log's daily counts, the sequence row) is
 * copied into the database file once per checkpoint, so a classroom's steady ten-second batches
 * (100 commits in about 17 minutes) are checkpointed about four times an hour, as SQLite's default
 * would.
 *
 * <p>Thread-safe. Opens its connection at its first checkpoint and closes it with {@link #close}.
 */
final class WalCheckpointer implements AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("store");

  static final long COMMITS = 100;
  static final long QUIET_NANOS = TimeUnit.MINUTES.toNanos(15);
  private static final long POLL_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long FAILURE_LOG_NANOS = TimeUnit.MINUTES.toNanos(10);

  /**
   * One checkpoint's result ({@code PRAGMA wal_checkpoint}'s row).
   *
   * @param busy whether it could not run at all (another checkpoint was running)
   * @param walFrames pages in the WAL when it ran
   * @param copied pages of the WAL now in the database file
   */
  record Result(boolean busy, long walFrames, long copied) {}

  private final Path file;
  private final LongSupplier commits;
  private final LongSupplier nanoTime;

  // Guarded by this.
  private Connection connection;
  private long commitsAtLast;
  private long lastNanos;
  private long lastFailureLogNanos;
  private boolean closed;

  private volatile boolean stopping;
  private Thread thread;

  /**
   * @param file the database file (the WAL is beside it)
   * @param commits how many transactions the database has committed so far
   * @param nanoTime the monotonic clock deciding when a quiet box is due
   */
  WalCheckpointer(Path file, LongSupplier commits, LongSupplier nanoTime) {
    this.file = file;
    this.commits = commits;
    this.nanoTime = nanoTime;
    this.commitsAtLast = commits.getAsLong();
    this.lastNanos = nanoTime.getAsLong();
  }

  /** Starts the background thread, which looks every second whether a checkpoint is due. */
  synchronized WalCheckpointer start() {
    thread = new Thread(this::loop, "classgate-checkpoint");
    thread.setDaemon(true);
    // Never ahead of the DNS threads for the CPU; the disk it shares with everything.
    thread.setPriority(Thread.MIN_PRIORITY);
    thread.start();
    return this;
  }

  private void loop() {
    while (!stopping) {
      LockSupport.parkNanos(POLL_NANOS);
      try {
        checkpointIfDue();
      } catch (RuntimeException e) {
        // One failure must not end checkpoints for the life of the process.
        LOG.error(e, "WAL checkpoint failed");
      }
    }
  }

  /**
   * Checkpoints if {@value #COMMITS} commits were made since the last checkpoint, or any commit and
   * fifteen minutes have passed; a failure is logged (at most every ten minutes) and tried again at
   * the next call.
   *
   * @return the checkpoint's result, or null if none was due or it failed
   */
  synchronized Result checkpointIfDue() {
    long now = nanoTime.getAsLong();
    long made = commits.getAsLong() - commitsAtLast;
    if (closed || made == 0 || (made < COMMITS && now - lastNanos < QUIET_NANOS)) {
      return null;
    }
    try {
      return checkpoint();
    } catch (SQLException e) {
      if (lastFailureLogNanos == 0 || now - lastFailureLogNanos >= FAILURE_LOG_NANOS) {
        LOG.warn("WAL checkpoint of {} failed, will retry: {}", file, e.getMessage());
        lastFailureLogNanos = now;
      }
      return null;
    }
  }

  /** Checkpoints now ({@code PASSIVE}: copies what it can without waiting for anyone). */
  synchronized Result checkpoint() throws SQLException {
    if (closed) {
      throw new SQLException("the database is closed");
    }
    long commitsNow = commits.getAsLong();
    if (connection == null) {
      connection = DriverManager.getConnection("jdbc:sqlite:" + file);
    }
    try (Statement statement = connection.createStatement();
        ResultSet row = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      row.next();
      Result result = new Result(row.getInt(1) != 0, row.getLong(2), row.getLong(3));
      commitsAtLast = commitsNow;
      lastNanos = nanoTime.getAsLong();
      return result;
    }
  }

  /** Stops the thread and closes the connection; later calls do nothing. */
  @Override
  public void close() {
    stopping = true;
    Thread running;
    synchronized (this) {
      running = thread;
    }
    if (running != null) {
      LockSupport.unpark(running);
      try {
        running.join(TimeUnit.SECONDS.toMillis(5));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    synchronized (this) {
      closed = true;
      if (connection != null) {
        try {
          connection.close();
        } catch (SQLException e) {
          LOG.warn("closing the checkpoint connection of {}: {}", file, e.getMessage());
        }
        connection = null;
      }
    }
  }
}
