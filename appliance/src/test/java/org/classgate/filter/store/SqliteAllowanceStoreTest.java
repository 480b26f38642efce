package org.classgate.filter.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.classgate.dns.wire.Name;
import org.classgate.filter.DomainSet;
import org.classgate.filter.allowance.Allowance;
import org.classgate.filter.allowance.AllowanceRefused;
import org.classgate.filter.allowance.AllowanceRequest;
import org.classgate.filter.allowance.AllowanceScope;
import org.classgate.filter.allowance.AllowanceSet;
import org.classgate.filter.allowance.Allowances;
import org.classgate.filter.allowance.ApprovalRules;
import org.classgate.filter.allowance.Person;
import org.classgate.filter.allowance.RiskLevel;
import org.classgate.filter.allowance.Role;
import org.classgate.filter.changelog.ChainVerification;
import org.classgate.filter.changelog.ChangeEntry;
import org.classgate.filter.changelog.LoggedChange;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.testing.Outboxes;
import org.classgate.testing.SteppedWallClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Allowances and their change-log rows in a real SQLite file, with a stepped clock. */
class SqliteAllowanceStoreTest {
  private static final Instant NINE = Instant.parse("2026-11-23T09:00:00Z");
  private static final Person TEACHER = new Person("t.jones", Role.TEACHER);
  private static final Person OSO = new Person("oso.khan", Role.ONLINE_SAFETY_OFFICER);
  private static final Person HEAD = new Person("head.ellis", Role.HEADTEACHER);
  private static final InetAddress TABLET = address("10.20.0.17");
  private static final InetAddress LAPTOP = address("10.20.0.18");

  private final DomainSet lockedList =
      new DomainSet.Builder().add("locked.school.example", 1).build();
  private final Predicate<Name> isLocked = name -> lockedList.match(name) != 0;

  @TempDir Path dir;
  private final SteppedWallClock clock = new SteppedWallClock(NINE);
  private Database database;
  private SqliteAllowanceStore store;
  private SqliteChangeLog log;

  @BeforeEach
  void open() throws Exception {
    database = Database.open(dir);
    store =
        new SqliteAllowanceStore(
            database, new Allowances(ApprovalRules.defaults(), clock), Outboxes.of(database));
    log = new SqliteChangeLog(database, Outboxes.of(database));
  }

  @AfterEach
  void close() {
    database.close();
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static AllowanceRequest request(
      String domain, AllowanceScope scope, Duration length, Person by, Set<String> categories)
      throws Exception {
    return new AllowanceRequest(
        Name.of(domain),
        scope,
        NINE,
        NINE.plus(length),
        "Year 6 PSHE: drugs awareness",
        by,
        categories);
  }

  private AllowanceRequest lesson(String domain) throws Exception {
    return request(
        domain,
        new AllowanceScope.ProfileScope("pupil"),
        Duration.ofMinutes(45),
        TEACHER,
        Set.of("drugs"));
  }

  private Connection raw() throws SQLException {
    return DriverManager.getConnection("jdbc:sqlite:" + database.file());
  }

  private String sql(String query) throws SQLException {
    try (Connection raw = raw();
        Statement statement = raw.createStatement();
        ResultSet rows = statement.executeQuery(query)) {
      return rows.next() ? rows.getString(1) : null;
    }
  }

  private void execute(String... statements) throws SQLException {
    try (Connection raw = raw();
        Statement statement = raw.createStatement()) {
      for (String sql : statements) {
        statement.execute(sql);
      }
    }
  }

  @Test
  void aTeachersFastPathAllowanceIsStoredWithItsLogRow() throws Exception {
    Allowance allowance = store.create(lesson("talktofrank.example"), TEACHER, isLocked);
    assertEquals(1, allowance.id());
    assertEquals(RiskLevel.LOW, allowance.approval().risk());
    assertEquals(List.of(allowance), store.active());

    List<LoggedChange> rows = log.read(0, 10);
    assertEquals(1, rows.size());
    ChangeEntry entry = rows.get(0).entry();
    assertEquals("t.jones (TEACHER)", entry.actor());
    assertEquals(NINE, entry.at());
    assertEquals(SqliteAllowanceStore.CREATE, entry.action());
    assertNull(entry.before());
    assertEquals(allowance.describe(), entry.after());
    assertTrue(
        entry
            .after()
            .startsWith(
                "allowance 1: talktofrank.example. and its subdomains for profile pupil\n"
                    + "from 2026-11-23T09:00:00Z until 2026-11-23T09:45:00Z\n"
                    + "categories: drugs (risk LOW)"),
        entry.after());
    assertEquals("Year 6 PSHE: drugs awareness", entry.reason());
    assertEquals("t.jones (TEACHER)", entry.approvedBy());
    assertEquals("1", sql("SELECT created_change FROM allowance WHERE id = 1"));
    assertEquals(new ChainVerification.Intact(1, rows.get(0).hash()), log.verify());
  }

  @Test
  void seniorStaffApproveWhatTheFastPathRefuses() throws Exception {
    AllowanceRequest week =
        request(
            "history-of-racism.example",
            AllowanceScope.CLASSROOM,
            Duration.ofDays(7),
            TEACHER,
            Set.of("discrimination-and-hate", "extremism"));
    AllowanceRefused refused =
        assertThrows(AllowanceRefused.class, () -> store.create(week, TEACHER, isLocked));
    assertEquals(AllowanceRefused.Kind.FAST_PATH_HIGH_RISK, refused.kind());
    assertEquals("0", sql("SELECT count(*) FROM allowance"), "a refusal stores nothing");
    assertEquals(0, ((ChainVerification.Intact) log.verify()).rows(), "nor logs anything");

    Allowance approved = store.create(week, OSO, isLocked);
    assertEquals(RiskLevel.HIGH, approved.approval().risk());
    assertEquals("oso.khan (ONLINE_SAFETY_OFFICER)", log.read(0, 1).get(0).entry().approvedBy());
    assertEquals("t.jones (TEACHER)", log.read(0, 1).get(0).entry().actor());
  }

  @Test
  void theFastPathBoundaryHoldsThroughTheStore() throws Exception {
    AllowanceScope pupils = new AllowanceScope.ProfileScope("pupil");
    store.create(
        request("a.example", pupils, Duration.ofMinutes(60), TEACHER, Set.of()), TEACHER, isLocked);
    AllowanceRequest sixtyOne =
        request("b.example", pupils, Duration.ofMinutes(61), TEACHER, Set.of());
    assertEquals(
        AllowanceRefused.Kind.FAST_PATH_TOO_LONG,
        assertThrows(AllowanceRefused.class, () -> store.create(sixtyOne, TEACHER, isLocked))
            .kind());
    AllowanceRequest colleagues =
        request(
            "c.example",
            pupils,
            Duration.ofMinutes(10),
            new Person("t.patel", Role.TEACHER),
            Set.of());
    assertEquals(
        AllowanceRefused.Kind.NOT_OWN_REQUEST,
        assertThrows(AllowanceRefused.class, () -> store.create(colleagues, TEACHER, isLocked))
            .kind());
    assertEquals("1", sql("SELECT count(*) FROM allowance"));
    assertEquals("1", sql("SELECT count(*) FROM change_log"));
  }

  @Test
  void lockedNamesAreRefusedAndNeverAllowed() throws Exception {
    AllowanceRefused refused =
        assertThrows(
            AllowanceRefused.class,
            () -> store.create(lesson("www.locked.school.example"), HEAD, isLocked));
    assertEquals(AllowanceRefused.Kind.LOCKED, refused.kind());
    assertEquals("0", sql("SELECT count(*) FROM allowance"));
    assertEquals("0", sql("SELECT count(*) FROM change_log"));

    // An allowance for the parent domain cannot reach the locked name below it.
    store.create(
        request("school.example", AllowanceScope.CLASSROOM, Duration.ofHours(1), HEAD, Set.of()),
        OSO,
        isLocked);
    AllowanceSet snapshot = store.snapshot(isLocked);
    assertTrue(snapshot.allows("pupil", TABLET, Name.of("fine.school.example"), NINE));
    assertFalse(snapshot.allows("pupil", TABLET, Name.of("locked.school.example"), NINE));
    assertFalse(snapshot.allows("pupil", TABLET, Name.of("www.locked.school.example"), NINE));
  }

  @Test
  void anAllowanceExpiresOnTheClockAndHousekeepingLogsIt() throws Exception {
    Allowance allowance = store.create(lesson("talktofrank.example"), TEACHER, isLocked);
    AllowanceSet atNine = store.snapshot(isLocked);
    Name www = Name.of("www.talktofrank.example");

    clock.advance(Duration.ofMinutes(44).plusSeconds(59));
    assertTrue(atNine.allows("pupil", LAPTOP, www, clock.instant()));
    assertEquals(List.of(), store.expire());
    assertEquals(List.of(allowance), store.active());

    clock.advance(Duration.ofSeconds(1));
    assertFalse(atNine.allows("pupil", LAPTOP, www, clock.instant()), "stops matching by itself");
    assertEquals(List.of(), store.active(), "not loaded once expired, housekept or not");
    assertEquals(List.of(allowance), store.expire());
    assertEquals(List.of(), store.expire(), "expired once, logged once");

    LoggedChange expired = log.read(1, 10).get(0);
    assertEquals(SqliteAllowanceStore.EXPIRE, expired.entry().action());
    assertEquals(SqliteAllowanceStore.SYSTEM, expired.entry().actor());
    assertEquals(allowance.describe(), expired.entry().before());
    assertNull(expired.entry().after());
    assertEquals(
        "the allowance reached its expiry at 2026-11-23T09:45:00Z", expired.entry().reason());
    assertEquals("expired", sql("SELECT ended_how FROM allowance WHERE id = 1"));
    assertEquals("2", sql("SELECT ended_change FROM allowance WHERE id = 1"));
    assertEquals(2, ((ChainVerification.Intact) log.verify()).rows());
  }

  @Test
  void revokingEndsAnAllowanceAtOnceAndLogsWhoAndWhy() throws Exception {
    Allowance first = store.create(lesson("one.example"), TEACHER, isLocked);
    Allowance second = store.create(lesson("two.example"), TEACHER, isLocked);
    clock.advance(Duration.ofMinutes(10));

    assertEquals(Optional.of(first), store.revoke(first.id(), OSO, "pupils found a chat room"));
    assertEquals(List.of(second), store.active());
    assertFalse(
        store.snapshot(isLocked).allows("pupil", TABLET, Name.of("one.example"), clock.instant()));

    LoggedChange revoked = log.read(2, 1).get(0);
    assertEquals(SqliteAllowanceStore.REVOKE, revoked.entry().action());
    assertEquals("oso.khan (ONLINE_SAFETY_OFFICER)", revoked.entry().actor());
    assertEquals(NINE.plus(Duration.ofMinutes(10)), revoked.entry().at());
    assertEquals("pupils found a chat room", revoked.entry().reason());
    assertEquals(first.describe(), revoked.entry().before());

    assertEquals(Optional.empty(), store.revoke(first.id(), OSO, "again"), "already revoked");
    assertEquals(Optional.empty(), store.revoke(99, OSO, "no such"));
    assertThrows(IllegalArgumentException.class, () -> store.revoke(second.id(), OSO, " "));
    assertEquals("3", sql("SELECT count(*) FROM change_log"));

    clock.advance(Duration.ofHours(1));
    assertEquals(Optional.empty(), store.revoke(second.id(), OSO, "late"), "already expired");
    assertEquals(List.of(second), store.expire());
    assertEquals(4, ((ChainVerification.Intact) log.verify()).rows());
  }

  @Test
  void scopesSurviveAReopenedDatabase() throws Exception {
    Allowance profile = store.create(lesson("p.example"), TEACHER, isLocked);
    Allowance v4 =
        store.create(
            request(
                "d.example",
                new AllowanceScope.DeviceScope(TABLET),
                Duration.ofDays(2),
                TEACHER,
                Set.of()),
            HEAD,
            isLocked);
    Allowance v6 =
        store.create(
            request(
                "e.example",
                new AllowanceScope.DeviceScope(address("fd00:20::17")),
                Duration.ofDays(2),
                TEACHER,
                Set.of()),
            HEAD,
            isLocked);
    Allowance classroom =
        store.create(
            request("c.example", AllowanceScope.CLASSROOM, Duration.ofDays(2), OSO, Set.of()),
            HEAD,
            isLocked);
    database.close();
    database = Database.open(dir);
    store =
        new SqliteAllowanceStore(
            database, new Allowances(ApprovalRules.defaults(), clock), Outboxes.of(database));
    assertEquals(List.of(profile, v4, v6, classroom), store.active());

    AllowanceSet set = store.snapshot(isLocked);
    assertTrue(set.allows("pupil", LAPTOP, Name.of("p.example"), NINE));
    assertFalse(set.allows("staff", LAPTOP, Name.of("p.example"), NINE));
    assertTrue(set.allows("staff", TABLET, Name.of("d.example"), NINE));
    assertFalse(set.allows("pupil", LAPTOP, Name.of("d.example"), NINE));
    assertTrue(set.allows(null, address("fd00:20:0::17"), Name.of("e.example"), NINE));
    assertTrue(set.allows(null, LAPTOP, Name.of("www.c.example"), NINE));
    assertFalse(set.allows(null, LAPTOP, Name.of("notc.example"), NINE));
  }

  @Test
  void whenTheLogRowCannotBeWrittenTheAllowanceIsNotStoredEither() throws Exception {
    execute(
        "CREATE TRIGGER fail_log BEFORE INSERT ON change_log"
            + " BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END");
    StoreException e =
        assertThrows(
            StoreException.class, () -> store.create(lesson("a.example"), TEACHER, isLocked));
    assertTrue(e.getMessage().contains("disk full (simulated)"), e.getMessage());
    assertEquals("0", sql("SELECT count(*) FROM allowance"));

    execute("DROP TRIGGER fail_log");
    Allowance stored = store.create(lesson("a.example"), TEACHER, isLocked);
    execute(
        "CREATE TRIGGER fail_log BEFORE INSERT ON change_log"
            + " BEGIN SELECT RAISE(ABORT, 'disk full (simulated)'); END");
    assertThrows(StoreException.class, () -> store.revoke(stored.id(), OSO, "done"));
    clock.advance(Duration.ofHours(1));
    assertThrows(StoreException.class, () -> store.expire());
    assertNull(sql("SELECT ended_at FROM allowance WHERE id = " + stored.id()));
    execute("DROP TRIGGER fail_log");
    assertEquals(new ChainVerification.Intact(1, log.read(0, 1).get(0).hash()), log.verify());
  }

  @Test
  void anAllowanceRowEditedInTheDatabaseAllowsNothing() throws Exception {
    store.create(lesson("a.example"), TEACHER, isLocked);
    Allowance kept = store.create(lesson("b.example"), TEACHER, isLocked);
    store.create(lesson("c.example"), TEACHER, isLocked);
    store.create(
        request(
            "d.example",
            new AllowanceScope.DeviceScope(TABLET),
            Duration.ofMinutes(30),
            TEACHER,
            Set.of()),
        TEACHER,
        isLocked);
    execute(
        // A longer allowance than was approved …
        "UPDATE allowance SET expires_at = '2027-07-20T15:00:00Z' WHERE id = 1",
        // … a wider scope …
        "UPDATE allowance SET scope_kind = 'classroom', scope_value = NULL WHERE id = 3",
        // … and a device "address" that would need a DNS lookup to read.
        "UPDATE allowance SET scope_value = 'dead.beef' WHERE id = 4");
    assertEquals(List.of(kept), store.active());
    AllowanceSet set = store.snapshot(isLocked);
    assertFalse(set.allows("pupil", TABLET, Name.of("a.example"), NINE));
    assertFalse(set.allows("staff", TABLET, Name.of("c.example"), NINE));
    assertFalse(set.allows("pupil", TABLET, Name.of("d.example"), NINE));
    assertTrue(set.allows("pupil", TABLET, Name.of("b.example"), NINE));
  }

  @Test
  void hostileTextIsStoredAndReadBackExactly() throws Exception {
    String reason =
        "'); DELETE FROM allowance; -- \"quoted\" <script>alert(document.cookie)</script>"
            + "\u0000after NUL\r\nCRLF\nLF\t\u202Eright-to-left\u202C \uD83D\uDCA3"
            + "x".repeat(10_240);
    Person odd = new Person("o'brien \"<b>\" ; --", Role.TEACHER);
    AllowanceRequest request =
        new AllowanceRequest(
            Name.of("example.org"),
            new AllowanceScope.ProfileScope("pupil"),
            NINE,
            NINE.plus(Duration.ofMinutes(30)),
            reason,
            odd,
            Set.of());
    Allowance stored = store.create(request, odd, isLocked);
    Allowance loaded = store.active().get(0);
    assertEquals(stored, loaded);
    assertEquals(reason, loaded.approval().request().reason());
    assertEquals(odd, loaded.approval().request().requestedBy());
    assertEquals(reason, log.read(0, 1).get(0).entry().reason());
    assertEquals(
        reason, store.revoke(stored.id(), odd, reason).orElseThrow().approval().request().reason());
    assertEquals(reason, log.read(1, 1).get(0).entry().reason());
    assertTrue(log.verify().intact());
  }
}
