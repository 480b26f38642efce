package org.classgate.sync.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.sync.OutboxLimits;
import org.classgate.sync.OutboxStatus;
import org.classgate.sync.RecordKind;
import org.classgate.sync.SyncRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteOutboxTest {
  @TempDir Path dir;

  private Database database;

  @BeforeEach
  void open() throws StoreException {
    database = Database.open(dir);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  private long append(SqliteOutbox outbox, RecordKind kind, String payload) throws StoreException {
    return database.transaction("test append", c -> outbox.append(c, kind, bytes(payload)));
  }

  private static long countRuns(Connection connection) throws SQLException {
    try (PreparedStatement count = connection.prepareStatement("SELECT count(*) FROM run");
        ResultSet row = count.executeQuery()) {
      row.next();
      return row.getLong(1);
    }
  }

  @Test
  void theRecordCommitsAndRollsBackWithTheRowItDescribes() throws Exception {
    SqliteOutbox outbox = new SqliteOutbox(database, OutboxLimits.DEFAULT);
    assertThrows(
        StoreException.class,
        () ->
            database.transaction(
                "an incident that fails half way",
                c -> {
                  try (PreparedStatement insert =
                      c.prepareStatement(
                          "INSERT INTO run (boot_id, version, started_at) VALUES ('b', 'v', 't')")) {
                    insert.executeUpdate();
                  }
                  outbox.append(c, RecordKind.INCIDENT, bytes("lost"));
                  throw new SQLException("disk full");
                }));
    assertEquals(0L, database.transaction("count", SqliteOutboxTest::countRuns));
    assertEquals(0, outbox.status().queuedRecords());

    long sequence =
        database.transaction(
            "an incident",
            c -> {
              try (PreparedStatement insert =
                  c.prepareStatement(
                      "INSERT INTO run (boot_id, version, started_at) VALUES ('b', 'v', 't')")) {
                insert.executeUpdate();
              }
              return outbox.append(c, RecordKind.INCIDENT, bytes("kept"));
            });
    assertEquals(1, sequence, "the rolled-back record left no gap");
    assertEquals(1L, database.transaction("count", SqliteOutboxTest::countRuns));
    assertEquals(
        List.of(SyncRecord.of(1, RecordKind.INCIDENT, bytes("kept"))),
        outbox.nextBatch(0, 10, 1 << 20));
  }

  @Test
  void sequencesAreContiguousAcrossRestarts() throws Exception {
    SqliteOutbox outbox = new SqliteOutbox(database, OutboxLimits.DEFAULT);
    assertEquals(1, append(outbox, RecordKind.ALERT, "a"));
    assertEquals(2, append(outbox, RecordKind.CHANGE_LOG, "b"));
    database.close();
    database = Database.open(dir);
    SqliteOutbox reopened = new SqliteOutbox(database, OutboxLimits.DEFAULT);
    assertEquals(3, append(reopened, RecordKind.DEVICE_CHANGE, "c"));
    assertEquals(
        List.of(1L, 2L, 3L),
        reopened.nextBatch(0, 10, 1 << 20).stream().map(SyncRecord::sequence).toList());
  }

  @Test
  void whenFullActivitySummariesGoFirstOldestFirstThenHealthAndNeverTheRest() throws Exception {
    SqliteOutbox outbox = new SqliteOutbox(database, new OutboxLimits(40, 1000));
    append(outbox, RecordKind.ACTIVITY_SUMMARY, "summary-1."); // 10 bytes each
    append(outbox, RecordKind.HEALTH, "health-1..");
    append(outbox, RecordKind.INCIDENT, "incident-1");
    append(outbox, RecordKind.ACTIVITY_SUMMARY, "summary-2.");
    assertEquals(0, outbox.status().droppedRecords(), "40 bytes is within the bound");

    append(outbox, RecordKind.ALERT, "alert-1...");
    OutboxStatus status = outbox.status();
    assertEquals(1, status.droppedRecords());
    assertEquals(10, status.droppedBytes());
    assertEquals(40, status.queuedBytes());

    append(outbox, RecordKind.CHANGE_LOG, "change-1..");
    append(outbox, RecordKind.CHANGE_LOG, "change-2..");
    // summary-2 goes next, then health-1: the summaries before health, and never the rest.
    List<SyncRecord> batch = outbox.nextBatch(0, 100, 1 << 20);
    assertEquals(
        List.of(
            SyncRecord.tombstone(1, RecordKind.ACTIVITY_SUMMARY),
            SyncRecord.tombstone(2, RecordKind.HEALTH),
            SyncRecord.of(3, RecordKind.INCIDENT, bytes("incident-1")),
            SyncRecord.tombstone(4, RecordKind.ACTIVITY_SUMMARY),
            SyncRecord.of(5, RecordKind.ALERT, bytes("alert-1...")),
            SyncRecord.of(6, RecordKind.CHANGE_LOG, bytes("change-1..")),
            SyncRecord.of(7, RecordKind.CHANGE_LOG, bytes("change-2.."))),
        batch);
    assertEquals(3, outbox.status().droppedRecords());
    assertEquals(40, outbox.status().queuedBytes());

    append(outbox, RecordKind.INCIDENT, "incident-2");
    assertEquals(50, outbox.status().queuedBytes(), "records never dropped exceed the bound");
    assertEquals(3, outbox.status().droppedRecords());
    append(outbox, RecordKind.ACTIVITY_SUMMARY, "summary-3.");
    assertEquals(4, outbox.status().droppedRecords(), "a new summary over the bound is dropped");
    assertEquals(
        List.of(SyncRecord.tombstone(9, RecordKind.ACTIVITY_SUMMARY)),
        outbox.nextBatch(8, 10, 1 << 20));
  }

  @Test
  void batchesAreBoundedByRecordsAndBytesButNeverEmptyWhileRecordsWait() throws Exception {
    SqliteOutbox outbox = new SqliteOutbox(database, OutboxLimits.DEFAULT);
    for (int i = 1; i <= 5; i++) {
      append(outbox, RecordKind.ALERT, "0123456789"); // 16 bytes framed
    }
    assertEquals(2, outbox.nextBatch(0, 2, 1 << 20).size());
    assertEquals(3, outbox.nextBatch(0, 100, 48).size());
    assertEquals(2, outbox.nextBatch(0, 100, 47).size());
    assertEquals(1, outbox.nextBatch(0, 100, 1).size(), "a large record still goes, alone");
    List<SyncRecord> pipelined = outbox.nextBatch(3, 100, 1 << 20);
    assertEquals(List.of(4L, 5L), pipelined.stream().map(SyncRecord::sequence).toList());
    assertTrue(outbox.nextBatch(5, 100, 1 << 20).isEmpty());
  }

  @Test
  void acknowledgementPrunesUpToItIgnoresStaleOnesAndRefusesTheFuture() throws Exception {
    SqliteOutbox outbox = new SqliteOutbox(database, OutboxLimits.DEFAULT);
    for (int i = 1; i <= 4; i++) {
      append(outbox, RecordKind.ALERT, "x".repeat(i));
    }
    assertTrue(outbox.acknowledge(2));
    OutboxStatus status = outbox.status();
    assertEquals(2, status.acknowledged());
    assertEquals(2, status.queuedRecords());
    assertEquals(3 + 4, status.queuedBytes());
    assertEquals(
        List.of(3L, 4L),
        outbox.nextBatch(0, 10, 1 << 20).stream().map(SyncRecord::sequence).toList(),
        "the next batch starts after the acknowledgement");

    assertFalse(outbox.acknowledge(1), "a late, older acknowledgement changes nothing");
    StoreException refused = assertThrows(StoreException.class, () -> outbox.acknowledge(5));
    assertTrue(refused.getMessage().contains("assigned only up to 4"), refused.getMessage());
    assertEquals(2, outbox.status().acknowledged());

    assertTrue(outbox.acknowledge(4));
    assertEquals(0, outbox.status().queuedBytes());
    assertTrue(outbox.nextBatch(0, 10, 1 << 20).isEmpty());
    assertEquals(5, append(outbox, RecordKind.ALERT, "next"), "pruning never reuses a sequence");
  }

  @Test
  void refusesARecordOverTheSizeLimit() {
    SqliteOutbox outbox = new SqliteOutbox(database, new OutboxLimits(1000, 8));
    assertThrows(
        IllegalArgumentException.class, () -> append(outbox, RecordKind.INCIDENT, "123456789"));
  }
}
