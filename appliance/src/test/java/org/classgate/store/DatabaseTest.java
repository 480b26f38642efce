package org.classgate.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatabaseTest {
  private static final Clock CLOCK =
      Clock.fixed(Instant.parse("2026-11-22T09:00:00Z"), ZoneOffset.UTC);

  @TempDir Path dir;

  @Test
  void opensInWalModeWithEveryMigrationApplied() throws Exception {
    try (Database database = Database.open(dir.resolve("data"))) {
      assertTrue(Files.exists(database.file()));
    }
    try (Connection raw =
            DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("data/classgate.db"));
        Statement statement = raw.createStatement()) {
      assertEquals("wal", single(statement, "PRAGMA journal_mode"));
      assertEquals(
          String.valueOf(Migrations.SCRIPTS.size()), single(statement, "PRAGMA user_version"));
      assertEquals("run", single(statement, "SELECT name FROM sqlite_master WHERE name = 'run'"));
    }
  }

  @Test
  void reopeningKeepsDataAndDoesNotReapplyMigrations() throws Exception {
    try (Database database = Database.open(dir)) {
      new RunLog(database, CLOCK).start("boot-1", "test");
    }
    try (Database database = Database.open(dir)) {
      int rows =
          database.transaction(
              "counting",
              connection -> {
                try (Statement statement = connection.createStatement();
                    ResultSet result = statement.executeQuery("SELECT count(*) FROM run")) {
                  result.next();
                  return result.getInt(1);
                }
              });
      assertEquals(1, rows);
    }
  }

  @Test
  void aDatabaseFromANewerVersionIsRefused() throws Exception {
    try (Database database = Database.open(dir)) {
      database.transaction(
          "bumping",
          connection -> {
            try (Statement statement = connection.createStatement()) {
              return statement.execute("PRAGMA user_version=99");
            }
          });
    }
    StoreException e = assertThrows(StoreException.class, () -> Database.open(dir));
    assertTrue(e.getMessage().contains("schema version 99"), e.getMessage());
  }

  @Test
  void aFailedTransactionLeavesNothingBehind() throws Exception {
    try (Database database = Database.open(dir)) {
      StoreException e =
          assertThrows(
              StoreException.class,
              () ->
                  database.transaction(
                      "inserting twice",
                      connection -> {
                        try (Statement statement = connection.createStatement()) {
                          statement.execute(
                              "INSERT INTO run (boot_id, version, started_at) VALUES ('a','v','t')");
                          // NOT NULL violation: the whole transaction must roll back.
                          statement.execute(
                              "INSERT INTO run (boot_id, version, started_at) VALUES (NULL,'v','t')");
                          return null;
                        }
                      }));
      assertTrue(e.getMessage().startsWith("inserting twice failed in "), e.getMessage());
      assertEquals(0, countRuns(database));
    }
  }

  @Test
  void anUncleanStopIsReportedAtTheNextStart() throws Exception {
    try (Database database = Database.open(dir)) {
      RunLog runs = new RunLog(database, CLOCK);
      RunLog.Started first = runs.start("boot-1", "test");
      assertTrue(first.previousUnclean().isEmpty());
      runs.stop(first.runId());

      RunLog.Started second = runs.start("boot-2", "test");
      assertTrue(second.previousUnclean().isEmpty(), "the first run stopped cleanly");
      // No stop recorded for the second run: as if it were killed.
      RunLog.Started third = runs.start("boot-3", "test");
      assertEquals("boot-2", third.previousUnclean().orElseThrow().bootId());
      assertEquals("2026-11-22T09:00:00Z", third.previousUnclean().orElseThrow().startedAt());
    }
  }

  @Test
  void anUnusableDataDirectoryIsNamed() throws Exception {
    Path file = dir.resolve("not-a-directory");
    Files.writeString(file, "x");
    StoreException e =
        assertThrows(StoreException.class, () -> Database.open(file.resolve("data")));
    assertTrue(e.getMessage().contains(file.resolve("data").toString()), e.getMessage());
  }

  private static int countRuns(Database database) throws StoreException {
    return database.transaction(
        "counting",
        connection -> {
          try (Statement statement = connection.createStatement();
              ResultSet result = statement.executeQuery("SELECT count(*) FROM run")) {
            result.next();
            return result.getInt(1);
          }
        });
  }

  private static String single(Statement statement, String sql) throws SQLException {
    try (ResultSet result = statement.executeQuery(sql)) {
      return result.next() ? result.getString(1) : null;
    }
  }
}
