package org.classgate.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * What differs between the hub's two databases; everything else in {@link JdbcHubStore} is SQL both
 * run unchanged (ANSI joins, {@code INSERT … ON CONFLICT DO NOTHING} and {@code INSERT … RETURNING}
 * exist in SQLite since 3.24 / 3.35 and in PostgreSQL). Stateless, thread-safe.
 */
enum SqlDialect {
  SQLITE("sqlite") {
    @Override
    void prepare(Connection connection) throws SQLException {
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA journal_mode=WAL");
        // A box prunes its outbox once acknowledged: the acknowledgement must survive a power cut
        // of the hub, so every commit is synced (FULL), unlike the box's activity batches.
        statement.execute("PRAGMA synchronous=FULL");
        statement.execute("PRAGMA foreign_keys=ON");
        statement.execute("PRAGMA busy_timeout=10000");
      }
    }

    @Override
    void lockSchema(Connection connection) {
      // One connection per process and SQLite's own write lock: nothing to take.
    }

    @Override
    int schemaVersion(Connection connection) throws SQLException {
      try (PreparedStatement statement = connection.prepareStatement("PRAGMA user_version");
          ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getInt(1) : 0;
      }
    }

    @Override
    void recordSchemaVersion(Connection connection, int version) throws SQLException {
      try (Statement statement = connection.createStatement()) {
        // PRAGMA takes no bind parameters; version is our own integer.
        statement.execute("PRAGMA user_version=" + version);
      }
    }

    @Override
    String lockingRead() {
      // The store's single connection serialises transactions in this process.
      return "";
    }

    @Override
    String nextEnrolOrder() {
      return "(SELECT coalesce(max(enrol_order), 0) + 1 FROM box)";
    }

    @Override
    boolean connectionLost(SQLException e) {
      return false;
    }
  },

  POSTGRESQL("postgresql") {
    /** The advisory lock key of the hub's migrations: "CGHUB" in ASCII. */
    private static final long MIGRATION_LOCK = 0x4347485542L;

    @Override
    void prepare(Connection connection) {
      // synchronous_commit stays at the server's default (on): an acknowledged envelope is on disk.
    }

    @Override
    void lockSchema(Connection connection) throws SQLException {
      // Two hub processes (the service and an administrator's command) may start together; the
      // transaction-scoped advisory lock makes one wait for the other's migration.
      try (Statement statement = connection.createStatement()) {
        statement.execute("SELECT pg_advisory_xact_lock(" + MIGRATION_LOCK + ")");
        statement.execute(
            "CREATE TABLE IF NOT EXISTS hub_schema_version (version INTEGER NOT NULL)");
      }
    }

    @Override
    int schemaVersion(Connection connection) throws SQLException {
      try (PreparedStatement statement =
              connection.prepareStatement(
                  "SELECT coalesce(max(version), 0) FROM hub_schema_version");
          ResultSet rows = statement.executeQuery()) {
        return rows.next() ? rows.getInt(1) : 0;
      }
    }

    @Override
    void recordSchemaVersion(Connection connection, int version) throws SQLException {
      try (Statement delete = connection.createStatement();
          PreparedStatement insert =
              connection.prepareStatement("INSERT INTO hub_schema_version (version) VALUES (?)")) {
        delete.execute("DELETE FROM hub_schema_version");
        insert.setInt(1, version);
        insert.executeUpdate();
      }
    }

    @Override
    String lockingRead() {
      // Envelopes of one box may arrive on several connections at once: the box row is locked
      // before the held sequences are read, so the second waits and then sees the first's records
      // (READ COMMITTED takes a new snapshot per statement) and the sequence advances once.
      return " FOR UPDATE";
    }

    @Override
    String nextEnrolOrder() {
      return "nextval('box_enrol_order')";
    }

    @Override
    boolean connectionLost(SQLException e) {
      // SQLSTATE class 08: connection exception (PostgreSQL appendix A, errcodes).
      return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }
  };

  private final String folder;

  SqlDialect(String folder) {
    this.folder = folder;
  }

  /** The sub-folder of {@code migrations/} holding this dialect's own scripts. */
  String folder() {
    return folder;
  }

  /** Per-connection settings, applied once when a connection is opened. */
  abstract void prepare(Connection connection) throws SQLException;

  /**
   * Inside a migration's transaction, before the version is read: waits for any other process
   * migrating the same database, and makes sure the version can be read.
   */
  abstract void lockSchema(Connection connection) throws SQLException;

  /** The schema version the database is at (0 when new). */
  abstract int schemaVersion(Connection connection) throws SQLException;

  /** Records {@code version} in the current transaction. */
  abstract void recordSchemaVersion(Connection connection, int version) throws SQLException;

  /** Appended to the read of the box row that starts an envelope's transaction. */
  abstract String lockingRead();

  /** An SQL expression giving the next box's enrolment order. */
  abstract String nextEnrolOrder();

  /** Whether the connection that threw {@code e} is broken and must not be reused. */
  abstract boolean connectionLost(SQLException e);
}
