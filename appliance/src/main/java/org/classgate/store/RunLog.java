package org.classgate.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.Optional;

/**
 * Records each start and clean stop of the service, so the next start can say whether the previous
 * run ended cleanly. Thread-safe (through {@link Database}).
 */
public final class RunLog {
  private final Database database;
  private final Clock clock;

  public RunLog(Database database, Clock clock) {
    this.database = database;
    this.clock = clock;
  }

  /** A previous run that never recorded its stop. */
  public record UncleanRun(String bootId, String startedAt) {}

  /**
   * Records a start and returns the id of the new run together with the last run that did not stop
   * cleanly, if the most recent run is such.
   */
  public Started start(String bootId, String version) throws StoreException {
    return database.transaction(
        "recording the start",
        connection -> {
          UncleanRun unclean = null;
          try (PreparedStatement last =
                  connection.prepareStatement(
                      "SELECT boot_id, started_at, stopped_at FROM run ORDER BY id DESC LIMIT 1");
              ResultSet rows = last.executeQuery()) {
            if (rows.next() && rows.getString(3) == null) {
              unclean = new UncleanRun(rows.getString(1), rows.getString(2));
            }
          }
          try (PreparedStatement insert =
              connection.prepareStatement(
                  "INSERT INTO run (boot_id, version, started_at) VALUES (?, ?, ?)",
                  java.sql.Statement.RETURN_GENERATED_KEYS)) {
            insert.setString(1, bootId);
            insert.setString(2, version);
            insert.setString(3, clock.instant().toString());
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
              keys.next();
              return new Started(keys.getLong(1), Optional.ofNullable(unclean));
            }
          }
        });
  }

  /** The result of {@link #start}. */
  public record Started(long runId, Optional<UncleanRun> previousUnclean) {}

  /** Records the clean stop of run {@code runId}. */
  public void stop(long runId) throws StoreException {
    database.transaction(
        "recording the stop",
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement("UPDATE run SET stopped_at = ? WHERE id = ?")) {
            update.setString(1, clock.instant().toString());
            update.setLong(2, runId);
            return update.executeUpdate();
          }
        });
  }
}
