package org.classgate.hub.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.classgate.store.StoreException;
import org.tinylog.TaggedLogger;

/**
 * The hub database's numbered migrations, applied in order at start, each in one transaction with
 * its version bump (as the box's {@code store.Migrations}). A database from a newer hub is refused.
 */
final class HubMigrations {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("hub");

  /** Under {@code org/classgate/hub/store/migrations/}; version N is entry N. Append only. */
  static final List<String> SCRIPTS = List.of("001-boxes-records.sql", "002-hub-accounts.sql");

  private HubMigrations() {}

  static int apply(Connection connection) throws SQLException, StoreException {
    int current;
    try (PreparedStatement statement = connection.prepareStatement("PRAGMA user_version");
        ResultSet rows = statement.executeQuery()) {
      current = rows.next() ? rows.getInt(1) : 0;
    }
    if (current > SCRIPTS.size()) {
      throw new StoreException(
          "the hub database has schema version "
              + current
              + " but this hub knows only up to "
              + SCRIPTS.size()
              + "; it was written by a newer version");
    }
    for (int version = current + 1; version <= SCRIPTS.size(); version++) {
      String script = SCRIPTS.get(version - 1);
      String sql = read(script);
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        for (String part : sql.split(";\\s*(\\r?\\n|$)")) {
          if (!part.isBlank()) {
            statement.execute(part);
          }
        }
        // PRAGMA takes no bind parameters; version is our own integer.
        statement.execute("PRAGMA user_version=" + version);
        connection.commit();
        LOG.info("applied hub migration {}", script);
      } catch (SQLException e) {
        connection.rollback();
        throw new StoreException("hub migration " + script + " failed: " + e.getMessage(), e);
      } finally {
        connection.setAutoCommit(true);
      }
    }
    return SCRIPTS.size();
  }

  private static String read(String script) throws StoreException {
    String resource = "migrations/" + script;
    try (InputStream in = HubMigrations.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new StoreException("hub migration " + resource + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException("cannot read hub migration " + resource, e);
    }
  }
}
