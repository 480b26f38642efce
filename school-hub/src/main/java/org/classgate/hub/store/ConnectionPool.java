package org.classgate.hub.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.classgate.store.StoreException;
import org.tinylog.TaggedLogger;

/**
 * At most {@code size} JDBC connections, opened when first needed and reused; a connection the
 * caller reports broken is closed and replaced on a later borrow (a restarted PostgreSQL server
 * costs one failed transaction, not the hub). For SQLite the size is 1: its transactions are then
 * serialised here, as SQLite's single writer needs. Thread-safe.
 */
final class ConnectionPool implements AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("hub");

  /** Opens and prepares one connection. */
  @FunctionalInterface
  interface Opener {
    Connection open() throws SQLException;
  }

  private final String description;
  private final Opener opener;
  private final int size;
  private final long waitMillis;
  private final Semaphore permits;
  private final Deque<Connection> idle = new ArrayDeque<>();
  private boolean closed;

  ConnectionPool(String description, Opener opener, int size, long waitMillis) {
    if (size < 1) {
      throw new IllegalArgumentException("pool size " + size);
    }
    this.description = description;
    this.opener = opener;
    this.size = size;
    this.waitMillis = waitMillis;
    this.permits = new Semaphore(size, true);
  }

  /**
   * A connection for the caller alone until {@link #release}; waits for one at most the pool's wait
   * time.
   */
  Connection borrow() throws StoreException {
    try {
      if (!permits.tryAcquire(waitMillis, TimeUnit.MILLISECONDS)) {
        throw new StoreException(
            "no connection to "
                + description
                + " within "
                + waitMillis
                + " ms: all "
                + size
                + " in use, "
                + permits.getQueueLength()
                + " more waiting");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("interrupted waiting for a connection to " + description, e);
    }
    Connection connection;
    synchronized (this) {
      if (closed) {
        permits.release();
        throw new StoreException(description + " is closed");
      }
      connection = idle.pollFirst();
    }
    if (connection != null) {
      return connection;
    }
    try {
      return opener.open();
    } catch (SQLException | RuntimeException e) {
      permits.release();
      throw new StoreException("cannot connect to " + description + ": " + e.getMessage(), e);
    }
  }

  /** Returns {@code connection}; if {@code broken}, it is closed instead of reused. */
  void release(Connection connection, boolean broken) {
    boolean keep;
    synchronized (this) {
      keep = !broken && !closed;
      if (keep) {
        idle.addFirst(connection);
      }
    }
    if (!keep) {
      closeQuietly(connection);
    }
    permits.release();
  }

  /** Closes the idle connections; those borrowed are closed when released. */
  @Override
  public void close() {
    Deque<Connection> toClose;
    synchronized (this) {
      closed = true;
      toClose = new ArrayDeque<>(idle);
      idle.clear();
    }
    toClose.forEach(this::closeQuietly);
  }

  private void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.warn("closing a connection to {}: {}", description, e.getMessage());
    }
  }
}
