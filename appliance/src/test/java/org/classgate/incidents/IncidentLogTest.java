package org.classgate.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.classgate.activity.ActivityEntry;
import org.classgate.activity.ActivityHistory;
import org.classgate.dns.Outcome;
import org.classgate.incidents.store.SqliteAlertStore;
import org.classgate.incidents.store.SqliteIncidentStore;
import org.classgate.store.Database;
import org.classgate.testing.Outboxes;
import org.classgate.time.ClockSync;
import org.classgate.time.TrustedTime;
import org.classgate.time.store.SqliteSequences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The incident log on a real SQLite database. */
class IncidentLogTest {
  private static final Instant NOW = Instant.parse("2025-03-10T10:30:00Z");

  @TempDir java.nio.file.Path dir;

  private Database database;
  private IncidentLog log;
  private final List<ActivityEntry> activity = new ArrayList<>();

  /** The in-memory history, as the activity ring would answer. */
  private final ActivityHistory history =
      from -> activity.stream().filter(entry -> !entry.time().isBefore(from)).toList();

  @BeforeEach
  void open() throws Exception {
    database = Database.open(dir);
    AtomicLong nanos = new AtomicLong(42);
    TrustedTime time =
        new TrustedTime(
            new SqliteSequences(database),
            "boot-1",
            nanos::incrementAndGet,
            Clock.fixed(NOW, ZoneOffset.UTC),
            ClockSync.ASSUMED);
    log =
        new IncidentLog(
            new SqliteIncidentStore(
                database, Outboxes.of(database), Outboxes.pseudonyms(database.file().getParent())),
            time,
            history,
            "Year 5 Oak",
            Duration.ofMinutes(10),
            Clock.fixed(NOW, ZoneOffset.UTC));
  }

  @AfterEach
  void close() {
    database.close();
  }

  private void query(int minutesAgo, String name, Outcome outcome, int categories)
      throws Exception {
    activity.add(
        new ActivityEntry(
            NOW.minus(Duration.ofMinutes(minutesAgo)),
            true,
            InetAddress.getByName("192.0.2.23"),
            minutesAgo == 1 ? "tablet-7" : null,
            "pupil",
            name,
            1,
            outcome,
            categories == 0
                ? List.of()
                : categories == 1 ? List.of("pornography") : List.of("pornography", "gambling")));
  }

  @Test
  void aPressRecordsTheIncidentItsSnapshotAndAnAlert() throws Exception {
    query(11, "too-old.example", Outcome.ALLOWED, 0);
    query(9, "www.bbc.co.uk", Outcome.ALLOWED, 0);
    query(1, "bad.example", Outcome.BLOCKED, 3);
    IncidentLog.PressRecorded press = log.press(0);
    assertEquals(1, press.pressCount());

    IncidentDetails details = log.show(press.incidentId());
    Incident incident = details.incident();
    assertEquals(Incident.Source.BUTTON, incident.source());
    assertEquals("Year 5 Oak", incident.classroom());
    assertEquals(IncidentStatus.NEW, incident.status());
    assertEquals(press.stamp(), incident.stamp());
    assertEquals(
        List.of("www.bbc.co.uk", "bad.example"),
        details.snapshot().stream().map(SnapshotEntry::name).toList(),
        "the last 10 minutes only, oldest first");
    SnapshotEntry blocked = details.snapshot().get(1);
    assertEquals("192.0.2.23", blocked.client());
    assertEquals("tablet-7", blocked.deviceId());
    assertEquals("BLOCKED", blocked.outcome());
    assertEquals(List.of("pornography", "gambling"), blocked.categories());

    List<Alert> alerts =
        new SqliteAlertStore(
                database, Outboxes.of(database), Outboxes.pseudonyms(database.file().getParent()))
            .between(NOW.minusSeconds(1), NOW.plusSeconds(1));
    assertEquals(1, alerts.size());
    assertEquals(AlertKind.REPORT_BUTTON, alerts.get(0).kind());
    assertEquals(press.incidentId(), alerts.get(0).incidentId());
    assertEquals(
        1,
        new SqliteAlertStore(
                database, Outboxes.of(database), Outboxes.pseudonyms(database.file().getParent()))
            .unsent());
  }

  @Test
  void joinedPressesCountAndEachPressIsARow() throws Exception {
    IncidentLog.PressRecorded first = log.press(0);
    IncidentLog.PressRecorded second = log.press(first.incidentId());
    IncidentLog.PressRecorded third = log.press(first.incidentId());
    assertEquals(first.incidentId(), third.incidentId());
    assertEquals(3, third.pressCount());
    assertTrue(second.stamp().sequence() > first.stamp().sequence());
    int rows =
        database.transaction(
            "count",
            connection -> {
              try (var statement = connection.createStatement();
                  var row =
                      statement.executeQuery(
                          "SELECT count(*) FROM incident_press WHERE incident_id = "
                              + first.incidentId())) {
                row.next();
                return row.getInt(1);
              }
            });
    assertEquals(3, rows);
    assertEquals(3, log.show(first.incidentId()).incident().pressCount());
    IncidentLog.PressRecorded orphan = log.press(999);
    assertEquals(1, orphan.pressCount(), "joining a missing incident starts a new one");
  }

  @Test
  void theDurableTransactionLeavesTheConnectionAtNormalSync() throws Exception {
    log.press(0);
    int level =
        database.transaction(
            "read",
            connection -> {
              try (var statement = connection.createStatement();
                  var row = statement.executeQuery("PRAGMA synchronous")) {
                row.next();
                return row.getInt(1);
              }
            });
    assertEquals(1, level, "NORMAL again after the FULL commit");
  }

  @Test
  void theHandlingFollowsTheLegalStepsOnly() throws Exception {
    long id = log.log("Pupil shown an upsetting video on a phone", "Monday lunch", "Ms Patel");
    assertEquals(Incident.Source.STAFF, log.show(id).incident().source());
    IncidentException early =
        assertThrows(IncidentException.class, () -> log.close(id, "done", "Mr Jones", null));
    assertEquals(
        "incident " + id + " is new: it cannot become closed (next step: acknowledged)",
        early.getMessage());

    log.acknowledge(id, "Mr Jones");
    Review.Reviewer head = new Review.Reviewer("Mrs Green", "Headteacher");
    Review review =
        new Review(
            null,
            "Online Safety Group",
            "video shared between pupils",
            head,
            new Review.Reviewer("Mr Jones", "DSL"),
            "office PC, room 2",
            List.of(new Review.Concern("video.example/watch/123", "graphic violence")),
            null);
    Review alone =
        new Review(
            null, "g", "r", head, new Review.Reviewer("mrs green", "DSL"), "pc", List.of(), null);
    assertThrows(IncidentException.class, () -> log.startReview(id, alone, "Mrs Green"));
    log.startReview(id, review, "Mrs Green");
    log.recordAction(id, IncidentAction.INFORM_PARENTS, "phoned parents", "Mr Jones", "M. Jones");
    log.close(id, "Concern upheld; parents informed", "Mrs Green", "E. Green");
    assertThrows(IncidentException.class, () -> log.acknowledge(id, "Mr Jones"));
    assertThrows(
        IncidentException.class,
        () -> log.recordAction(id, IncidentAction.WARNING, "late", "Mr Jones", null));

    IncidentDetails details = log.show(id);
    assertEquals(IncidentStatus.CLOSED, details.incident().status());
    assertEquals(
        List.of("acknowledged", "under-review", "inform-parents", "closed"),
        details.events().stream()
            .map(e -> e.status() != null ? e.status().label() : e.action().label())
            .toList());
    assertEquals("Concern upheld; parents informed", details.events().get(3).what());
    assertEquals("E. Green", details.events().get(3).signature());
    Review stored = details.reviews().get(0);
    assertEquals("office PC, room 2", stored.reviewDevice());
    assertEquals(review.concerns(), stored.concerns());
    assertEquals(details.events().get(1).stamp(), stored.stamp());
  }

  @Test
  void listsNewestFirstAndByStatus() throws Exception {
    long a = log.log("a", null, "x");
    long b = log.log("b", null, "x");
    log.acknowledge(a, "y");
    assertEquals(List.of(b, a), log.list(null, 10).stream().map(Incident::id).toList());
    assertEquals(
        List.of(a), log.list(IncidentStatus.ACKNOWLEDGED, 10).stream().map(Incident::id).toList());
    assertThrows(IncidentException.class, () -> log.show(12345));
    assertThrows(IncidentException.class, () -> log.log(" ", null, "x"));
  }
}
