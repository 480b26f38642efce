package org.classgate.activity.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.classgate.activity.ActivityBatchCodec;
import org.classgate.activity.ActivityStore;
import org.classgate.activity.CategoryNames;
import org.classgate.activity.DailyTally;
import org.classgate.activity.PackedBatch;
import org.classgate.activity.QueryRecord;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.time.Stamp;

/**
 * The activity log in the box's SQLite database (tables of migration {@code 004-activity.sql}): one
 * row per batch, its decisions packed by {@link ActivityBatchCodec}. One writer thread uses it;
 * reads go through {@link SqliteActivityReader}. Each method runs in {@link Database#transaction},
 * so it waits behind, and is waited for by, the box's other writers (the report button's
 * incidents): batches and deletion chunks are kept small for that reason.
 */
public final class SqliteActivityStore implements ActivityStore {
  private static final String INSERT_BATCH =
      "INSERT INTO activity_batch (sequence, boot_id, monotonic_ns, wall_millis, synchronised,"
          + " row_count, counted, rows_packed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)";
  private static final String COUNT =
      "INSERT INTO activity_daily (day, device, category, outcome, count) VALUES (?, ?, ?, ?, ?)"
          + " ON CONFLICT (day, device, category, outcome) DO UPDATE"
          + " SET count = count + excluded.count";

  private final Database database;
  private final CategoryNames categoryNames;
  private final ZoneId zone;

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
  public PackedBatch begin(Stamp stamp) {
    return new PackedBatch(stamp, categoryNames, zone);
  }

  /** Stores {@code rows[0..count)} as one batch under {@code stamp} (for tests and tools). */
  public void append(Stamp stamp, QueryRecord[] rows, int count) throws StoreException {
    PackedBatch batch = begin(stamp);
    for (int i = 0; i < count; i++) {
      batch.add(rows[i]);
    }
    append(batch);
  }

  @Override
  public void append(PackedBatch batch) throws StoreException {
    int count = batch.size();
    if (count == 0) {
      return;
    }
    // Packing and naming the counts happen before the transaction: the database is held only to
    // write.
    byte[] packed = batch.packed();
    Map<DailyTally.Key, Long> counts = batch.counts();
    Stamp stamp = batch.stamp();
    database.transaction(
        "storing " + count + " activity records",
        connection -> {
          try (PreparedStatement insert = connection.prepareStatement(INSERT_BATCH)) {
            insert.setLong(1, stamp.sequence());
            insert.setString(2, stamp.bootId());
            insert.setLong(3, stamp.monotonicNanos());
            insert.setLong(4, stamp.wallMillis());
            insert.setInt(5, stamp.synchronised() ? 1 : 0);
            insert.setInt(6, count);
            insert.setInt(7, batch.counted() ? 1 : 0);
            insert.setBytes(8, packed);
            insert.executeUpdate();
          }
          addCounts(connection, counts);
          return null;
        });
  }

  private static void addCounts(Connection connection, Map<DailyTally.Key, Long> counts)
      throws SQLException {
    if (counts.isEmpty()) {
      return;
    }
    try (PreparedStatement upsert = connection.prepareStatement(COUNT)) {
      for (Map.Entry<DailyTally.Key, Long> count : counts.entrySet()) {
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

  /** A stored batch that is not yet counted in the statistics. */
  private record Uncounted(Stamp stamp, byte[] packed) {}

  @Override
  public long rebase(Stamp reference) throws StoreException {
    if (!reference.synchronised()) {
      throw new IllegalArgumentException("re-basing needs a synchronised stamp: " + reference);
    }
    return database.transaction(
        "re-basing activity records",
        connection -> {
          long rows = 0;
          for (Uncounted batch : uncounted(connection, "boot_id = ?", reference.bootId())) {
            Stamp stamp = batch.stamp();
            Stamp corrected = stamp.rebasedOn(reference);
            try (PreparedStatement update =
                connection.prepareStatement(
                    "UPDATE activity_batch SET wall_millis = ?, synchronised = 1, counted = 1"
                        + " WHERE sequence = ?")) {
              update.setLong(1, corrected.wallMillis());
              update.setLong(2, stamp.sequence());
              update.executeUpdate();
            }
            rows += count(connection, corrected, batch.packed());
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
          for (Uncounted batch : uncounted(connection, "boot_id <> ?", currentBoot)) {
            try (PreparedStatement update =
                connection.prepareStatement(
                    "UPDATE activity_batch SET counted = 1 WHERE sequence = ?")) {
              update.setLong(1, batch.stamp().sequence());
              update.executeUpdate();
            }
            rows += count(connection, batch.stamp(), batch.packed());
          }
          return rows;
        });
  }

  private static List<Uncounted> uncounted(Connection connection, String condition, String boot)
      throws SQLException {
    List<Uncounted> batches = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT sequence, boot_id, monotonic_ns, wall_millis, synchronised, rows_packed"
                + " FROM activity_batch WHERE counted = 0 AND "
                + condition
                + " ORDER BY sequence")) {
      select.setString(1, boot);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          batches.add(
              new Uncounted(
                  new Stamp(
                      rows.getLong(1),
                      rows.getString(2),
                      rows.getLong(3),
                      rows.getLong(4),
                      rows.getInt(5) == 1),
                  rows.getBytes(6)));
        }
      }
    }
    return batches;
  }

  /** Adds a stored batch's decisions to the statistics at its (corrected) time. */
  private long count(Connection connection, Stamp stamp, byte[] packed) throws SQLException {
    DailyTally tally = new DailyTally(zone, stamp.wallMillis(), stamp.monotonicNanos());
    long[] rows = {0};
    CategoryNames names;
    try {
      names =
          ActivityBatchCodec.decode(
              packed,
              stamp.monotonicNanos(),
              row -> {
                tally.add(row);
                rows[0]++;
              });
    } catch (IllegalArgumentException e) {
      // A damaged batch cannot be counted; marking it counted lets retention delete it.
      return 0;
    }
    addCounts(connection, tally.counts(names));
    return rows[0];
  }

  @Override
  public long deleteOlderThan(Instant cutoff, int maxRows) throws StoreException {
    long cutoffMillis = cutoff.toEpochMilli();
    return database.transaction(
        "deleting old activity records",
        connection -> {
          // The newest synchronised batch older than the cutoff: every batch stored before it, by
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
          // Whole batches, oldest first, until maxRows decisions are reached (at least one batch).
          // Batches not yet counted in the statistics stay until they are (re-based or settled).
          List<Long> old = new ArrayList<>();
          long deleted = 0;
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT sequence, row_count FROM activity_batch WHERE counted = 1 AND"
                      + " (sequence <= ? OR (synchronised = 0 AND wall_millis < ?))"
                      + " ORDER BY sequence")) {
            select.setLong(1, lastOld);
            select.setLong(2, cutoffMillis);
            try (ResultSet batch = select.executeQuery()) {
              while (deleted < maxRows && batch.next()) {
                old.add(batch.getLong(1));
                deleted += batch.getLong(2);
              }
            }
          }
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM activity_batch WHERE sequence = ?")) {
            for (long sequence : old) {
              delete.setLong(1, sequence);
              delete.addBatch();
            }
            delete.executeBatch();
          }
          return deleted;
        });
  }
}
