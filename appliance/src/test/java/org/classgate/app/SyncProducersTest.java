package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.classgate.activity.DevicePseudonyms;
import org.classgate.activity.store.SqliteActivityReader;
import org.classgate.devices.DeviceEvent;
import org.classgate.devices.MacAddress;
import org.classgate.devices.store.SqliteDeviceRegistry;
import org.classgate.health.BoxState;
import org.classgate.health.HealthReport;
import org.classgate.health.Problem;
import org.classgate.incidents.IncidentLog;
import org.classgate.incidents.store.SqliteIncidentStore;
import org.classgate.store.Database;
import org.classgate.sync.OutboxStatus;
import org.classgate.sync.RecordKind;
import org.classgate.sync.SyncRecord;
import org.classgate.sync.payload.ActivitySummaryPayload;
import org.classgate.sync.payload.HealthPayload;
import org.classgate.sync.payload.Payloads;
import org.classgate.sync.store.SqliteOutbox;
import org.classgate.sync.store.SqlitePeriodicRecords;
import org.classgate.testing.Outboxes;
import org.classgate.testing.SteppedWallClock;
import org.classgate.time.ClockSync;
import org.classgate.time.TrustedTime;
import org.classgate.time.store.SqliteSequences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The scheduled producers (HEALTH, ACTIVITY_SUMMARY) on a real SQLite file with a stepped clock,
 * and the outbox's bound with every kind queued: activity summaries go first, then health reports,
 * never incidents, alerts, change logs or device changes, and the loss is counted.
 */
class SyncProducersTest {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  /** Monday 10 March 2025, five minutes past midnight in London (GMT). */
  private static final Instant MIDNIGHT = Instant.parse("2025-03-10T00:05:00Z");

  @TempDir Path dir;
  private Database database;
  private DevicePseudonyms pseudonyms;
  private final SteppedWallClock clock = new SteppedWallClock(MIDNIGHT);
  private final AtomicBoolean synchronised = new AtomicBoolean(true);
  private TrustedTime time;

  @BeforeEach
  void open() throws Exception {
    database = Database.open(dir);
    pseudonyms = Outboxes.pseudonyms(dir);
    time =
        new TrustedTime(
            new SqliteSequences(database),
            "boot-1",
            new AtomicLong(1)::incrementAndGet,
            clock,
            ClockSync.ASSUMED);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private SyncProducers producers(SqliteOutbox outbox, SqliteDeviceRegistry registry) {
    HealthReport report =
        new HealthReport(
            BoxState.DEGRADED,
            List.of(Problem.warning("radio", "the radio ignores \"isolation\"")));
    return new SyncProducers(
        new SqlitePeriodicRecords(database, outbox),
        new SyncProducers.Sources(
            () -> report,
            registry,
            () -> Map.of("gambling", 3_600L),
            new SqliteActivityReader(database),
            pseudonyms),
        LONDON,
        clock,
        synchronised::get,
        Duration.ofMinutes(15));
  }

  /** A row of the daily statistics, as the activity writer counts them. */
  private void daily(String day, String device, String category, String outcome, long count)
      throws Exception {
    database.transaction(
        "test statistics",
        c -> {
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO activity_daily (day, device, category, outcome, count)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            insert.setString(1, day);
            insert.setString(2, device);
            insert.setString(3, category);
            insert.setString(4, outcome);
            insert.setLong(5, count);
            return insert.executeUpdate();
          }
        });
  }

  private static List<SyncRecord> queued(SqliteOutbox outbox, RecordKind kind) throws Exception {
    return outbox.nextBatch(0, 100_000, Integer.MAX_VALUE).stream()
        .filter(r -> r.kind() == kind)
        .toList();
  }

  @Test
  void aHealthRecordCarriesStateProblemsDevicesOnlineAndListAges() throws Exception {
    SqliteOutbox outbox = Outboxes.of(database);
    SqliteDeviceRegistry registry = new SqliteDeviceRegistry(database, time, outbox);
    registry.record(
        new DeviceEvent(
            DeviceEvent.Kind.LEASE_ADDED,
            MacAddress.parse("02:00:00:00:00:01"),
            InetAddress.getByName("192.0.2.20"),
            "a"));
    registry.record(
        new DeviceEvent(
            DeviceEvent.Kind.CONNECTED, MacAddress.parse("02:00:00:00:00:02"), null, null));
    producers(outbox, registry).reportHealth();

    List<SyncRecord> health = queued(outbox, RecordKind.HEALTH);
    assertEquals(1, health.size());
    HealthPayload payload = HealthPayload.decode(health.get(0).payload());
    assertEquals(MIDNIGHT, payload.at());
    assertEquals("degraded", payload.state());
    assertEquals(
        List.of(new HealthPayload.Problem("radio", "warning", "the radio ignores \"isolation\"")),
        payload.problems());
    assertEquals(1, payload.devicesOnline(), "the device holding a lease");
    assertEquals(Map.of("gambling", 3_600L), payload.listAges());
  }

  @Test
  void eachEndedDayIsSummarisedOncePerDeviceAfterItSettles() throws Exception {
    SqliteOutbox outbox = Outboxes.of(database);
    SyncProducers producers = producers(outbox, new SqliteDeviceRegistry(database, time, outbox));
    daily("2025-03-09", "tablet-7", "", "ALLOWED", 100);
    daily("2025-03-09", "tablet-7", "", "CACHED", 20);
    daily("2025-03-09", "tablet-7", "gambling", "BLOCKED", 5);
    daily("2025-03-09", "tablet-7", "", "QUARANTINED", 1);
    daily("2025-03-09", "tablet-7", "", "SERVFAIL", 9);
    daily("2025-03-09", "192.0.2.40", "illegal", "LOCKED", 2);
    daily("2025-03-10", "tablet-7", "", "ALLOWED", 7);

    // 00:05: Sunday ended five minutes ago, its last batches may still be coming.
    assertEquals(1, producers.summariseFinishedDays(), "Saturday, the day before");
    assertTrue(queued(outbox, RecordKind.ACTIVITY_SUMMARY).isEmpty(), "nothing happened then");
    clock.advance(Duration.ofMinutes(15));
    assertEquals(1, producers.summariseFinishedDays());
    assertEquals(0, producers.summariseFinishedDays(), "a day is summarised once");

    List<ActivitySummaryPayload> summaries = new ArrayList<>();
    for (SyncRecord record : queued(outbox, RecordKind.ACTIVITY_SUMMARY)) {
      summaries.add(ActivitySummaryPayload.decode(record.payload()));
    }
    LocalDate sunday = LocalDate.of(2025, 3, 9);
    assertEquals(
        List.of(
            new ActivitySummaryPayload(
                sunday, pseudonyms.of("tablet-7"), 120, 6, Map.of("gambling", 5L)),
            new ActivitySummaryPayload(
                sunday, pseudonyms.of("192.0.2.40"), 0, 2, Map.of("illegal", 2L))),
        summaries.stream().sorted((a, b) -> Long.compare(b.allowed(), a.allowed())).toList());
  }

  @Test
  void anUnsynchronisedClockWaitsAndABoxThatWasOffCatchesUpAtMostAMonth() throws Exception {
    SqliteOutbox outbox = Outboxes.of(database);
    SyncProducers producers = producers(outbox, new SqliteDeviceRegistry(database, time, outbox));
    clock.advance(Duration.ofMinutes(15));
    synchronised.set(false);
    assertEquals(0, producers.summariseFinishedDays());
    synchronised.set(true);
    assertEquals(1, producers.summariseFinishedDays());
    daily("2025-03-20", "too-old", "", "ALLOWED", 1);
    daily("2025-05-01", "recent", "", "ALLOWED", 1);
    // Off for two months: back on 9 May, the last month is caught up, older days are not.
    clock.advance(Duration.ofDays(60));
    assertEquals(SyncProducers.MAX_CATCH_UP_DAYS, producers.summariseFinishedDays());
    List<SyncRecord> summaries = queued(outbox, RecordKind.ACTIVITY_SUMMARY);
    assertEquals(1, summaries.size());
    assertEquals(
        pseudonyms.of("recent"),
        ActivitySummaryPayload.decode(summaries.get(0).payload()).device());
    assertEquals(
        LocalDate.of(2025, 5, 8), new SqlitePeriodicRecords(database, outbox).lastSummarisedDay());
  }

  @Test
  void whenFullTheOutboxDropsSummariesThenHealthButNeverWhatTheSchoolMustHave() throws Exception {
    // A small bound, so a classroom's week offline overflows it.
    long bound = 20 * 1024;
    SqliteOutbox outbox = new SqliteOutbox(database, Payloads.outboxLimits(bound));
    SqliteDeviceRegistry registry = new SqliteDeviceRegistry(database, time, outbox);
    SyncProducers producers = producers(outbox, registry);
    IncidentLog incidents =
        new IncidentLog(
            new SqliteIncidentStore(database, outbox, pseudonyms),
            time,
            from -> List.of(),
            "Oak",
            Duration.ofMinutes(10),
            clock);
    for (int day = 1; day <= 7; day++) {
      for (int device = 0; device < 60; device++) {
        daily("2025-03-0" + day, "device-" + device, "gambling", "BLOCKED", device + 1);
        daily("2025-03-0" + day, "device-" + device, "", "ALLOWED", 1_000);
      }
    }
    synchronised.set(true);
    List<Long> mustKeep = new ArrayList<>();
    for (int i = 0; i < 7; i++) {
      producers.reportHealth();
      mustKeep.add((long) incidents.press(0).incidentId());
      registry.record(
          new DeviceEvent(
              DeviceEvent.Kind.CONNECTED, MacAddress.parse("02:00:00:00:01:0" + i), null, null));
    }
    clock.advance(Duration.ofMinutes(15));
    producers.summariseFinishedDays(); // 2025-03-09 only: the first run starts yesterday
    // Back-fill the week as a box that was offline for it would have queued it.
    SqlitePeriodicRecords periodic = new SqlitePeriodicRecords(database, outbox);
    for (int i = 0; i < 400; i++) {
      periodic.append(
          RecordKind.ACTIVITY_SUMMARY,
          new ActivitySummaryPayload(
                  LocalDate.of(2025, 3, 1 + i % 7), "d" + i, 1_000, i, Map.of("gambling", (long) i))
              .encode());
    }

    OutboxStatus status = outbox.status();
    assertTrue(status.droppedRecords() > 0, status.toString());
    assertTrue(status.queuedBytes() <= bound, status.toString());
    List<SyncRecord> all = outbox.nextBatch(0, 100_000, Integer.MAX_VALUE);
    long droppedBytesSeen = 0;
    for (SyncRecord record : all) {
      if (record.dropped()) {
        assertTrue(
            record.kind() == RecordKind.ACTIVITY_SUMMARY || record.kind() == RecordKind.HEALTH,
            "only droppable kinds are dropped: " + record);
        droppedBytesSeen++;
      } else {
        assertTrue(record.payloadLength() > 0);
      }
    }
    assertEquals(status.droppedRecords(), droppedBytesSeen, "every loss is counted");
    for (RecordKind kept :
        List.of(RecordKind.INCIDENT, RecordKind.ALERT, RecordKind.DEVICE_CHANGE)) {
      assertTrue(
          all.stream().filter(r -> r.kind() == kept).noneMatch(SyncRecord::dropped),
          kept + " kept");
      assertEquals(7, all.stream().filter(r -> r.kind() == kept).count(), kept + " all there");
    }
    // Summaries go before health: while a summary is still live, no health report was dropped.
    boolean summaryLive =
        all.stream().anyMatch(r -> r.kind() == RecordKind.ACTIVITY_SUMMARY && !r.dropped());
    boolean healthDropped =
        all.stream().anyMatch(r -> r.kind() == RecordKind.HEALTH && r.dropped());
    assertTrue(!(summaryLive && healthDropped), "summaries first, then health");
    // Oldest first within a kind: the live summaries are the newest ones.
    List<SyncRecord> summaries =
        all.stream().filter(r -> r.kind() == RecordKind.ACTIVITY_SUMMARY).toList();
    boolean seenLive = false;
    for (SyncRecord summary : summaries) {
      seenLive |= !summary.dropped();
      assertTrue(!seenLive || !summary.dropped(), "a dropped summary after a live one");
    }
    assertTrue(summaryLive, "the newest summaries still fit");
    assertTrue(!healthDropped, "health reports go only after every summary");

    // A staff report far over the bound: it is kept, and every droppable record makes room.
    long big = incidents.log("x".repeat(40_000), null, "Ms Ray");
    mustKeep.add(big);
    List<SyncRecord> after = outbox.nextBatch(0, 100_000, Integer.MAX_VALUE);
    for (SyncRecord record : after) {
      if (record.kind() == RecordKind.ACTIVITY_SUMMARY || record.kind() == RecordKind.HEALTH) {
        assertTrue(record.dropped(), "droppable records go for one that is not: " + record);
      } else {
        assertTrue(!record.dropped(), record.toString());
      }
    }
    OutboxStatus full = outbox.status();
    assertEquals(
        after.stream().filter(SyncRecord::dropped).count(), full.droppedRecords(), "counted");
    assertTrue(full.queuedBytes() > bound, "what must be kept is kept beyond the bound");
    assertEquals(8, mustKeep.size());
  }
}
