package org.classgate.activity;

import static org.classgate.activity.ActivityRecords.CATEGORIES;
import static org.classgate.activity.ActivityRecords.record;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.classgate.activity.store.SqliteActivityReader;
import org.classgate.activity.store.SqliteActivityStore;
import org.classgate.dns.Outcome;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.time.Stamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ActivityWriterTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:15:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

  @TempDir Path dir;

  private final AtomicLong nanos = new AtomicLong(3_000_000_000_000L);
  private final AtomicLong sequence = new AtomicLong(1);
  private final AtomicBoolean synced = new AtomicBoolean(true);
  private Database database;
  private SqliteActivityStore store;

  @BeforeEach
  void open() throws Exception {
    database = Database.open(dir);
    store = new SqliteActivityStore(database, CATEGORIES, ZoneId.of("UTC"));
  }

  @AfterEach
  void close() {
    database.close();
  }

  /** Stamps as TrustedTime would: the wall clock is exact once synchronised, 1 h slow before. */
  private Stamp stamp() {
    long wall = NOW.toEpochMilli() + (nanos.get() - 3_000_000_000_000L) / 1_000_000;
    return new Stamp(
        sequence.getAndIncrement(),
        "boot-a",
        nanos.get(),
        synced.get() ? wall : wall - 3_600_000,
        synced.get());
  }

  private RecentActivity recent(int capacity) {
    return new RecentActivity(capacity, CATEGORIES, CLOCK, nanos::get, synced::get);
  }

  private ActivityWriter writer(RecentActivity recent, ActivityStore target, int rows) {
    return new ActivityWriter(
        recent,
        target,
        this::stamp,
        null,
        "boot-a",
        new ActivityWriter.Settings(Duration.ofSeconds(10), rows),
        nanos::get);
  }

  private long storedRows() throws StoreException {
    return new SqliteActivityReader(database).since(Instant.EPOCH, null, Integer.MAX_VALUE).size();
  }

  @Test
  void writesAFullBatchAtOnceAndTheRestWhenTheIntervalHasPassed() throws Exception {
    RecentActivity recent = recent(1024);
    ActivityWriter writer = writer(recent, store, 100);
    for (int i = 0; i < 250; i++) {
      recent.record(record(nanos.get(), "10.0.0.5", "n" + i + ".example", Outcome.ALLOWED));
    }
    assertTrue(writer.step(), "a full batch");
    assertTrue(writer.step(), "a second full batch");
    assertFalse(writer.step(), "50 wait for the interval");
    assertEquals(200, storedRows());
    assertEquals(50, writer.waiting());

    nanos.addAndGet(TimeUnit.SECONDS.toNanos(9));
    writer.step();
    assertEquals(200, storedRows(), "not yet: 9 s");
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(1));
    writer.step();
    assertEquals(250, storedRows());
    assertEquals(250, writer.stored());
    assertEquals(0, writer.dropped());
    assertEquals(List.of(), writer.problems());
  }

  @Test
  void theFirstSynchronisedBatchRebasesTheBootsEarlierBatches() throws Exception {
    RecentActivity recent = recent(1024);
    ActivityWriter writer = writer(recent, store, 10);
    synced.set(false);
    long early = nanos.get();
    recent.record(record(early, "10.0.0.5", "early.example", Outcome.ALLOWED));
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(10));
    writer.step();
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(50));
    synced.set(true);
    recent.record(record(nanos.get(), "10.0.0.5", "late.example", Outcome.ALLOWED));
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(10));
    writer.step();

    List<ActivityEntry> rows = new SqliteActivityReader(database).since(Instant.EPOCH, null, 10);
    assertEquals(2, rows.size());
    assertTrue(rows.get(0).synchronised());
    assertEquals(
        NOW, rows.get(0).time(), "corrected by the monotonic distance to the synced stamp");
    assertEquals(NOW.plusSeconds(60), rows.get(1).time());
  }

  @Test
  void whenTheDatabaseIsHeldTheDnsPathDoesNotWaitAndDropsAreCounted() throws Exception {
    RecentActivity recent = recent(1024);
    ActivityWriter writer =
        new ActivityWriter(
                recent,
                store,
                this::stamp,
                null,
                "boot-a",
                new ActivityWriter.Settings(Duration.ofMillis(100), 256),
                System::nanoTime)
            .start();
    // Another writer (an incident, say) holds the database for the whole burst.
    CountDownLatch holding = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    Thread holder =
        new Thread(
            () -> {
              try {
                database.transaction(
                    "holding",
                    connection -> {
                      holding.countDown();
                      try {
                        release.await();
                      } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                      }
                      return null;
                    });
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    holder.start();
    holding.await();
    QueryRecord[] records = new QueryRecord[64];
    for (int i = 0; i < records.length; i++) {
      records[i] = record(System.nanoTime(), "10.0.0.5", "n" + i + ".example", Outcome.ALLOWED);
    }
    int total = 200_000;
    long[] took = new long[total];
    for (int i = 0; i < total; i++) {
      long start = System.nanoTime();
      recent.record(records[i & 63]);
      took[i] = System.nanoTime() - start;
    }
    release.countDown();
    holder.join();
    assertTrue(writer.flush(Duration.ofSeconds(30)), "the writer catches up once released");

    Arrays.sort(took);
    long median = took[total / 2];
    long p999 = took[total - total / 1000];
    // Generous bounds for a shared 2-core machine: a blocking hand-off would take the whole hold.
    assertTrue(median < 2_000, "median record() " + median + " ns");
    assertTrue(p999 < 100_000, "99.9th percentile record() " + p999 + " ns");
    assertEquals(total, writer.stored() + writer.dropped());
    assertTrue(writer.dropped() >= total - 1024 - 256, "dropped " + writer.dropped());
    assertEquals(writer.stored(), storedRows());
    assertTrue(
        writer.problems().stream().anyMatch(p -> p.contains("fell behind")),
        writer.problems()::toString);
    writer.close();
  }

  @Test
  void aFailingStoreIsReportedAndRetriedWithoutLosingWhatTheRingStillHolds() throws Exception {
    RecentActivity recent = recent(1024);
    AtomicInteger failures = new AtomicInteger(2);
    ActivityStore flaky =
        new ActivityStore() {
          @Override
          public PackedBatch begin(Stamp stamp) {
            return store.begin(stamp);
          }

          @Override
          public void append(PackedBatch batch) throws StoreException {
            if (failures.getAndDecrement() > 0) {
              throw new StoreException("disk full (test)");
            }
            store.append(batch);
          }

          @Override
          public long rebase(Stamp reference) throws StoreException {
            return store.rebase(reference);
          }

          @Override
          public long settleEndedBoots(String currentBoot) throws StoreException {
            return store.settleEndedBoots(currentBoot);
          }

          @Override
          public long deleteOlderThan(Instant cutoff, int maxRows) throws StoreException {
            return store.deleteOlderThan(cutoff, maxRows);
          }
        };
    ActivityWriter writer = writer(recent, flaky, 10);
    for (int i = 0; i < 10; i++) {
      recent.record(record(nanos.get(), "10.0.0.5", "n" + i + ".example", Outcome.ALLOWED));
    }
    writer.step();
    assertTrue(writer.problems().get(0).contains("disk full (test)"), writer.problems()::toString);
    writer.step();
    assertEquals(0, storedRows(), "no retry before the interval");
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(10));
    writer.step(); // second failure
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(10));
    writer.step();
    assertEquals(10, storedRows());
    assertEquals(0, writer.dropped());
    // Recovered: nothing is wrong any more.
    assertEquals(List.of(), writer.problems());
  }
}
