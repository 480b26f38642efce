package org.classgate.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import org.tinylog.TaggedLogger;

/**
 * The box's one SQLite database, in WAL mode so that readers (the console) never wait for the
 * writer (DNS activity batches). One connection, serialised by this object: SQLite allows a single
 * writer anyway, and a box has few enough writes that a pool would only add failure modes.
 * Thread-safe.
 */
public final class Database implements AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("store");

  /** The database file's name inside the data directory. */
  public static final String FILE_NAME = "classgate.db";

  /**
   * WAL pages after which a commit on this connection checkpoints inline. Checkpoints belong to the
   * {@link WalCheckpointer} on its own connection (so none runs on a report button press); this
   * backstop, ten times SQLite's default, only bounds the WAL (about 40 MiB) should that thread
   * ever fall behind or fail.
   */
  static final int AUTOCHECKPOINT_BACKSTOP_PAGES = 10_000;

  private final Path file;
  private final Connection connection;
  private volatile long commits;
  private volatile WalCheckpointer checkpointer;

  private Database(Path file, Connection connection) {
    this.file = file;
    this.connection = connection;
  }

  /**
   * Opens (creating if needed) the database in {@code dataDir} and applies pending migrations.
   *
   * @throws StoreException naming the file, if it cannot be created, opened or migrated
   */
  public static Database open(Path dataDir) throws StoreException {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDir);
    } catch (IOException e) {
      throw new StoreException("cannot create data directory " + dataDir + ": " + e, e);
    }
    Connection connection;
    try {
      connection = DriverManager.getConnection("jdbc:sqlite:" + file);
    } catch (SQLException e) {
      throw new StoreException("cannot open database " + file + ": " + e.getMessage(), e);
    }
    Database database = new Database(file, connection);
    try {
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode=WAL");
        // NORMAL is durable across application crashes in WAL mode; records that must survive a
        // power cut (incidents) ask for FULL around their own transaction.
        statement.execute("PRAGMA synchronous=NORMAL");
        statement.execute("PRAGMA foreign_keys=ON");
        statement.execute("PRAGMA busy_timeout=5000");
        statement.execute("PRAGMA wal_autocheckpoint=" + AUTOCHECKPOINT_BACKSTOP_PAGES);
      }
      int applied = Migrations.apply(connection);
      database.checkpointer =
          new WalCheckpointer(file, () -> database.commits, System::nanoTime).start();
      LOG.info("database {} ready (schema version {})", file, applied);
    } catch (SQLException | StoreException e) {
      database.close();
      throw e instanceof StoreException store
          ? store
          : new StoreException("cannot prepare database " + file + ": " + e.getMessage(), e);
    }
    return database;
  }

  public Path file() {
    return file;
  }

  /** Work done inside one transaction; its return value is passed back by {@link #transaction}. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction: committed if it returns, rolled back if it throws.
   *
   * @throws StoreException wrapping the SQL error, naming what was being done
   */
  public synchronized <T> T transaction(String what, Work<T> work) throws StoreException {
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        commits++; // under this object's lock: the only writer
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(what + " failed in " + file + ": " + e.getMessage(), e);
    }
  }

  /**
   * Like {@link #transaction}, but the commit is synced to the disk before this returns ({@code
   * PRAGMA synchronous=FULL}: in WAL mode the WAL is fsynced at every commit), so the work survives
   * a power cut, not only a crash of the process. For records that must never be lost, such as a
   * report button press. SQLite refuses to change the level inside a transaction, so it is raised
   * before and lowered after, under this object's lock.
   */
  public synchronized <T> T durableTransaction(String what, Work<T> work) throws StoreException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA synchronous=FULL");
      try {
        return transaction(what, work);
      } finally {
        statement.execute("PRAGMA synchronous=NORMAL");
      }
    } catch (SQLException e) {
      throw new StoreException(what + " failed in " + file + ": " + e.getMessage(), e);
    }
  }

  /** Transactions committed since the database was opened. */
  public long commits() {
    return commits;
  }

  /**
   * Checkpoints the WAL now, on the checkpoint connection (not under this object's lock): for tools
   * and tests; the box relies on the background checkpoints.
   *
   * @throws StoreException if the checkpoint fails or the database is closed
   */
  public void checkpoint() throws StoreException {
    try {
      checkpointer.checkpoint();
    } catch (SQLException e) {
      throw new StoreException("checkpoint of " + file + " failed: " + e.getMessage(), e);
    }
  }

  /**
   * Stops the background checkpoints, then closes the connection (SQLite checkpoints what is left
   * as the last connection closes).
   */
  @Override
  public void close() {
    WalCheckpointer running = checkpointer;
    if (running != null) {
      // Outside this object's lock: a checkpoint in progress finishes without waiting for it.
      running.close();
    }
    closeConnection();
  }

  private synchronized void closeConnection() {
    try {
      connection.close();
    } catch (SQLException e) {
      LOG.warn("closing {}: {}", file, e.getMessage());
    }
  }
}
