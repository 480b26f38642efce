package org.classgate.filter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.classgate.filter.changelog.ChangeEntry;
import org.classgate.filter.changelog.ConfigChanges;
import org.classgate.filter.changelog.LoggedChange;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.sync.store.OutboundRecords;

/**
 * The filtering configuration of the last run (table {@code config_snapshot}, migration 003), and
 * the change-control rows for what changed since: {@link #record} compares, appends one {@link
 * SqliteChangeLog} row per changed item ({@link ConfigChanges}) and stores the new snapshot, all in
 * one transaction, so a crash leaves either the old snapshot and no rows or the new one with its
 * rows. Thread-safe through {@link Database}.
 */
public final class SqliteConfigSnapshot {
  private final Database database;
  private final OutboundRecords outbound;

  /**
   * @param database the box's database, migrated; non-null
   * @param outbound where change-log rows go for the school hub, in their transaction; non-null
   */
  public SqliteConfigSnapshot(Database database, OutboundRecords outbound) {
    this.database = Objects.requireNonNull(database, "database");
    this.outbound = Objects.requireNonNull(outbound, "outbound");
  }

  /**
   * Records {@code current} as the configuration in force, logging each change from the last run.
   *
   * @param current item → value; non-null, not empty
   * @param refused item → why the box refuses it (see {@link ConfigChanges#between})
   * @param actor who made the changes; non-blank
   * @param approvedBy who approved them; may be null
   * @param at when (this start); non-null
   * @return the rows appended, in order; empty if nothing changed
   */
  public List<LoggedChange> record(
      Map<String, String> current,
      Map<String, String> refused,
      String actor,
      String approvedBy,
      Instant at)
      throws StoreException {
    if (current.isEmpty()) {
      throw new IllegalArgumentException("an empty snapshot would look like a first run next time");
    }
    return database.transaction(
        "recording the configuration's changes in the change log",
        c -> {
          Map<String, String> previous = read(c);
          List<ChangeEntry> entries =
              ConfigChanges.between(
                  previous.isEmpty() ? null : previous, current, refused, actor, approvedBy, at);
          List<LoggedChange> logged = new ArrayList<>();
          for (ChangeEntry entry : entries) {
            logged.add(SqliteChangeLog.append(c, entry, subject(entry), outbound));
          }
          if (!entries.isEmpty()) {
            replace(c, current);
          }
          return List.copyOf(logged);
        });
  }

  /**
   * The configuration item a row is about ({@code item = value} lines, see {@link ConfigChanges}),
   * or the whole configuration for the first run's row.
   */
  private static SqliteChangeLog.Subject subject(ChangeEntry entry) {
    if (ConfigChanges.INITIAL.equals(entry.action())) {
      return new SqliteChangeLog.Subject("configuration", null);
    }
    String line = entry.after() != null ? entry.after() : entry.before();
    int equals = line == null ? -1 : line.indexOf(" = ");
    return new SqliteChangeLog.Subject(equals < 0 ? line : line.substring(0, equals), null);
  }

  /** The snapshot the last run recorded; empty if none did. */
  public Map<String, String> read() throws StoreException {
    return database.transaction("reading the configuration snapshot", SqliteConfigSnapshot::read);
  }

  private static Map<String, String> read(Connection c) throws SQLException {
    Map<String, String> snapshot = new TreeMap<>();
    try (PreparedStatement select = c.prepareStatement("SELECT item, value FROM config_snapshot");
        ResultSet row = select.executeQuery()) {
      while (row.next()) {
        snapshot.put(row.getString(1), row.getString(2));
      }
    }
    return snapshot;
  }

  private static void replace(Connection c, Map<String, String> current) throws SQLException {
    try (Statement delete = c.createStatement()) {
      delete.executeUpdate("DELETE FROM config_snapshot");
    }
    try (PreparedStatement insert =
        c.prepareStatement("INSERT INTO config_snapshot (item, value) VALUES (?, ?)")) {
      for (Map.Entry<String, String> item : current.entrySet()) {
        insert.setString(1, item.getKey());
        insert.setString(2, item.getValue());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
