package org.classgate.filter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.classgate.filter.changelog.ChainVerification;
import org.classgate.filter.changelog.ConfigChanges;
import org.classgate.filter.changelog.LoggedChange;
import org.classgate.store.Database;
import org.classgate.testing.Outboxes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The configuration snapshot and its change-log rows in a real SQLite file, across reopenings. */
class SqliteConfigSnapshotTest {
  private static final Instant MONDAY = Instant.parse("2026-11-23T07:00:00Z");
  private static final Instant TUESDAY = Instant.parse("2026-11-24T07:00:00Z");

  @TempDir Path dir;

  @Test
  void eachRunLogsWhatChangedSinceTheLastAndTheChainVerifies() throws Exception {
    Map<String, String> first = Map.of("profile.pupil.block", "gambling", "timetable.zone", "UTC");
    try (Database database = Database.open(dir)) {
      List<LoggedChange> rows =
          new SqliteConfigSnapshot(database, Outboxes.of(database))
              .record(first, Map.of(), "cfg", "owner", MONDAY);
      assertEquals(1, rows.size());
      assertEquals(ConfigChanges.INITIAL, rows.get(0).entry().action());
      // Also a row from elsewhere in between (an allowance), so the chain interleaves.
      new SqliteChangeLog(database, Outboxes.of(database))
          .append(
              new org.classgate.filter.changelog.ChangeEntry(
                  "t.jones", MONDAY, "allowance.create", null, "a", "lesson", "oso"));
    }
    try (Database database = Database.open(dir)) {
      SqliteConfigSnapshot snapshot = new SqliteConfigSnapshot(database, Outboxes.of(database));
      assertEquals(first, snapshot.read());
      assertEquals(List.of(), snapshot.record(first, Map.of(), "cfg", "owner", TUESDAY));
      List<LoggedChange> rows =
          snapshot.record(
              Map.of("profile.pupil.block", "gambling, games", "timetable.zone", "UTC"),
              Map.of(),
              "cfg",
              "owner",
              TUESDAY);
      assertEquals(1, rows.size());
      assertEquals(3, rows.get(0).id(), "after the initial row and the allowance row");
      assertEquals("profile.pupil.block = gambling", rows.get(0).entry().before());
      assertEquals("profile.pupil.block = gambling, games", rows.get(0).entry().after());
      assertEquals("gambling, games", snapshot.read().get("profile.pupil.block"));
      ChainVerification verified = new SqliteChangeLog(database, Outboxes.of(database)).verify();
      assertTrue(verified.intact(), verified::toString);
    }
  }

  @Test
  void aFailedAppendLeavesTheOldSnapshotSoTheChangeIsLoggedNextTime() throws Exception {
    Map<String, String> first = Map.of("profile.pupil.block", "gambling");
    Map<String, String> second = Map.of("profile.pupil.block", "(nothing)");
    try (Database database = Database.open(dir)) {
      new SqliteConfigSnapshot(database, Outboxes.of(database))
          .record(first, Map.of(), "cfg", "owner", MONDAY);
    }
    // Break the log's head through a second connection: the next append must fail.
    try (Connection c =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve(Database.FILE_NAME));
        Statement s = c.createStatement()) {
      s.execute("UPDATE change_log_head SET last_hash = x'00' WHERE singleton = 1");
    }
    try (Database database = Database.open(dir)) {
      SqliteConfigSnapshot snapshot = new SqliteConfigSnapshot(database, Outboxes.of(database));
      org.junit.jupiter.api.Assertions.assertThrows(
          org.classgate.store.StoreException.class,
          () -> snapshot.record(second, Map.of(), "cfg", "owner", TUESDAY));
      assertEquals(first, snapshot.read(), "rolled back with the rows it could not write");
    }
  }
}
