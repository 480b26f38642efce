package org.classgate.hub.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.classgate.store.StoreException;
import org.tinylog.TaggedLogger;

/**
 * The hub database's numbered migrations, applied in order at start, each in one transaction with
 * its version bump (as the box's {@code store.Migrations}). A database from a newer hub is refused.
 * Version N is looked up first in the dialect's folder ({@code migrations/sqlite/}, {@code
 * migrations/postgresql/}), where the SQL must differ (types, row ids), then in {@code migrations/}
 * itself, for a script both run unchanged.
 */
final class HubMigrations {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("hub");

  /** Version N is entry N. Append only. */
  static final List<String> SCRIPTS = List.of("001-boxes-records.sql", "002-hub-accounts.sql");

  private HubMigrations() {}

  static int apply(Connection connection, SqlDialect dialect) throws SQLException, StoreException {
    while (true) {
      connection.setAutoCommit(false);
      try (Statement statement = connection.createStatement()) {
        dialect.lockSchema(connection);
        int current = dialect.schemaVersion(connection);
        if (current > SCRIPTS.size()) {
          throw new StoreException(
              "the hub database has schema version "
                  + current
                  + " but this hub knows only up to "
                  + SCRIPTS.size()
                  + "; it was written by a newer version");
        }
        if (current == SCRIPTS.size()) {
          connection.commit();
          return current;
        }
        String script = SCRIPTS.get(current);
        for (String part : read(dialect, script).split(";\\s*(\\r?\\n|$)")) {
          if (!part.isBlank()) {
            statement.execute(part);
          }
        }
        dialect.recordSchemaVersion(connection, current + 1);
        connection.commit();
        LOG.info("applied hub migration {} ({})", script, dialect.folder());
      } catch (SQLException e) {
        connection.rollback();
        throw new StoreException("hub migration failed: " + e.getMessage(), e);
      } catch (StoreException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    }
  }

  private static String read(SqlDialect dialect, String script) throws StoreException {
    for (String resource :
        List.of("migrations/" + dialect.folder() + "/" + script, "migrations/" + script)) {
      try (InputStream in = HubMigrations.class.getResourceAsStream(resource)) {
        if (in != null) {
          return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      } catch (IOException e) {
        throw new StoreException("cannot read hub migration " + resource, e);
      }
    }
    throw new StoreException(
        "hub migration " + script + " for " + dialect.folder() + " is missing from the build");
  }
}
