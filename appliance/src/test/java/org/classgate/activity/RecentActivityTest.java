package org.classgate.activity;

import static org.classgate.activity.ActivityRecords.CATEGORIES;
import static org.classgate.activity.ActivityRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.classgate.dns.Outcome;
import org.junit.jupiter.api.Test;

class RecentActivityTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:15:00Z");

  private final AtomicLong nanos = new AtomicLong(7_000_000_000_000L);
  private final AtomicBoolean synced = new AtomicBoolean(true);

  private RecentActivity recent(int capacity) {
    return new RecentActivity(
        capacity, CATEGORIES, Clock.fixed(NOW, ZoneOffset.UTC), nanos::get, synced::get);
  }

  @Test
  void sinceReturnsTheWindowOldestFirstWithWallTimesFromTheMonotonicDistance() {
    RecentActivity recent = recent(1024);
    long start = nanos.get();
    recent.record(record(start - 11 * 60_000_000_000L, "10.0.0.5", "old.example", Outcome.ALLOWED));
    recent.record(record(start - 9 * 60_000_000_000L, "10.0.0.6", "bet.example", Outcome.BLOCKED));
    recent.record(record(start - 1_500_000_000L, "10.0.0.7", "www.example", Outcome.CACHED));

    List<ActivityEntry> window = recent.since(NOW.minusSeconds(600));

    assertEquals(2, window.size(), window::toString);
    ActivityEntry blocked = window.get(0);
    assertEquals(NOW.minusSeconds(9 * 60), blocked.time());
    assertEquals("bet.example.", blocked.name());
    assertEquals("10.0.0.6", blocked.client().getHostAddress());
    assertEquals(Outcome.BLOCKED, blocked.outcome());
    assertEquals(List.of("gambling"), blocked.categories());
    assertEquals("pupil", blocked.profile());
    assertTrue(blocked.synchronised());
    assertEquals(NOW.minusMillis(1500), window.get(1).time());
    assertEquals(List.of(), window.get(1).categories());
  }

  @Test
  void addressesOfBothFamiliesAndNamesOfAnyLengthAreCopiedExactly() throws Exception {
    RecentActivity recent = recent(1024);
    String longName = "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + ".example";
    recent.record(record(nanos.get(), "2001:db8::1:2", longName, Outcome.ALLOWED));
    recent.record(record(nanos.get(), "203.0.113.250", "\\027x.Example", Outcome.ALLOWED));
    List<ActivityEntry> entries = recent.since(NOW.minusSeconds(1));
    assertEquals(java.net.InetAddress.getByName("2001:db8::1:2"), entries.get(0).client());
    assertEquals(longName + ".", entries.get(0).name());
    assertEquals("203.0.113.250", entries.get(1).client().getHostAddress());
    assertEquals("\\027x.Example.", entries.get(1).name());
  }

  @Test
  void clientsAndCategorySetsRepeatedAcrossRowsAreNamedPerRow() {
    RecentActivity recent = recent(1024);
    long now = nanos.get();
    int[] masks = {0, 1, 3, 2, 1, 0, 3};
    for (int i = 0; i < masks.length; i++) {
      recent.record(
          record(
              now - i,
              i % 2 == 0 ? "10.0.0.5" : "2001:db8::5",
              null,
              "n" + i + ".example",
              masks[i] == 0 ? Outcome.ALLOWED : Outcome.BLOCKED,
              masks[i]));
    }
    List<ActivityEntry> entries = recent.since(NOW.minusSeconds(1));
    assertEquals(masks.length, entries.size());
    for (ActivityEntry entry : entries) {
      int i = Integer.parseInt(entry.name().substring(1, entry.name().indexOf('.')));
      assertEquals(
          i % 2 == 0 ? "10.0.0.5" : "2001:db8:0:0:0:0:0:5", entry.client().getHostAddress());
      assertEquals(CATEGORIES.namesOf(masks[i]), entry.categories(), entry.name());
    }
  }

  @Test
  void entriesAreFlaggedWhileTheClockIsNotSynchronised() {
    RecentActivity recent = recent(1024);
    recent.record(record(nanos.get(), "10.0.0.5", "a.example", Outcome.ALLOWED));
    synced.set(false);
    assertFalse(recent.since(NOW.minusSeconds(1)).get(0).synchronised());
  }

  @Test
  void aFullRingKeepsTheNewestEntries() {
    RecentActivity recent = recent(1000); // rounded up to 1024
    assertEquals(1024, recent.capacity());
    for (int i = 0; i < 3000; i++) {
      recent.record(
          record(nanos.get() - 3000 + i, "10.0.0.5", "n" + i + ".example", Outcome.ALLOWED));
    }
    List<ActivityEntry> all = recent.since(Instant.EPOCH);
    assertEquals(1024, all.size());
    assertEquals("n1976.example.", all.get(0).name());
    assertEquals("n2999.example.", all.get(1023).name());
    assertTrue(recent.since(Instant.MIN).size() == 1024 && recent.since(Instant.MAX).isEmpty());
  }

  @Test
  void concurrentWritersNeverShowAReaderATornOrMisplacedEntry() throws Exception {
    RecentActivity recent = recent(256); // small, so writers lap readers constantly
    int writers = 3;
    int perWriter = 200_000;
    AtomicReference<String> problem = new AtomicReference<>();
    List<Thread> threads = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      int writer = w;
      Thread thread =
          new Thread(
              () -> {
                QueryRecord[] mine = new QueryRecord[64];
                for (int k = 0; k < mine.length; k++) {
                  mine[k] =
                      record(
                          k, "10.0.0." + (writer + 1), null, name(writer), Outcome.ALLOWED, writer);
                }
                for (int i = 0; i < perWriter; i++) {
                  recent.record(mine[i & 63]);
                }
              });
      threads.add(thread);
    }
    threads.forEach(Thread::start);
    ActivityRing ring = recent.ring();
    long reads = 0;
    DecisionRow row = new DecisionRow();
    while (threads.stream().anyMatch(Thread::isAlive) || reads == 0) {
      long end = ring.claimed();
      for (long sequence = Math.max(0, end - 256); sequence < end; sequence++) {
        if (ring.read(sequence, row)) {
          reads++;
          // Each writer's records name it in client, name (of its own length) and categories: a
          // mix means a torn read.
          QueryRecord record = row.toRecord();
          String client = record.client().getHostAddress();
          int writer = client.charAt(client.length() - 1) - '1';
          if (!record.name().toString().equals(name(writer) + ".")
              || record.categories() != writer) {
            problem.set(record.toString());
          }
        }
      }
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertEquals(null, problem.get());
    assertTrue(reads > 0);
    assertEquals((long) writers * perWriter, ring.claimed());
    // After the writers stop, every slot holds a published record with its own sequence.
    for (long sequence = ring.claimed() - 256; sequence < ring.claimed(); sequence++) {
      assertTrue(ring.read(sequence, row), "sequence " + sequence);
    }
  }

  /** Names of different lengths per writer, one longer than the ring's inline space. */
  private static String name(int writer) {
    return "w" + writer + ".example".repeat(1 + writer * 4);
  }

  @Test
  void recordingAllocatesNothing() {
    RecentActivity recent = recent(4096);
    QueryRecord record = record(nanos.get(), "10.0.0.5", "a.example", Outcome.ALLOWED);
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    for (int i = 0; i < 200_000; i++) {
      recent.record(record); // warm up: the JIT compiles record()
    }
    long thread = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(thread);
    for (int i = 0; i < 100_000; i++) {
      recent.record(record);
    }
    long allocated = threads.getThreadAllocatedBytes(thread) - before;
    // The measurement itself may allocate a little; 100,000 records of even 8 bytes would be 800
    // KB.
    assertTrue(allocated < 10_000, allocated + " bytes allocated by 100,000 records");
  }
}
