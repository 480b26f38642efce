package org.classgate.activity.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.classgate.activity.ActivityBatchCodec;
import org.classgate.activity.ActivityEntry;
import org.classgate.activity.CategoryNames;
import org.classgate.activity.DailyCount;
import org.classgate.activity.DecisionRow;
import org.classgate.activity.QueryRecord;
import org.classgate.dns.Outcome;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.tinylog.TaggedLogger;

/**
 * Reads the stored activity log: recent decisions (the {@code classgate activity} command, the
 * console later) and the daily statistics. Thread-safe (through {@link Database}).
 */
public final class SqliteActivityReader {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("activity");

  private final Database database;

  public SqliteActivityReader(Database database) {
    this.database = database;
  }

  /**
   * Stored decisions made at or after {@code from}, oldest first, at most {@code limit} (the most
   * recent ones when there are more). Times of decisions made before the clock synchronised, in a
   * boot that never synchronised, are as recorded (flagged): such a decision may fall outside or
   * inside the window wrongly.
   *
   * @param device only this device id or client address (its text form), or null for all
   */
  public List<ActivityEntry> since(Instant from, String device, int limit) throws StoreException {
    long fromMillis = from.toEpochMilli();
    return database.transaction(
        "reading the activity log",
        connection -> {
          List<ActivityEntry> entries = new ArrayList<>();
          // Batches by their (indexed) stamp time, newest first: a batch stamped before `from`
          // holds only decisions made before it.
          try (PreparedStatement batches =
              connection.prepareStatement(
                  "SELECT monotonic_ns, wall_millis, synchronised, rows_packed FROM activity_batch"
                      + " WHERE wall_millis >= ? ORDER BY sequence DESC")) {
            batches.setLong(1, fromMillis);
            try (ResultSet batch = batches.executeQuery()) {
              while (entries.size() < limit && batch.next()) {
                long nanos = batch.getLong(1);
                long wall = batch.getLong(2);
                boolean synchronised = batch.getInt(3) == 1;
                List<ActivityEntry> newestLast = new ArrayList<>();
                try {
                  CategoryNames[] names = new CategoryNames[1];
                  List<QueryRecord> rows = new ArrayList<>();
                  names[0] =
                      ActivityBatchCodec.decode(
                          batch.getBytes(4),
                          nanos,
                          row -> {
                            if (matches(row, device)) {
                              rows.add(row.toRecord());
                            }
                          });
                  for (QueryRecord row : rows) {
                    long millis = wall - (nanos - row.monotonicNanos()) / 1_000_000;
                    if (millis >= fromMillis) {
                      newestLast.add(entry(row, millis, synchronised, names[0]));
                    }
                  }
                } catch (IllegalArgumentException e) {
                  // One damaged batch must not hide the others.
                  LOG.warn("skipping an unreadable activity batch: {}", e.getMessage());
                  continue;
                }
                for (int i = newestLast.size() - 1; i >= 0 && entries.size() < limit; i--) {
                  entries.add(newestLast.get(i));
                }
              }
            }
          }
          Collections.reverse(entries);
          return entries;
        });
  }

  private static boolean matches(DecisionRow row, String device) {
    return device == null
        || device.equals(row.deviceId())
        || device.equals(row.client().getHostAddress());
  }

  private static ActivityEntry entry(
      QueryRecord row, long millis, boolean synchronised, CategoryNames categories) {
    return new ActivityEntry(
        Instant.ofEpochMilli(millis),
        synchronised,
        row.client(),
        row.deviceId(),
        row.profile(),
        row.name().toString(),
        row.type(),
        row.outcome(),
        categories.namesOf(row.categories()));
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
                        outcome(row.getString(4)),
                        row.getLong(5)));
              }
            }
          }
          return counts;
        });
  }

  /** A stored outcome name; SERVFAIL for one this version does not know (never "allowed"). */
  private static Outcome outcome(String name) {
    try {
      return Outcome.valueOf(name);
    } catch (IllegalArgumentException e) {
      return Outcome.SERVFAIL;
    }
  }
}
