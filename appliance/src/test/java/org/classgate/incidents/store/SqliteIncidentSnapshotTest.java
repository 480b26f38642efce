package org.classgate.incidents.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.classgate.incidents.Incident;
import org.classgate.incidents.IncidentStatus;
import org.classgate.incidents.SnapshotEntry;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.testing.Outboxes;
import org.classgate.time.Stamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Snapshots in the real database: a press stores one packed row; incidents recorded before
 * migration 015 (one row per query) read back the same as packed ones.
 */
class SqliteIncidentSnapshotTest {
  @TempDir Path dir;

  private Database database;
  private SqliteIncidentStore store;
  private long sequence = 100;

  @BeforeEach
  void open() throws Exception {
    database = Database.open(dir);
    store = new SqliteIncidentStore(database, Outboxes.of(database), Outboxes.pseudonyms(dir));
  }

  @AfterEach
  void close() {
    database.close();
  }

  private Incident press() {
    return new Incident(
        0,
        new Stamp(++sequence, "boot-1", sequence * 1000, 1_741_602_600_000L, true),
        Incident.Source.BUTTON,
        "Year 5 Oak",
        1,
        "Report button pressed",
        null,
        null,
        IncidentStatus.NEW);
  }

  private long create(List<SnapshotEntry> snapshot) throws StoreException {
    return store.createFromPress(
        press(), SnapshotSamples.PRESS.minusSeconds(600), SnapshotSamples.PRESS, snapshot, "alert");
  }

  private long count(String sql, long id) throws StoreException {
    return database.transaction(
        "count",
        connection -> {
          try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setLong(1, id);
            try (ResultSet row = select.executeQuery()) {
              row.next();
              return row.getLong(1);
            }
          }
        });
  }

  @Test
  void aPressStoresItsSnapshotAsOnePackedRow() throws Exception {
    List<SnapshotEntry> snapshot = SnapshotSamples.classroom(3_000);
    long id = create(snapshot);
    assertEquals(snapshot, store.details(id).orElseThrow().snapshot());
    assertEquals(
        3_000, count("SELECT entry_count FROM incident_snapshot WHERE incident_id = ?", id));
    assertEquals(0, count("SELECT count(*) FROM incident_activity WHERE incident_id = ?", id));
  }

  @Test
  void oddEntriesAndAnEmptySnapshotReadBack() throws Exception {
    long awkward = create(SnapshotSamples.awkward());
    long empty = create(List.of());
    assertEquals(SnapshotSamples.awkward(), store.details(awkward).orElseThrow().snapshot());
    assertEquals(List.of(), store.details(empty).orElseThrow().snapshot());
    assertEquals(0, count("SELECT count(*) FROM incident_snapshot WHERE incident_id = ?", empty));
  }

  @Test
  void snapshotsStoredBeforeMigration010ReadTheSameAsPackedOnes() throws Exception {
    // Categories without commas and times to the millisecond: what the per-row table could hold.
    List<SnapshotEntry> snapshot = SnapshotSamples.classroom(500);
    long packed = create(snapshot);
    long legacy = create(List.of());
    database.transaction(
        "writing a snapshot as version 9 did",
        connection -> {
          writeAsVersion9(connection, legacy, snapshot);
          return null;
        });
    assertEquals(
        snapshot.size(),
        count("SELECT count(*) FROM incident_activity WHERE incident_id = ?", legacy));
    assertEquals(
        store.details(packed).orElseThrow().snapshot(),
        store.details(legacy).orElseThrow().snapshot());
    assertEquals(snapshot, store.details(legacy).orElseThrow().snapshot());
  }

  /** Schema version 9's snapshot writer: one {@code incident_activity} row per query. */
  private static void writeAsVersion9(
      Connection connection, long incidentId, List<SnapshotEntry> snapshot) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO incident_activity (incident_id, position, time_millis, client, device_id,"
                + " profile, name, type, outcome, categories) VALUES (?,?,?,?,?,?,?,?,?,?)")) {
      int position = 0;
      for (SnapshotEntry entry : snapshot) {
        insert.setLong(1, incidentId);
        insert.setInt(2, position++);
        insert.setLong(3, entry.time().toEpochMilli());
        insert.setString(4, entry.client());
        insert.setString(5, entry.deviceId());
        insert.setString(6, entry.profile());
        insert.setString(7, entry.name());
        insert.setInt(8, entry.type());
        insert.setString(9, entry.outcome());
        insert.setString(10, String.join(",", entry.categories()));
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  @Test
  void aDamagedPackedRowIsReportedWithTheIncident() throws Exception {
    long id = create(SnapshotSamples.classroom(10));
    database.transaction(
        "damaging",
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE incident_snapshot SET packed = substr(packed, 1, 40)"
                      + " WHERE incident_id = ?")) {
            update.setLong(1, id);
            return update.executeUpdate();
          }
        });
    StoreException e = assertThrows(StoreException.class, () -> store.details(id));
    assertTrue(
        e.getMessage().contains("the activity snapshot of incident " + id + " is damaged"),
        e.getMessage());
    // The incident itself is still there to be listed and handled.
    assertEquals(id, store.find(id).orElseThrow().id());
  }
}
