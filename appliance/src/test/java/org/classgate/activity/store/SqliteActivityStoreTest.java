package org.classgate.activity.store;

import static org.classgate.activity.ActivityRecords.CATEGORIES;
import static org.classgate.activity.ActivityRecords.record;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.classgate.activity.ActivityEntry;
import org.classgate.activity.DailyCount;
import org.classgate.activity.QueryRecord;
import org.classgate.dns.Outcome;
import org.classgate.dns.wire.Name;
import org.classgate.store.Database;
import org.classgate.time.Stamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteActivityStoreTest {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final Instant TRUE_NOW = Instant.parse("2026-11-23T10:15:00Z");
  private static final long SECOND = 1_000_000_000L;

  @TempDir Path dir;

  private Database database;
  private SqliteActivityStore store;
  private SqliteActivityReader reader;
  private long sequence = 100;

  @BeforeEach
  void open() throws Exception {
    database = Database.open(dir);
    store = new SqliteActivityStore(database, CATEGORIES, LONDON);
    reader = new SqliteActivityReader(database);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private Stamp stamp(String boot, long mono, Instant wall, boolean synced) {
    return new Stamp(sequence++, boot, mono, wall.toEpochMilli(), synced);
  }

  @Test
  void rowsReadBackWithTheirTimesDerivedFromTheBatchStamp() throws Exception {
    long mono = 500 * SECOND;
    store.append(
        stamp("boot-a", mono, TRUE_NOW, true),
        new QueryRecord[] {
          record(mono - 8 * SECOND, "10.0.0.5", "d-1", "bet.example", Outcome.BLOCKED, 1),
          record(mono - 2 * SECOND, "2001:db8::7", null, "www.example", Outcome.CACHED, 0),
        },
        2);

    List<ActivityEntry> entries = reader.since(TRUE_NOW.minusSeconds(60), null, 100);

    assertEquals(2, entries.size());
    ActivityEntry blocked = entries.get(0);
    assertEquals(TRUE_NOW.minusSeconds(8), blocked.time());
    assertTrue(blocked.synchronised());
    assertEquals("10.0.0.5", blocked.client().getHostAddress());
    assertEquals("d-1", blocked.deviceId());
    assertEquals("pupil", blocked.profile());
    assertEquals("bet.example.", blocked.name());
    assertEquals(1, blocked.type());
    assertEquals(Outcome.BLOCKED, blocked.outcome());
    assertEquals(List.of("gambling"), blocked.categories());
    assertEquals(InetAddress.getByName("2001:db8::7"), entries.get(1).client());
    assertEquals(List.of(), entries.get(1).categories());
    // The window and the device filter (by id, or by address while the device is unknown).
    assertEquals(1, reader.since(TRUE_NOW.minusSeconds(5), null, 100).size());
    assertEquals(List.of(blocked), reader.since(TRUE_NOW.minusSeconds(60), "d-1", 100));
    assertEquals(1, reader.since(TRUE_NOW.minusSeconds(60), "2001:db8:0:0:0:0:0:7", 100).size());
    // The limit keeps the most recent.
    assertEquals("www.example.", reader.since(TRUE_NOW.minusSeconds(60), null, 1).get(0).name());
  }

  @Test
  void hostileNamesAndTextComeBackByteExact() throws Exception {
    byte[][] labels = {
      {'\n', 0, 'a'},
      {(byte) 0xE2, (byte) 0x80, (byte) 0xAE, 'x'}, // U+202E right-to-left override, as UTF-8
      {'a', '.', 'b', '\\', '"', ';', '(', ')', ' '},
      {'M', 'i', 'X', (byte) 0xFF, 0x1B, '[', '3', '1', 'm'},
    };
    Name hostile = Name.of(presentation(labels));
    String device = "dev\u0000\u202e\n'; DROP TABLE activity; --";
    long mono = 900 * SECOND;
    QueryRecord row =
        new QueryRecord(
            mono - SECOND,
            InetAddress.getByName("10.0.0.9"),
            device,
            "pro\u202efile",
            hostile,
            16,
            Outcome.ALLOWED,
            0,
            1000);
    store.append(stamp("boot-a", mono, TRUE_NOW, true), new QueryRecord[] {row}, 1);

    ActivityEntry back = reader.since(TRUE_NOW.minusSeconds(60), null, 10).get(0);

    assertArrayEquals(hostile.wireBytes(), Name.of(back.name()).wireBytes());
    assertTrue(back.name().chars().allMatch(c -> c >= 0x21 && c < 0x7f), back.name());
    assertEquals(device, back.deviceId());
    assertEquals("pro\u202efile", back.profile());
    assertEquals(16, back.type());
    assertEquals(1, reader.since(TRUE_NOW.minusSeconds(60), device, 10).size());
  }

  /** Presentation form of raw labels, every byte as a \DDD escape. */
  private static String presentation(byte[][] labels) {
    StringBuilder text = new StringBuilder();
    for (byte[] label : labels) {
      for (byte b : label) {
        text.append(String.format("\\%03d", b & 0xFF));
      }
      text.append('.');
    }
    return text.toString();
  }

  @Test
  void rowsOfTheBootMadeBeforeSynchronisationAreRebasedAndCounted() throws Exception {
    // Boot a: the wall clock is two days slow until NTP sets it 90 s after the first batch.
    Instant wrong = TRUE_NOW.minusSeconds(2 * 86_400);
    long mono = 1_000 * SECOND;
    store.append(
        stamp("boot-a", mono, wrong, false),
        new QueryRecord[] {
          record(mono - 4 * SECOND, "10.0.0.5", "d-1", "a.example", Outcome.ALLOWED, 0)
        },
        1);
    // Boot z ended before its clock ever synchronised.
    store.append(
        stamp("boot-z", 50 * SECOND, wrong.minusSeconds(3600), false),
        new QueryRecord[] {record(49 * SECOND, "10.0.0.6", "d-2", "z.example", Outcome.BLOCKED, 1)},
        1);
    assertTrue(
        reader.daily(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31)).isEmpty(),
        "unsynchronised batches wait before they are counted");

    Stamp reference = stamp("boot-a", mono + 90 * SECOND, TRUE_NOW, true);
    assertEquals(1, store.rebase(reference));
    assertEquals(1, store.settleEndedBoots("boot-a"));

    List<ActivityEntry> all = reader.since(Instant.EPOCH, null, 10);
    ActivityEntry corrected =
        all.stream().filter(e -> e.name().equals("a.example.")).findFirst().orElseThrow();
    assertEquals(TRUE_NOW.minusSeconds(94), corrected.time());
    assertTrue(corrected.synchronised());
    ActivityEntry flagged =
        all.stream().filter(e -> e.name().equals("z.example.")).findFirst().orElseThrow();
    assertFalse(flagged.synchronised(), "a boot that never synchronised stays flagged");
    assertEquals(wrong.minusSeconds(3601), flagged.time());

    List<DailyCount> daily = reader.daily(LocalDate.of(2026, 1, 1), LocalDate.of(2026, 12, 31));
    assertTrue(
        daily.contains(new DailyCount(LocalDate.of(2026, 11, 23), "d-1", "", Outcome.ALLOWED, 1)),
        daily::toString);
    assertTrue(
        daily.contains(
            new DailyCount(LocalDate.of(2026, 11, 21), "d-2", "gambling", Outcome.BLOCKED, 1)),
        daily::toString);
    assertEquals(2, daily.size());
    // Idempotent: nothing is left to correct or settle.
    assertEquals(0, store.rebase(stamp("boot-a", mono + 100 * SECOND, TRUE_NOW, true)));
    assertEquals(0, store.settleEndedBoots("boot-a"));
  }

  @Test
  void statisticsCountPerDeviceCategoryAndOutcomeOnLocalDays() throws Exception {
    // 23:30 UTC on 30 June is 00:30 on 1 July in London (BST).
    Instant lateJune = Instant.parse("2026-06-30T23:30:00Z");
    long mono = 2_000 * SECOND;
    store.append(
        stamp("boot-a", mono, lateJune, true),
        new QueryRecord[] {
          record(mono, "10.0.0.5", "d-1", "bet.example", Outcome.BLOCKED, 3),
          record(mono, "10.0.0.5", "d-1", "bet2.example", Outcome.BLOCKED, 1),
          record(mono, "10.0.0.6", null, "a.example", Outcome.ALLOWED, 0),
          record(mono - 3600 * SECOND, "10.0.0.6", null, "b.example", Outcome.ALLOWED, 0),
        },
        4);
    List<DailyCount> daily = reader.daily(LocalDate.of(2026, 6, 30), LocalDate.of(2026, 7, 1));
    assertEquals(
        List.of(
            new DailyCount(LocalDate.of(2026, 6, 30), "10.0.0.6", "", Outcome.ALLOWED, 1),
            new DailyCount(LocalDate.of(2026, 7, 1), "10.0.0.6", "", Outcome.ALLOWED, 1),
            new DailyCount(LocalDate.of(2026, 7, 1), "d-1", "gambling", Outcome.BLOCKED, 2),
            new DailyCount(LocalDate.of(2026, 7, 1), "d-1", "games", Outcome.BLOCKED, 1)),
        daily);
  }
}
