package org.classgate.hub.store;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.classgate.hub.HubDatabase;
import org.classgate.store.StoreException;

/**
 * Opens JDBC connections to a configured {@link HubDatabase}: its dialect, how many connections the
 * store keeps, and the connection itself. The PostgreSQL password is read from its file once, here,
 * and kept only in this object's driver properties; it appears in no message. Thread-safe.
 */
final class DatabaseConnector {
  /** How long the PostgreSQL driver waits to connect, in seconds. */
  private static final int CONNECT_TIMEOUT_SECONDS = 10;

  private final SqlDialect dialect;
  private final String url;
  private final Properties properties;
  private final int poolSize;

  private DatabaseConnector(SqlDialect dialect, String url, Properties properties, int poolSize) {
    this.dialect = dialect;
    this.url = url;
    this.properties = properties;
    this.poolSize = poolSize;
  }

  static DatabaseConnector of(HubDatabase database) throws StoreException {
    // A sealed interface of two: Java 17 has no pattern switch yet.
    if (database instanceof HubDatabase.SqliteFile sqlite) {
      return sqlite(sqlite.file());
    }
    return postgresql((HubDatabase.Postgresql) database);
  }

  private static DatabaseConnector sqlite(Path file) throws StoreException {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new StoreException("cannot create the directory of " + file + ": " + e, e);
    }
    // One connection: SQLite has a single writer, and the pool then serialises this process's
    // transactions as the store did with a lock.
    return new DatabaseConnector(SqlDialect.SQLITE, "jdbc:sqlite:" + file, new Properties(), 1);
  }

  private static DatabaseConnector postgresql(HubDatabase.Postgresql database)
      throws StoreException {
    Properties properties = new Properties();
    properties.setProperty("user", database.user());
    if (database.passwordFile() != null) {
      properties.setProperty("password", password(database.passwordFile()));
    }
    properties.setProperty("connectTimeout", Integer.toString(CONNECT_TIMEOUT_SECONDS));
    // One multi-row INSERT per batch instead of a round trip per record (pgjdbc's option).
    properties.setProperty("reWriteBatchedInserts", "true");
    properties.setProperty("ApplicationName", "classgate-hub");
    // The server's DETAIL lines quote the offending row's values (records' payloads): an error
    // becomes a log line, and personal data stays out of the logs.
    properties.setProperty("logServerErrorDetail", "false");
    return new DatabaseConnector(
        SqlDialect.POSTGRESQL, database.jdbcUrl(), properties, database.poolSize());
  }

  private static String password(Path file) throws StoreException {
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      if (lines.isEmpty() || lines.get(0).isEmpty()) {
        throw new StoreException("database.password-file " + file + " is empty");
      }
      return lines.get(0);
    } catch (IOException e) {
      throw new StoreException("cannot read database.password-file " + file + ": " + e, e);
    }
  }

  SqlDialect dialect() {
    return dialect;
  }

  int poolSize() {
    return poolSize;
  }

  /** A new connection, in auto-commit mode. */
  Connection connect() throws SQLException {
    return DriverManager.getConnection(url, properties);
  }
}
