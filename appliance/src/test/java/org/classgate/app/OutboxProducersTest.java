package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.classgate.activity.ActivityEntry;
import org.classgate.activity.DevicePseudonyms;
import org.classgate.activity.QueryRecord;
import org.classgate.devices.DeviceClass;
import org.classgate.devices.DeviceEvent;
import org.classgate.devices.DeviceImport;
import org.classgate.devices.MacAddress;
import org.classgate.devices.store.SqliteDeviceRegistry;
import org.classgate.dns.Outcome;
import org.classgate.dns.wire.Name;
import org.classgate.filter.Categories;
import org.classgate.filter.allowance.Allowance;
import org.classgate.filter.allowance.AllowanceRequest;
import org.classgate.filter.allowance.AllowanceScope;
import org.classgate.filter.allowance.Allowances;
import org.classgate.filter.allowance.ApprovalRules;
import org.classgate.filter.allowance.Person;
import org.classgate.filter.allowance.Role;
import org.classgate.filter.changelog.ChangeChain;
import org.classgate.filter.changelog.ChangeEntry;
import org.classgate.filter.store.SqliteAllowanceStore;
import org.classgate.filter.store.SqliteConfigSnapshot;
import org.classgate.incidents.AlertRules;
import org.classgate.incidents.IncidentAction;
import org.classgate.incidents.IncidentLog;
import org.classgate.incidents.Review;
import org.classgate.incidents.store.SqliteAlertStore;
import org.classgate.incidents.store.SqliteIncidentStore;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.sync.RecordKind;
import org.classgate.sync.SyncRecord;
import org.classgate.sync.payload.AlertPayload;
import org.classgate.sync.payload.ChangeLogPayload;
import org.classgate.sync.payload.DeviceChangePayload;
import org.classgate.sync.payload.IncidentPayload;
import org.classgate.sync.store.OutboundRecords;
import org.classgate.sync.store.SqliteOutbox;
import org.classgate.testing.Outboxes;
import org.classgate.time.ClockSync;
import org.classgate.time.TrustedTime;
import org.classgate.time.store.SqliteSequences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every event-driven producer on a real SQLite file: the real operation (a press, a staff report
 * and its handling, an alert from the rules, an allowance, a configuration change, device events)
 * leaves exactly one outbox record of its kind with the contract's payload, written in the same
 * transaction, so an operation that rolls back leaves none.
 */
class OutboxProducersTest {
  private static final Instant NOW = Instant.parse("2025-03-10T10:30:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final MacAddress TABLET = MacAddress.parse("02:00:00:00:00:07");

  @TempDir Path dir;
  private Database database;
  private SqliteOutbox outbox;
  private DevicePseudonyms pseudonyms;
  private TrustedTime time;
  private final AtomicLong nanos = new AtomicLong(1_000);
  private final List<ActivityEntry> activity = new ArrayList<>();

  @BeforeEach
  void open() throws Exception {
    database = Database.open(dir);
    outbox = Outboxes.of(database);
    pseudonyms = Outboxes.pseudonyms(dir);
    time =
        new TrustedTime(
            new SqliteSequences(database),
            "boot-1",
            nanos::incrementAndGet,
            CLOCK,
            ClockSync.ASSUMED);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private List<SyncRecord> queued() throws StoreException {
    return outbox.nextBatch(0, 100_000, Integer.MAX_VALUE);
  }

  private List<SyncRecord> queued(RecordKind kind) throws StoreException {
    return queued().stream().filter(r -> r.kind() == kind).toList();
  }

  private IncidentLog incidents(OutboundRecords outbound) {
    return new IncidentLog(
        new SqliteIncidentStore(database, outbound, pseudonyms),
        time,
        from -> activity,
        "Year 5 Oak",
        Duration.ofMinutes(10),
        CLOCK);
  }

  private void decision(String client, String deviceId, String name, Outcome outcome)
      throws Exception {
    activity.add(
        new ActivityEntry(
            NOW.minusSeconds(30),
            true,
            InetAddress.getByName(client),
            deviceId,
            "pupil",
            name,
            1,
            outcome,
            outcome == Outcome.BLOCKED ? List.of("pornography") : List.of()));
  }

  @Test
  void aPressQueuesTheIncidentWithItsPseudonymisedSnapshotAndItsAlert() throws Exception {
    decision("192.0.2.23", "tablet-7", "bad.example", Outcome.BLOCKED);
    decision("192.0.2.24", null, "www.bbc.co.uk", Outcome.ALLOWED);
    IncidentLog log = incidents(outbox);
    IncidentLog.PressRecorded press = log.press(0);

    List<SyncRecord> records = queued();
    assertEquals(List.of(RecordKind.INCIDENT, RecordKind.ALERT), kinds(records));
    String json = new String(records.get(0).payload(), StandardCharsets.UTF_8);
    assertFalse(
        json.contains("192.0.2.2") || json.contains("tablet-7"), "no device leaves: " + json);
    IncidentPayload incident = IncidentPayload.decode(records.get(0).payload());
    assertEquals(press.incidentId(), incident.id());
    assertEquals("button", incident.origin());
    assertEquals("new", incident.status());
    assertEquals(1, incident.pressCount());
    assertEquals(press.stamp(), incident.stamp());
    assertEquals(
        List.of(pseudonyms.of("tablet-7"), pseudonyms.of("192.0.2.24")),
        incident.snapshot().stream().map(IncidentPayload.SnapshotItem::device).toList());
    assertEquals("pornography", incident.snapshot().get(0).category());
    AlertPayload alert = AlertPayload.decode(records.get(1).payload());
    assertEquals("report-button", alert.kind());
    assertEquals("high", alert.severity());
    assertEquals(press.incidentId(), alert.incidentId());
    assertEquals(press.stamp().sequence(), alert.id());

    // A second press joins the incident: its whole state again, with the new count.
    log.press(press.incidentId());
    List<SyncRecord> after = queued();
    assertEquals(3, after.size());
    IncidentPayload joined = IncidentPayload.decode(after.get(2).payload());
    assertEquals(press.incidentId(), joined.id());
    assertEquals(2, joined.pressCount());
    assertEquals(2, joined.snapshot().size());
  }

  @Test
  void eachStepOfAStaffIncidentQueuesItsWholeCurrentState() throws Exception {
    IncidentLog log = incidents(outbox);
    long id = log.log("Pupil shown a \"video\"\non a phone <b>", "Tuesday after lunch", "Ms Ray");
    log.acknowledge(id, "dsl.amy");
    log.startReview(
        id,
        new Review(
            null,
            "Online Safety Group",
            "what was shown",
            new Review.Reviewer("Amy", "DSL"),
            new Review.Reviewer("Ben", "Head"),
            "Office PC",
            List.of(new Review.Concern("video.example", "violent")),
            null),
        "dsl.amy");
    log.recordAction(id, IncidentAction.INFORM_PARENTS, "phoned", "dsl.amy", "A. Smith");
    log.close(id, "resolved with parents", "head.ben", "B. Jones");

    List<SyncRecord> records = queued();
    assertEquals(5, records.size(), "one record per step");
    List<String> statuses = new ArrayList<>();
    for (SyncRecord record : records) {
      assertEquals(RecordKind.INCIDENT, record.kind());
      IncidentPayload state = IncidentPayload.decode(record.payload());
      assertEquals(id, state.id());
      statuses.add(state.status());
    }
    assertEquals(
        List.of("new", "acknowledged", "under-review", "under-review", "closed"), statuses);
    IncidentPayload last = IncidentPayload.decode(records.get(4).payload());
    assertEquals("staff", last.origin());
    assertEquals("Pupil shown a \"video\"\non a phone <b>", last.description());
    assertEquals("Tuesday after lunch", last.occurredAtText());
    assertEquals("Ms Ray", last.reportedBy());
    assertEquals(
        List.of("status:acknowledged", "status:under-review", "inform-parents", "status:closed"),
        last.actions().stream().map(IncidentPayload.Action::action).toList());
    assertEquals("A. Smith", last.actions().get(2).signature());
    assertEquals("resolved with parents", last.actions().get(3).note());
    assertNotNull(last.review());
    assertEquals("Ben", last.review().second().name());
    assertEquals("violent", last.review().concerns().get(0).reason());
    assertNull(IncidentPayload.decode(records.get(1).payload()).review());
  }

  @Test
  void aPressWhoseOutboxRecordFailsIsNotRecordedAtAll() throws Exception {
    decision("192.0.2.23", "tablet-7", "bad.example", Outcome.BLOCKED);
    // The real outbox writes the record, then the transaction fails after it: everything must go.
    OutboundRecords failing =
        (connection, kind, payload) -> {
          outbox.append(connection, kind, payload);
          throw new SQLException("disk I/O error (injected)");
        };
    IncidentLog log = incidents(failing);
    assertThrows(StoreException.class, () -> log.press(0));
    assertTrue(log.list(null, 10).isEmpty(), "no incident without its outbox record");
    assertTrue(queued().isEmpty(), "no outbox record without its incident");
    assertEquals(1, outbox.status().nextSequence(), "no sequence used: no gap for the hub");
  }

  @Test
  void anAlertFromTheRulesQueuesOneAlertRecordWithThePseudonym() throws Exception {
    Categories categories = Categories.of(List.of("gambling", "self-harm", "illegal"));
    AlertRules rules =
        new AlertRules(
            new AlertRules.Settings(
                categories.mask(List.of("self-harm")),
                categories.mask(List.of("self-harm")),
                3,
                Duration.ofMinutes(10)),
            categories::names,
            time,
            nanos::get);
    QueryRecord locked =
        new QueryRecord(
            nanos.get(),
            InetAddress.getByName("192.0.2.5"),
            "tablet-7",
            "pupil",
            Name.of("csam.example"),
            1,
            Outcome.LOCKED,
            categories.mask(List.of("illegal")),
            1_000);
    SqliteAlertStore store = new SqliteAlertStore(database, outbox, pseudonyms);
    store.add(rules.evaluate(locked));

    List<SyncRecord> records = queued();
    assertEquals(List.of(RecordKind.ALERT), kinds(records));
    AlertPayload alert = AlertPayload.decode(records.get(0).payload());
    assertEquals("locked-content", alert.kind());
    assertEquals("high", alert.severity());
    assertEquals(pseudonyms.of("tablet-7"), alert.device());
    assertEquals("illegal", alert.category());
    assertEquals("csam.example", alert.name());
    assertFalse(alert.detail().contains("192.0.2.5"), alert.detail());
    assertTrue(alert.detail().startsWith(pseudonyms.of("tablet-7")), alert.detail());
    assertEquals(NOW, alert.raisedAt());
    assertEquals("tablet-7", store.between(NOW, NOW.plusSeconds(1)).get(0).deviceId());
  }

  @Test
  void anAllowanceQueuesItsChangeLogRowAndTheHubCanCheckItsHash() throws Exception {
    SqliteAllowanceStore store =
        new SqliteAllowanceStore(database, new Allowances(ApprovalRules.defaults(), CLOCK), outbox);
    Person teacher = new Person("t.jones", Role.TEACHER);
    Allowance allowance =
        store.create(
            new AllowanceRequest(
                Name.of("talktofrank.example"),
                new AllowanceScope.ProfileScope("pupil"),
                NOW,
                NOW.plus(Duration.ofMinutes(45)),
                "Year 6 PSHE: \"drugs\" awareness",
                teacher,
                Set.of("drugs")),
            teacher,
            name -> false);
    store.revoke(allowance.id(), teacher, "lesson ended early");

    List<SyncRecord> records = queued();
    assertEquals(List.of(RecordKind.CHANGE_LOG, RecordKind.CHANGE_LOG), kinds(records));
    ChangeLogPayload created = ChangeLogPayload.decode(records.get(0).payload());
    ChangeLogPayload revoked = ChangeLogPayload.decode(records.get(1).payload());
    assertEquals(1, created.index());
    assertEquals("allowance.create", created.action());
    assertEquals("talktofrank.example", created.subject().replaceAll("\\.$", ""));
    assertEquals(NOW.plus(Duration.ofMinutes(45)), created.until());
    assertEquals("Year 6 PSHE: \"drugs\" awareness", created.detail());
    assertEquals("00".repeat(32), created.previousHash());
    assertEquals(created.hash(), revoked.previousHash());
    assertEquals("allowance.revoke", revoked.action());
    // The hub recomputes each row's hash from the payload alone: the chain is anchored there.
    for (ChangeLogPayload row : List.of(created, revoked)) {
      ChangeEntry entry =
          new ChangeEntry(
              row.actor(),
              row.at(),
              row.action(),
              row.before(),
              row.after(),
              row.reason(),
              row.approvedBy());
      byte[] previous = HexFormat.of().parseHex(row.previousHash());
      assertEquals(row.hash(), ChangeChain.hex(ChangeChain.link(previous, row.index(), entry)));
    }
  }

  @Test
  void configurationChangesQueueOneRowPerChangedItemAndAFailedRecordQueuesNone() throws Exception {
    SqliteConfigSnapshot snapshot = new SqliteConfigSnapshot(database, outbox);
    snapshot.record(
        Map.of("profile.pupil.block", "gambling", "dns.upstream", "9.9.9.9"),
        Map.of(),
        "cfg",
        null,
        NOW);
    snapshot.record(
        Map.of("profile.pupil.block", "gambling, games", "dns.upstream", "9.9.9.9"),
        Map.of(),
        "cfg",
        null,
        NOW.plusSeconds(60));
    List<SyncRecord> records = queued(RecordKind.CHANGE_LOG);
    assertEquals(2, records.size());
    assertEquals("configuration", ChangeLogPayload.decode(records.get(0).payload()).subject());
    ChangeLogPayload change = ChangeLogPayload.decode(records.get(1).payload());
    assertEquals("config.change", change.action());
    assertEquals("profile.pupil.block", change.subject());
    assertEquals("profile.pupil.block = gambling, games", change.after());

    // A damaged log head fails the next record: neither the row nor its outbox record remains.
    try (java.sql.Connection raw =
            java.sql.DriverManager.getConnection("jdbc:sqlite:" + database.file());
        java.sql.Statement statement = raw.createStatement()) {
      statement.executeUpdate("UPDATE change_log_head SET last_hash = X'00'");
    }
    assertThrows(
        StoreException.class,
        () ->
            snapshot.record(
                Map.of("profile.pupil.block", "games", "dns.upstream", "9.9.9.9"),
                Map.of(),
                "cfg",
                null,
                NOW.plusSeconds(120)));
    assertEquals(2, queued().size());
  }

  @Test
  void deviceRegistryChangesQueueTheDeviceStateWithItsMac() throws Exception {
    SqliteDeviceRegistry registry = new SqliteDeviceRegistry(database, time, outbox);
    registry.record(
        new DeviceEvent(
            DeviceEvent.Kind.LEASE_ADDED, TABLET, InetAddress.getByName("192.0.2.20"), "ipad"));
    // Seen again: no change to the registry, no record.
    registry.record(new DeviceEvent(DeviceEvent.Kind.CONNECTED, TABLET, null, null));
    registry.approve(TABLET, DeviceClass.SCHOOL_SHARED, "Oak iPad \"3\"", "tess (teacher)");
    registry.forget(TABLET, "tom (technician)");

    List<SyncRecord> records = queued();
    assertEquals(3, records.size());
    List<DeviceChangePayload> changes = new ArrayList<>();
    for (SyncRecord record : records) {
      assertEquals(RecordKind.DEVICE_CHANGE, record.kind());
      changes.add(DeviceChangePayload.decode(record.payload()));
    }
    assertEquals("02:00:00:00:00:07", changes.get(0).mac());
    assertEquals("quarantined", changes.get(0).change());
    assertEquals("quarantined", changes.get(0).state());
    assertEquals("system", changes.get(0).by());
    assertEquals("approved", changes.get(1).change());
    assertEquals("approved", changes.get(1).state());
    assertEquals("school-shared", changes.get(1).deviceClass());
    assertEquals("Oak iPad \"3\"", changes.get(1).name());
    assertEquals("tess (teacher)", changes.get(1).by());
    assertEquals("forgotten", changes.get(2).state());
    assertEquals(NOW, changes.get(2).at());

    // An import refused halfway (a MAC twice) rolls back with every record it queued.
    MacAddress other = MacAddress.parse("02:00:00:00:00:08");
    assertThrows(
        StoreException.class,
        () ->
            registry.importAll(
                List.of(
                    new DeviceImport(2, other, DeviceClass.SCHOOL_SHARED, null, null, null),
                    new DeviceImport(3, other, DeviceClass.SCHOOL_SHARED, null, null, null))));
    assertEquals(3, queued().size());
    assertTrue(registry.find(other).isEmpty());
  }

  private static List<RecordKind> kinds(List<SyncRecord> records) {
    return records.stream().map(SyncRecord::kind).toList();
  }
}
