package org.classgate.incidents;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.classgate.activity.QueryRecord;
import org.classgate.dns.Outcome;
import org.classgate.dns.wire.Name;
import org.classgate.filter.Categories;
import org.classgate.incidents.store.SqliteAlertStore;
import org.classgate.store.Database;
import org.classgate.testing.Outboxes;
import org.classgate.time.ClockSync;
import org.classgate.time.TrustedTime;
import org.classgate.time.store.SqliteSequences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AlertRulesTest {
  private static final long MINUTE = 60_000_000_000L;
  private static final Categories CATEGORIES =
      Categories.of(List.of("gambling", "pornography", "self-harm", "extremism", "illegal"));

  @TempDir Path dir;

  private Database database;
  private TrustedTime time;
  private final AtomicLong nanos = new AtomicLong(1_000);
  private AlertRules rules;

  @BeforeEach
  void open() throws Exception {
    database = Database.open(dir);
    time =
        new TrustedTime(
            new SqliteSequences(database), "b", nanos::get, Clock.systemUTC(), ClockSync.ASSUMED);
    rules =
        new AlertRules(
            new AlertRules.Settings(
                CATEGORIES.mask(List.of("self-harm", "extremism")),
                CATEGORIES.mask(List.of("pornography", "self-harm", "extremism")),
                3,
                Duration.ofMinutes(10)),
            CATEGORIES::names,
            time,
            nanos::get);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private static QueryRecord query(String client, String name, Outcome outcome, String... cats)
      throws Exception {
    return new QueryRecord(
        System.nanoTime(),
        InetAddress.getByName(client),
        null,
        "pupil",
        Name.of(name),
        1,
        outcome,
        CATEGORIES.mask(List.of(cats)),
        1000);
  }

  private List<AlertKind> kinds(QueryRecord record) throws Exception {
    return rules.evaluate(record).stream().map(Alert::kind).toList();
  }

  @Test
  void lockedAndWatchedCategoriesAlertAtOnceButOncePerWindow() throws Exception {
    assertEquals(
        List.of(AlertKind.LOCKED_CONTENT),
        kinds(query("192.0.2.5", "csam.example", Outcome.LOCKED, "illegal")));
    assertEquals(List.of(), kinds(query("192.0.2.5", "csam.example", Outcome.LOCKED, "illegal")));
    List<Alert> selfHarm =
        rules.evaluate(query("192.0.2.5", "sh.example", Outcome.BLOCKED, "self-harm"));
    assertEquals(AlertKind.SAFEGUARDING_CATEGORY, selfHarm.get(0).kind());
    assertEquals("self-harm", selfHarm.get(0).category());
    assertEquals("192.0.2.5 asked for sh.example (self-harm), blocked", selfHarm.get(0).detail());
    assertEquals(
        List.of(AlertKind.SAFEGUARDING_CATEGORY),
        kinds(query("192.0.2.6", "sh.example", Outcome.UNBLOCKED, "self-harm")),
        "another device, and an allowed attempt still counts");
    nanos.addAndGet(10 * MINUTE);
    assertEquals(
        List.of(AlertKind.LOCKED_CONTENT),
        kinds(query("192.0.2.5", "csam.example", Outcome.LOCKED, "illegal")),
        "again after the window");
  }

  @Test
  void repeatedBlocksOnAHarmfulCategoryFromOneDevice() throws Exception {
    assertEquals(List.of(), kinds(query("192.0.2.7", "a.example", Outcome.BLOCKED, "pornography")));
    nanos.addAndGet(MINUTE);
    assertEquals(List.of(), kinds(query("192.0.2.8", "b.example", Outcome.BLOCKED, "pornography")));
    assertEquals(List.of(), kinds(query("192.0.2.7", "b.example", Outcome.BLOCKED, "gambling")));
    nanos.addAndGet(MINUTE);
    assertEquals(List.of(), kinds(query("192.0.2.7", "c.example", Outcome.ALLOWED, "pornography")));
    assertEquals(
        List.of(), kinds(query("192.0.2.7", "c2.example", Outcome.BLOCKED, "pornography")));
    List<Alert> third =
        rules.evaluate(query("192.0.2.7", "d.example", Outcome.BLOCKED, "pornography"));
    assertEquals(1, third.size());
    assertEquals(AlertKind.REPEATED_BLOCKS, third.get(0).kind());
    assertEquals(
        "192.0.2.7 was blocked 3 times on pornography within 10 minutes (last: d.example)",
        third.get(0).detail());
    assertEquals(List.of(), kinds(query("192.0.2.7", "e.example", Outcome.BLOCKED, "pornography")));
  }

  @Test
  void blocksOutsideTheWindowDoNotAddUp() throws Exception {
    for (int i = 0; i < 5; i++) {
      assertEquals(
          List.of(), kinds(query("192.0.2.9", i + ".example", Outcome.BLOCKED, "pornography")));
      nanos.addAndGet(6 * MINUTE);
    }
  }

  @Test
  void theFeedNeverBlocksAndStoresAlertsFromItsThread() throws Exception {
    SqliteAlertStore store =
        new SqliteAlertStore(
            database, Outboxes.of(database), Outboxes.pseudonyms(database.file().getParent()));
    List<QueryRecord> records = new ArrayList<>();
    records.add(query("192.0.2.5", "ok.example", Outcome.ALLOWED));
    records.add(query("192.0.2.5", "csam.example", Outcome.LOCKED, "illegal"));
    records.add(query("192.0.2.5", "x.example", Outcome.BLOCKED, "extremism"));
    assertFalse(rules.concerns(records.get(0)), "ordinary queries never reach the queue");
    try (AlertFeed feed = new AlertFeed(rules, store, 4).start()) {
      records.forEach(feed::record);
      long deadline = System.nanoTime() + 10_000_000_000L;
      while (feed.stored() < 2 && System.nanoTime() < deadline) {
        Thread.onSpinWait();
      }
      assertEquals(2, feed.stored());
      assertEquals(List.of(), feed.problems());
    }
    assertEquals(2, store.unsent());

    AlertFeed unstarted = new AlertFeed(rules, store, 1);
    for (int i = 0; i < 5; i++) {
      unstarted.record(records.get(1));
    }
    assertEquals(4, unstarted.dropped(), "a full queue drops and counts, never waits");
    assertTrue(
        unstarted.problems().get(0).message().startsWith("4 DNS decisions were not checked"));
  }
}
