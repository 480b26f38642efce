package org.classgate.activity.store;

import static org.classgate.activity.ActivityRecords.CATEGORIES;
import static org.classgate.activity.ActivityRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.classgate.activity.ActivityEntry;
import org.classgate.activity.ActivityRetention;
import org.classgate.activity.DailyCount;
import org.classgate.activity.QueryRecord;
import org.classgate.dns.Outcome;
import org.classgate.store.Database;
import org.classgate.time.Stamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivityRetentionTest {
  private static final Instant START = Instant.parse("2026-11-01T12:00:00Z");

  @TempDir Path dir;

  /** A clock the test steps by whole days. */
  private final AtomicReference<Instant> now = new AtomicReference<>(START);

  private final Clock clock =
      new Clock() {
        @Override
        public ZoneId getZone() {
          return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
          return this;
        }

        @Override
        public Instant instant() {
          return now.get();
        }
      };

  private long sequence = 1;

  private void append(
      SqliteActivityStore store, Instant wall, boolean synced, String name, int rows)
      throws Exception {
    QueryRecord[] batch = new QueryRecord[rows];
    for (int i = 0; i < rows; i++) {
      batch[i] = record(1_000_000L * i, "10.0.0.5", "d-1", name, Outcome.ALLOWED, 0);
    }
    store.append(
        new Stamp(sequence++, "boot-a", 1_000_000L * rows, wall.toEpochMilli(), synced),
        batch,
        rows);
  }

  @Test
  void rawRowsOlderThanTheRetentionGoDailyInBoundedChunksAndStatisticsStay() throws Exception {
    try (Database database = Database.open(dir)) {
      SqliteActivityStore store = new SqliteActivityStore(database, CATEGORIES, ZoneId.of("UTC"));
      SqliteActivityReader reader = new SqliteActivityReader(database);
      append(store, START.minus(Duration.ofDays(40)), true, "forty.example", 20);
      // Made between two old synchronised batches, by a clock that claimed a future date: the
      // sequence says it is as old as its neighbours.
      append(store, START.plus(Duration.ofDays(400)), false, "unsynced.example", 5);
      store.settleEndedBoots("boot-b");
      append(store, START.minus(Duration.ofDays(31)), true, "thirtyone.example", 20);
      append(store, START.minus(Duration.ofDays(29)), true, "twentynine.example", 20);
      append(store, START.minus(Duration.ofDays(1)), true, "yesterday.example", 20);
      List<DailyCount> statsBefore = reader.daily(LocalDate.MIN, LocalDate.MAX);

      ActivityRetention retention = new ActivityRetention(store, Duration.ofDays(30), 7, clock);
      assertEquals(
          45, retention.runIfDue(), "40-day, unsynchronised and 31-day rows, in chunks of 7");
      assertEquals(List.of("twentynine.example.", "yesterday.example."), names(reader));
      assertEquals(statsBefore, reader.daily(LocalDate.MIN, LocalDate.MAX), "statistics are kept");

      now.set(START.plus(Duration.ofHours(23)));
      assertEquals(0, retention.runIfDue(), "once a day");
      now.set(START.plus(Duration.ofHours(25)));
      assertEquals(20, retention.runIfDue(), "the next day the 29-day rows are over 30 days old");
      assertEquals(List.of("yesterday.example."), names(reader));
      assertEquals(START.plus(Duration.ofHours(49)), retention.due());
    }
  }

  @Test
  void aBatchWaitingToBeCountedIsNotDeleted() throws Exception {
    try (Database database = Database.open(dir)) {
      SqliteActivityStore store = new SqliteActivityStore(database, CATEGORIES, ZoneId.of("UTC"));
      // The current boot's unsynchronised batch with a clock 60 days slow.
      append(store, START.minus(Duration.ofDays(60)), false, "waiting.example", 3);
      assertEquals(0, new ActivityRetention(store, Duration.ofDays(30), 100, clock).runIfDue());
      assertTrue(names(new SqliteActivityReader(database)).contains("waiting.example."));
    }
  }

  private static List<String> names(SqliteActivityReader reader) throws Exception {
    return reader.since(Instant.EPOCH, null, 1000).stream()
        .map(ActivityEntry::name)
        .distinct()
        .toList();
  }
}
