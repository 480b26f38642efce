package org.classgate.activity.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classgate.activity.ActivityStore;
import org.classgate.activity.CategoryNames;
import org.classgate.activity.DailyTally;
import org.classgate.activity.QueryRecord;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.time.Stamp;

/**
 * The activity log in the box's SQLite database (tables of migration {@code 004-activity.sql}). One
 * writer thread uses it; reads go through {@link SqliteActivityReader}. Each method runs in {@link
 * Database#transaction}, so it waits behind, and is waited for by, the box's other writers: batches
 * and deletion chunks are kept small for that reason.
 */
public final class SqliteActivityStore implements ActivityStore {
  private static final String INSERT_ROW =
      "INSERT INTO activity (id, age_us, client, device, profile, name, type, outcome,"
          + " categories, latency_us) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String INSERT_BATCH =
      "INSERT INTO activity_batch (sequence, boot_id, monotonic_ns, wall_millis, synchronised,"
          + " first_row, last_row, counted) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String COUNT =
      "INSERT INTO activity_daily (day, device, category, outcome, count) VALUES (?, ?, ?, ?, ?)"
          + " ON CONFLICT (day, device, category, outcome) DO UPDATE SET count = count + excluded.count";

  private final Database database;
  private final CategoryNames categoryNames;
  private final ZoneId zone;

  /** Category masks seen, with their comma list of names; few distinct masks occur. */
  private final Map<Integer, String> categoryText = new HashMap<>();

  /**
   * @param categoryNames names the category bits of the running configuration
   * @param zone the zone whose local days the statistics count
   */
  public SqliteActivityStore(Database database, CategoryNames categoryNames, ZoneId zone) {
    this.database = database;
    this.categoryNames = categoryNames;
    this.zone = zone;
  }

  @Override
  public void append(Stamp batch, QueryRecord[] rows, int count) throws StoreException {
    if (count == 0) {
      return;
    }
    database.transaction(
        "storing " + count + " activity records",
        connection -> {
          long first = nextId(connection);
          DailyTally tally = batch.synchronised() ? new DailyTally(zone) : null;
          try (PreparedStatement insert = connection.prepareStatement(INSERT_ROW)) {
            for (int i = 0; i < count; i++) {
              QueryRecord row = rows[i];
              long ageMicros = Math.max(0, (batch.monotonicNanos() - row.monotonicNanos()) / 1000);
              String categories = categories(row.categories());
              String name = row.name() == null ? "" : row.name().toString();
              insert.setLong(1, first + i);
              insert.setLong(2, ageMicros);
              insert.setBytes(3, row.client().getAddress());
              insert.setString(4, row.deviceId());
              insert.setString(5, row.profile());
              insert.setString(6, name);
              insert.setInt(7, row.type());
              insert.setString(8, row.outcome().name());
              insert.setString(9, categories);
              insert.setLong(10, row.latencyNanos() / 1000);
              insert.addBatch();
              if (tally != null) {
                tally.add(
                    batch.wallMillis() - ageMicros / 1000,
                    device(row.deviceId(), row.client().getHostAddress()),
                    categories,
                    row.outcome());
              }
            }
            insert.executeBatch();
          }
          insertBatch(connection, batch, first, first + count - 1, tally != null);
          if (tally != null) {
            addCounts(connection, tally);
          }
          return null;
        });
  }

  private String categories(int mask) {
    if (mask == 0) {
      return "";
    }
    return categoryText.computeIfAbsent(mask, m -> String.join(",", categoryNames.namesOf(m)));
  }

  /** The statistics' device key: the device id, or the client address while it is unknown. */
  static String device(String deviceId, String clientAddress) {
    return deviceId != null ? deviceId : clientAddress;
  }

  private static long nextId(Connection connection) throws SQLException {
    try (PreparedStatement max = connection.prepareStatement("SELECT max(id) FROM activity");
        ResultSet row = max.executeQuery()) {
      long highest = row.next() ? row.getLong(1) : 0;
      // Rows deleted by retention from the end would let ids be reused; batches remember theirs.
      try (PreparedStatement last =
              connection.prepareStatement("SELECT max(last_row) FROM activity_batch");
          ResultSet batchRow = last.executeQuery()) {
        return Math.max(highest, batchRow.next() ? batchRow.getLong(1) : 0) + 1;
      }
    }
  }

  private static void insertBatch(
      Connection connection, Stamp batch, long first, long last, boolean counted)
      throws SQLException {
    try (PreparedStatement insert = connection.prepareStatement(INSERT_BATCH)) {
      insert.setLong(1, batch.sequence());
      insert.setString(2, batch.bootId());
      insert.setLong(3, batch.monotonicNanos());
      insert.setLong(4, batch.wallMillis());
      insert.setInt(5, batch.synchronised() ? 1 : 0);
      insert.setLong(6, first);
      insert.setLong(7, last);
      insert.setInt(8, counted ? 1 : 0);
      insert.executeUpdate();
    }
  }

  private static void addCounts(Connection connection, DailyTally tally) throws SQLException {
    try (PreparedStatement upsert = connection.prepareStatement(COUNT)) {
      for (Map.Entry<DailyTally.Key, Long> count : tally.counts().entrySet()) {
        DailyTally.Key key = count.getKey();
        upsert.setString(1, key.day().toString());
        upsert.setString(2, key.device());
        upsert.setString(3, key.category());
        upsert.setString(4, key.outcome().name());
        upsert.setLong(5, count.getValue());
        upsert.addBatch();
      }
      upsert.executeBatch();
    }
  }

  /** A stored batch header. */
  private record Batch(Stamp stamp, long firstRow, long lastRow) {}

  @Override
  public long rebase(Stamp reference) throws StoreException {
    if (!reference.synchronised()) {
      throw new IllegalArgumentException("re-basing needs a synchronised stamp: " + reference);
    }
    return database.transaction(
        "re-basing activity records",
        connection -> {
          long rows = 0;
          for (Batch batch : uncounted(connection, "boot_id = ?", reference.bootId())) {
            Stamp corrected = batch.stamp().rebasedOn(reference);
            try (PreparedStatement update =
                connection.prepareStatement(
                    "UPDATE activity_batch SET wall_millis = ?, synchronised = 1, counted = 1"
                        + " WHERE sequence = ?")) {
              update.setLong(1, corrected.wallMillis());
              update.setLong(2, batch.stamp().sequence());
              update.executeUpdate();
            }
            rows += count(connection, new Batch(corrected, batch.firstRow(), batch.lastRow()));
          }
          return rows;
        });
  }

  @Override
  public long settleEndedBoots(String currentBoot) throws StoreException {
    return database.transaction(
        "settling activity records of ended boots",
        connection -> {
          long rows = 0;
          for (Batch batch : uncounted(connection, "boot_id <> ?", currentBoot)) {
            try (PreparedStatement update =
                connection.prepareStatement(
                    "UPDATE activity_batch SET counted = 1 WHERE sequence = ?")) {
              update.setLong(1, batch.stamp().sequence());
              update.executeUpdate();
            }
            rows += count(connection, batch);
          }
          return rows;
        });
  }

  private static List<Batch> uncounted(Connection connection, String condition, String boot)
      throws SQLException {
    List<Batch> batches = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT sequence, boot_id, monotonic_ns, wall_millis, synchronised, first_row,"
                + " last_row FROM activity_batch WHERE counted = 0 AND "
                + condition
                + " ORDER BY sequence")) {
      select.setString(1, boot);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          batches.add(
              new Batch(
                  new Stamp(
                      rows.getLong(1),
                      rows.getString(2),
                      rows.getLong(3),
                      rows.getLong(4),
                      rows.getInt(5) == 1),
                  rows.getLong(6),
                  rows.getLong(7)));
        }
      }
    }
    return batches;
  }

  /** Adds a stored batch's rows to the daily statistics, at the batch's (corrected) time. */
  private long count(Connection connection, Batch batch) throws SQLException {
    DailyTally tally = new DailyTally(zone);
    long rows = 0;
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT age_us, client, device, categories, outcome FROM activity"
                + " WHERE id BETWEEN ? AND ?")) {
      select.setLong(1, batch.firstRow());
      select.setLong(2, batch.lastRow());
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          tally.add(
              batch.stamp().wallMillis() - row.getLong(1) / 1000,
              device(row.getString(3), ActivityRows.address(row.getBytes(2)).getHostAddress()),
              row.getString(4),
              ActivityRows.outcome(row.getString(5)));
          rows++;
        }
      }
    }
    addCounts(connection, tally);
    return rows;
  }

  @Override
  public long deleteOlderThan(Instant cutoff, int maxRows) throws StoreException {
    long cutoffMillis = cutoff.toEpochMilli();
    return database.transaction(
        "deleting old activity records",
        connection -> {
          // The newest synchronised batch older than the cutoff: everything stored before it, by
          // sequence, is older too, whatever an unsynchronised clock wrote down.
          long lastOld;
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT coalesce(max(sequence), -1) FROM activity_batch"
                      + " WHERE synchronised = 1 AND wall_millis < ?")) {
            select.setLong(1, cutoffMillis);
            try (ResultSet row = select.executeQuery()) {
              row.next();
              lastOld = row.getLong(1);
            }
          }
          long deleted = 0;
          try (PreparedStatement select =
                  connection.prepareStatement(
                      "SELECT sequence, first_row, last_row, counted FROM activity_batch"
                          + " WHERE sequence <= ? OR (synchronised = 0 AND wall_millis < ?)"
                          + " ORDER BY sequence");
              PreparedStatement deleteRows =
                  connection.prepareStatement("DELETE FROM activity WHERE id BETWEEN ? AND ?");
              PreparedStatement shrink =
                  connection.prepareStatement(
                      "UPDATE activity_batch SET first_row = ? WHERE sequence = ?");
              PreparedStatement drop =
                  connection.prepareStatement("DELETE FROM activity_batch WHERE sequence = ?")) {
            select.setLong(1, lastOld);
            select.setLong(2, cutoffMillis);
            try (ResultSet batch = select.executeQuery()) {
              while (deleted < maxRows && batch.next()) {
                long sequence = batch.getLong(1);
                long first = batch.getLong(2);
                long last = batch.getLong(3);
                if (batch.getInt(4) == 0) {
                  continue; // not yet in the statistics: kept until it is (re-based or settled)
                }
                long end = Math.min(last, first + (maxRows - deleted) - 1);
                deleteRows.setLong(1, first);
                deleteRows.setLong(2, end);
                deleteRows.executeUpdate();
                deleted += end - first + 1;
                if (end == last) {
                  drop.setLong(1, sequence);
                  drop.executeUpdate();
                } else {
                  shrink.setLong(1, end + 1);
                  shrink.setLong(2, sequence);
                  shrink.executeUpdate();
                }
              }
            }
          }
          return deleted;
        });
  }
}
