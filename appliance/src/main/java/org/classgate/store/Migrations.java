package org.classgate.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.tinylog.TaggedLogger;

/**
 * Numbered schema migrations, applied in order at start, each in its own transaction together with
 * the version bump, so a crash mid-migration leaves the previous version intact. A database written
 * by a newer ClassGate is refused rather than guessed at.
 */
final class Migrations {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("store");

  /**
   * The migration scripts under {@code org/classgate/store/migrations/}, in order. Version N is the
   * N-th entry. Append only: a released script is never edited.
   */
  static final List<String> SCRIPTS =
      List.of(
          "001-runs.sql",
          "002-filter-policy.sql",
          "003-box-sequence.sql",
          "004-config-snapshot.sql",
          "005-devices.sql",
          "006-incidents.sql",
          "007-activity.sql",
          "008-outbox.sql",
          "009-console-accounts.sql",
          "010-outbox-producers.sql",
          "011-alert-handling.sql",
          "012-console-filtering.sql",
          "013-sync-enrolment.sql",
          "014-self-test.sql",
          "015-incident-snapshot-blob.sql");

  private Migrations() {}

  /** Applies every migration newer than the database's version; returns the resulting version. */
  static int apply(Connection connection) throws SQLException, StoreException {
    int current = userVersion(connection);
    if (current > SCRIPTS.size()) {
      throw new StoreException(
          "the database has schema version "
              + current
              + " but this ClassGate knows only up to "
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
        // PRAGMA user_version takes no bind parameters; version is our own integer.
        statement.execute("PRAGMA user_version=" + version);
        connection.commit();
        LOG.info("applied migration {}", script);
      } catch (SQLException e) {
        connection.rollback();
        throw new StoreException("migration " + script + " failed: " + e.getMessage(), e);
      } finally {
        connection.setAutoCommit(true);
      }
    }
    return SCRIPTS.size();
  }

  private static int userVersion(Connection connection) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement("PRAGMA user_version");
        ResultSet rows = statement.executeQuery()) {
      return rows.next() ? rows.getInt(1) : 0;
    }
  }

  private static String read(String script) throws StoreException {
    String resource = "migrations/" + script;
    try (InputStream in = Migrations.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new StoreException("migration script " + resource + " is missing from the build");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new StoreException("cannot read migration script " + resource, e);
    }
  }
}
