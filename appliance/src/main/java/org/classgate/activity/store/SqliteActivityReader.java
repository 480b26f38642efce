package org.classgate.activity.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.classgate.activity.ActivityEntry;
import org.classgate.activity.DailyCount;
import org.classgate.store.Database;
import org.classgate.store.StoreException;

/**
 * Reads the stored activity log: recent decisions (the {@code classgate activity} command, the
 * console later) and the daily statistics. Thread-safe (through {@link Database}).
 */
public final class SqliteActivityReader {
  private final Database database;

  public SqliteActivityReader(Database database) {
    this.database = database;
  }

  /**
   * Stored decisions made at or after {@code from}, oldest first, at most {@code limit} (the most
   * recent ones when there are more).
   *
   * @param device only this device id or client address (its text form), or null for all
   */
  public List<ActivityEntry> since(Instant from, String device, int limit) throws StoreException {
    long fromMillis = from.toEpochMilli();
    return database.transaction(
        "reading the activity log",
        connection -> {
          List<ActivityEntry> entries = new ArrayList<>();
          // Batches are found by their (indexed) time, newest first; rows by their batch's id
          // range, so the large table needs no index of its own.
          try (PreparedStatement batches =
                  connection.prepareStatement(
                      "SELECT wall_millis, synchronised, first_row, last_row FROM activity_batch"
                          + " WHERE wall_millis >= ? ORDER BY sequence DESC");
              PreparedStatement rows =
                  connection.prepareStatement(
                      "SELECT age_us, client, device, profile, name, type, outcome, categories"
                          + " FROM activity WHERE id BETWEEN ? AND ? ORDER BY id DESC")) {
            batches.setLong(1, fromMillis);
            try (ResultSet batch = batches.executeQuery()) {
              while (entries.size() < limit && batch.next()) {
                long wall = batch.getLong(1);
                boolean synchronised = batch.getInt(2) == 1;
                rows.setLong(1, batch.getLong(3));
                rows.setLong(2, batch.getLong(4));
                try (ResultSet row = rows.executeQuery()) {
                  while (entries.size() < limit && row.next()) {
                    long millis = wall - row.getLong(1) / 1000;
                    ActivityEntry entry =
                        new ActivityEntry(
                            Instant.ofEpochMilli(millis),
                            synchronised,
                            ActivityRows.address(row.getBytes(2)),
                            row.getString(3),
                            row.getString(4),
                            row.getString(5),
                            row.getInt(6),
                            ActivityRows.outcome(row.getString(7)),
                            ActivityRows.categories(row.getString(8)));
                    if (millis >= fromMillis && matches(entry, device)) {
                      entries.add(entry);
                    }
                  }
                }
              }
            }
          }
          Collections.reverse(entries);
          return entries;
        });
  }

  private static boolean matches(ActivityEntry entry, String device) {
    return device == null
        || device.equals(entry.deviceId())
        || device.equals(entry.client().getHostAddress());
  }

  /** The daily statistics for the local days {@code from} to {@code to} inclusive. */
  public List<DailyCount> daily(LocalDate from, LocalDate to) throws StoreException {
    return database.transaction(
        "reading activity statistics",
        connection -> {
          List<DailyCount> counts = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT day, device, category, outcome, count FROM activity_daily"
                      + " WHERE day BETWEEN ? AND ? ORDER BY day, device, category, outcome")) {
            select.setString(1, from.toString());
            select.setString(2, to.toString());
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                counts.add(
                    new DailyCount(
                        LocalDate.parse(row.getString(1)),
                        row.getString(2),
                        row.getString(3),
                        ActivityRows.outcome(row.getString(4)),
                        row.getLong(5)));
              }
            }
          }
          return counts;
        });
  }
}
