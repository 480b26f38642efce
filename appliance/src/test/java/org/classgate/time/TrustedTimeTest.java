package org.classgate.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import org.classgate.store.Database;
import org.classgate.time.store.SqliteSequences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrustedTimeTest {
  @TempDir Path dir;

  private final AtomicLong nanos = new AtomicLong(5_000_000_000L);

  @Test
  void sequenceKeepsIncreasingAcrossRunsAndBlocks() throws Exception {
    long lastOfFirstRun;
    try (Database database = Database.open(dir)) {
      TrustedTime time = time(database, ClockSync.ASSUMED);
      long previous = 0;
      for (int i = 0; i < TrustedTime.BLOCK * 2 + 10; i++) {
        long sequence = time.now().sequence();
        assertTrue(sequence > previous, "strictly increasing");
        previous = sequence;
      }
      lastOfFirstRun = previous;
    }
    // A new run (after a crash or a clean stop alike) starts above everything handed out before.
    try (Database database = Database.open(dir)) {
      assertTrue(time(database, ClockSync.ASSUMED).now().sequence() > lastOfFirstRun);
    }
  }

  @Test
  void twoRunsSharingTheDatabaseNeverGetTheSameNumber() throws Exception {
    try (Database first = Database.open(dir);
        Database second = Database.open(dir)) {
      TrustedTime a = time(first, ClockSync.ASSUMED);
      TrustedTime b = time(second, ClockSync.ASSUMED);
      Set<Long> seen = new HashSet<>();
      for (int i = 0; i < TrustedTime.BLOCK * 3; i++) {
        assertTrue(seen.add(a.now().sequence()));
        assertTrue(seen.add(b.now().sequence()));
      }
    }
  }

  @Test
  void stampsBeforeSynchronisationAreRebasedOnTheFirstSynchronisedOne() throws Exception {
    Path marker = dir.resolve("synchronized");
    Clock wrongClock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    try (Database database = Database.open(dir)) {
      TrustedTime time =
          new TrustedTime(
              new SqliteSequences(database),
              "boot-a",
              nanos::get,
              wrongClock,
              ClockSync.marker(marker));
      Stamp early = time.now();
      assertFalse(early.synchronised());

      nanos.addAndGet(90_000_000_000L); // 90 s later NTP sets the clock
      Files.createFile(marker);
      TrustedTime synced =
          new TrustedTime(
              new SqliteSequences(database),
              "boot-a",
              nanos::get,
              Clock.fixed(Instant.parse("2026-11-22T09:01:30Z"), ZoneOffset.UTC),
              ClockSync.marker(marker));
      Stamp reference = synced.now();
      assertTrue(reference.synchronised());

      Stamp corrected = early.rebasedOn(reference);
      assertEquals(Instant.parse("2026-11-22T09:00:00Z"), corrected.wallTime());
      assertTrue(corrected.synchronised());
      assertEquals(early.sequence(), corrected.sequence());
    }
  }

  @Test
  void stampsOfAnotherBootCannotBeRebased() {
    Stamp early = new Stamp(1, "boot-a", 10, 0, false);
    Stamp otherBoot = new Stamp(2, "boot-b", 20, 1_000, true);
    assertFalse(early.canRebaseOn(otherBoot));
    assertThrows(IllegalArgumentException.class, () -> early.rebasedOn(otherBoot));
    Stamp unsynchronised = new Stamp(3, "boot-a", 30, 2_000, false);
    assertFalse(early.canRebaseOn(unsynchronised));
  }

  @Test
  void bootIdIsTheKernelsOnLinux() throws Exception {
    Path kernel = Path.of("/proc/sys/kernel/random/boot_id");
    if (Files.exists(kernel)) {
      assertEquals(Files.readString(kernel).trim(), BootId.current());
    } else {
      assertTrue(BootId.current().startsWith("process-"));
    }
  }

  private TrustedTime time(Database database, ClockSync sync) throws Exception {
    return new TrustedTime(
        new SqliteSequences(database), "boot-a", nanos::get, Clock.systemUTC(), sync);
  }
}
