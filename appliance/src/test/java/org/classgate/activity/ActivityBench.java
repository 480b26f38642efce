package org.classgate.activity;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.classgate.activity.store.SqliteActivityStore;
import org.classgate.dns.Outcome;
import org.classgate.dns.wire.Name;
import org.classgate.store.Database;
import org.classgate.time.ClockSync;
import org.classgate.time.TrustedTime;
import org.classgate.time.store.SqliteSequences;

/**
 * The Java half of {@code scripts/bench/bench-activity}: measures the activity log on its own.
 *
 * <ul>
 *   <li>{@code record}: nanoseconds and bytes allocated per {@link RecentActivity#record} call, and
 *       per {@link TrustedTime#now} call with timesyncd's marker check (why stamps are per batch);
 *   <li>{@code ingest}: decisions per second through the ring, the writer and SQLite, end to end
 *       (the producer waits rather than let the ring overwrite: nothing is dropped), median of
 *       runs;
 *   <li>{@code wear}: bytes written to storage for one simulated hour of a classroom (30 devices, a
 *       realistic query mix, the default 10 s / 4096-row flushing), from {@code /proc/self/io} and
 *       the database files.
 * </ul>
 */
public final class ActivityBench {
  private static final ZoneId UTC = ZoneId.of("UTC");

  private ActivityBench() {}

  public static void main(String[] args) throws Exception {
    Path work = Path.of(args[0]);
    int runs = Integer.parseInt(args[1]);
    int events = Integer.parseInt(args[2]);
    double rate = Double.parseDouble(args[3]); // wear: queries a second per device
    recordCost(work);
    ingest(work, runs, events);
    wear(work, rate);
  }

  // ---- record() and stamp costs -------------------------------------------------------------

  private static void recordCost(Path work) throws Exception {
    RecentActivity recent =
        new RecentActivity(
            65_536, ActivityRecords.CATEGORIES, Clock.systemUTC(), System::nanoTime, () -> true);
    QueryRecord[] pool = pool(new Random(1), 4096, System.nanoTime());
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    long thread = Thread.currentThread().getId();
    int n = 5_000_000;
    for (int i = 0; i < n; i++) {
      recent.record(pool[i & 4095]); // warm-up
    }
    long bytes = threads.getThreadAllocatedBytes(thread);
    long start = System.nanoTime();
    for (int i = 0; i < n; i++) {
      recent.record(pool[i & 4095]);
    }
    long took = System.nanoTime() - start;
    bytes = threads.getThreadAllocatedBytes(thread) - bytes;
    double recordNanos = (double) took / n;
    System.out.printf(
        "record: %.1f ns per call, %.3f bytes allocated per call (ring of %d)%n",
        recordNanos, (double) bytes / n, recent.capacity());

    Path dir = Files.createDirectories(work.resolve("stamp"));
    Path marker = Files.createFile(dir.resolve("synchronized"));
    try (Database database = Database.open(dir)) {
      TrustedTime time =
          new TrustedTime(
              new SqliteSequences(database),
              "bench",
              System::nanoTime,
              Clock.systemUTC(),
              ClockSync.marker(marker));
      int stamps = 200_000;
      for (int i = 0; i < stamps; i++) {
        time.now();
      }
      start = System.nanoTime();
      for (int i = 0; i < stamps; i++) {
        time.now();
      }
      took = System.nanoTime() - start;
      System.out.printf(
          "stamp: %.1f ns per TrustedTime.now() with timesyncd's marker check (%.0fx a record)%n",
          (double) took / stamps, (double) took / stamps / recordNanos);
    }
  }

  // ---- ingest ----------------------------------------------------------------------------------

  private static void ingest(Path work, int runs, int events) throws Exception {
    double[] rates = new double[runs];
    double[] cpuRates = new double[runs];
    for (int run = 0; run < runs; run++) {
      Path dir = Files.createDirectories(work.resolve("ingest-" + run));
      try (Database database = Database.open(dir)) {
        TrustedTime time =
            new TrustedTime(
                new SqliteSequences(database),
                "bench",
                System::nanoTime,
                Clock.systemUTC(),
                ClockSync.ASSUMED);
        RecentActivity recent =
            new RecentActivity(
                65_536,
                ActivityRecords.CATEGORIES,
                Clock.systemUTC(),
                System::nanoTime,
                () -> true);
        ActivityWriter writer =
            new ActivityWriter(
                    recent,
                    new SqliteActivityStore(database, ActivityRecords.CATEGORIES, UTC),
                    time::now,
                    null,
                    "bench",
                    new ActivityWriter.Settings(Duration.ofSeconds(10), 4096),
                    System::nanoTime)
                .start();
        Random random = new Random(run);
        QueryRecord[] pool = pool(random, 4096, 0);
        long limit = recent.capacity() - 2L * 4096;
        long cpu = processCpuNanos();
        long start = System.nanoTime();
        for (int i = 0; i < events; i++) {
          while (writer.waiting() > limit) {
            Thread.onSpinWait(); // the producer waits so that nothing is dropped: this measures the
            // writer
          }
          QueryRecord template = pool[i & 4095];
          recent.record(
              new QueryRecord(
                  System.nanoTime(),
                  template.client(),
                  template.deviceId(),
                  template.profile(),
                  template.name(),
                  template.type(),
                  template.outcome(),
                  template.categories(),
                  template.latencyNanos()));
        }
        if (!writer.flush(Duration.ofMinutes(5))) {
          throw new IllegalStateException("the writer did not finish");
        }
        long took = System.nanoTime() - start;
        cpu = processCpuNanos() - cpu;
        writer.close();
        if (writer.stored() != events || writer.dropped() != 0) {
          throw new IllegalStateException(
              "stored " + writer.stored() + ", dropped " + writer.dropped());
        }
        rates[run] = events / (took / 1e9);
        cpuRates[run] = events / (cpu / 1e9);
        System.out.printf(
            "ingest run %d/%d: %,d events in %.2f s = %,.0f events/s (%.2f CPU s: %,.0f events per"
                + " CPU second)%n",
            run + 1, runs, events, took / 1e9, rates[run], cpu / 1e9, cpuRates[run]);
      }
    }
    Arrays.sort(rates);
    Arrays.sort(cpuRates);
    System.out.printf(
        "ingest median: %,.0f events/s (target >= 200,000); %,.0f events per CPU second%n",
        rates[runs / 2], cpuRates[runs / 2]);
  }

  // ---- SD-card wear -----------------------------------------------------------------------------

  private static void wear(Path work, double perDevice) throws Exception {
    Path dir = Files.createDirectories(work.resolve("wear"));
    AtomicLong nanos = new AtomicLong(1_000_000_000_000L);
    Instant epoch = Instant.parse("2026-11-23T09:00:00Z");
    Clock clock =
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
            return epoch.plusNanos(nanos.get() - 1_000_000_000_000L);
          }
        };
    LongSupplier nanoTime = nanos::get;
    try (Database database = Database.open(dir)) {
      TrustedTime time =
          new TrustedTime(
              new SqliteSequences(database), "bench", nanoTime, clock, ClockSync.ASSUMED);
      RecentActivity recent =
          new RecentActivity(65_536, ActivityRecords.CATEGORIES, clock, nanoTime, () -> true);
      ActivityWriter writer =
          new ActivityWriter(
              recent,
              new SqliteActivityStore(database, ActivityRecords.CATEGORIES, UTC),
              time::now,
              new ActivityRetention(
                  new SqliteActivityStore(database, ActivityRecords.CATEGORIES, UTC),
                  Duration.ofDays(30),
                  10_000,
                  clock),
              "bench",
              new ActivityWriter.Settings(Duration.ofSeconds(10), 4096),
              nanoTime);
      writer.step(); // first housekeeping
      Classroom classroom = new Classroom(new Random(7), 30, perDevice);
      long[] before = io();
      long filesBefore = files(dir);
      long hour = TimeUnit.HOURS.toNanos(1);
      long tick = TimeUnit.MILLISECONDS.toNanos(ActivityWriter.POLL_MILLIS);
      long end = nanos.get() + hour;
      long queries = 0;
      // The database's background checkpoints run on real time, which a simulated hour outruns:
      // their rule (100 commits, or 15 minutes with any) is applied here on simulated time, so the
      // copies into the database file are counted as an hour on the box would make them.
      long checkpointCommits = database.commits();
      long checkpointNanos = nanos.get();
      long quiet = TimeUnit.MINUTES.toNanos(15);
      while (nanos.get() < end) {
        queries += classroom.emit(recent, nanos.get(), tick);
        nanos.addAndGet(tick);
        writer.step();
        long made = database.commits() - checkpointCommits;
        if (made >= 100 || (made > 0 && nanos.get() - checkpointNanos >= quiet)) {
          database.checkpoint();
          checkpointCommits = database.commits();
          checkpointNanos = nanos.get();
        }
      }
      nanos.addAndGet(TimeUnit.SECONDS.toNanos(10));
      writer.step();
      long[] after = io();
      long filesAfter = files(dir);
      System.out.printf(
          "wear: 30 devices at %.2f queries/s each for one hour: %,d decisions stored, %,d dropped%n",
          perDevice, writer.stored(), writer.dropped());
      System.out.printf(
          "wear: written per hour: %.1f MiB to storage (/proc/self/io write_bytes), %.1f MiB by write calls (wchar), database files grew %.1f MiB (%.0f bytes per decision)%n",
          (after[1] - before[1]) / 1048576.0,
          (after[0] - before[0]) / 1048576.0,
          (filesAfter - filesBefore) / 1048576.0,
          (double) (after[0] - before[0]) / Math.max(1, queries));
    }
  }

  /** CPU time used by this process so far, all threads (the machine may be shared and busy). */
  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /** wchar and write_bytes of this process. */
  private static long[] io() throws IOException {
    long wchar = 0;
    long writeBytes = 0;
    for (String line : Files.readAllLines(Path.of("/proc/self/io"))) {
      if (line.startsWith("wchar:")) {
        wchar = Long.parseLong(line.substring(6).trim());
      } else if (line.startsWith("write_bytes:")) {
        writeBytes = Long.parseLong(line.substring(12).trim());
      }
    }
    return new long[] {wchar, writeBytes};
  }

  private static long files(Path dir) throws IOException {
    long total = 0;
    try (var list = Files.list(dir)) {
      for (Path file : (Iterable<Path>) list::iterator) {
        total += Files.size(file);
      }
    }
    return total;
  }

  /**
   * Thirty devices browsing: each asks on average {@code perDevice} queries a second in bursts (a
   * page load asks 5-30 names at once), from a Zipf-like pool of 3,000 names; 55% answered from the
   * cache, 25% upstream, 12% blocked, 3% SafeSearch, the rest other outcomes; 65% A, 30% AAAA, 5%
   * HTTPS.
   */
  private static final class Classroom {
    private final Random random;
    private final InetAddress[] devices;
    private final Name[] names;
    private final double burstsPerTick;

    Classroom(Random random, int count, double perDevice) throws Exception {
      this.random = random;
      this.devices = new InetAddress[count];
      for (int i = 0; i < count; i++) {
        devices[i] = InetAddress.getByName("10.20.0." + (10 + i));
      }
      this.names = new Name[3000];
      for (int i = 0; i < names.length; i++) {
        names[i] = Name.of(syllables(random) + (i % 7 == 0 ? ".co.uk" : ".com"));
      }
      // Bursts average 17.5 names: bursts per device per 25 ms tick.
      this.burstsPerTick = perDevice / 17.5 * ActivityWriter.POLL_MILLIS / 1000.0;
    }

    long emit(RecentActivity recent, long now, long tick) {
      long emitted = 0;
      for (InetAddress device : devices) {
        if (random.nextDouble() < burstsPerTick) {
          int burst = 5 + random.nextInt(26);
          for (int i = 0; i < burst; i++) {
            recent.record(query(device, now + random.nextInt((int) tick)));
            emitted++;
          }
        }
      }
      return emitted;
    }

    private QueryRecord query(InetAddress device, long at) {
      int rank =
          (int)
              Math.min(
                  names.length - 1, Math.floor(Math.pow(random.nextDouble(), 3) * names.length));
      double pick = random.nextDouble();
      Outcome outcome;
      int categories = 0;
      if (pick < 0.55) {
        outcome = Outcome.CACHED;
      } else if (pick < 0.80) {
        outcome = Outcome.ALLOWED;
      } else if (pick < 0.92) {
        outcome = Outcome.BLOCKED;
        categories = random.nextInt(3) + 1;
      } else if (pick < 0.95) {
        outcome = Outcome.SAFESEARCH;
      } else {
        outcome = Outcome.values()[random.nextInt(Outcome.values().length)];
      }
      double type = random.nextDouble();
      return new QueryRecord(
          at,
          device,
          null,
          "pupil",
          names[rank],
          type < 0.65 ? 1 : type < 0.95 ? 28 : 65,
          outcome,
          categories,
          200_000 + random.nextInt(30_000_000));
    }
  }

  private static String syllables(Random random) {
    String[] parts = {
      "ka", "lo", "mi", "net", "star", "cloud", "play", "edu", "news", "shop", "tube", "app",
      "data", "cdn"
    };
    StringBuilder name = new StringBuilder();
    int count = 2 + random.nextInt(3);
    for (int i = 0; i < count; i++) {
      name.append(parts[random.nextInt(parts.length)]);
    }
    return (random.nextInt(3) == 0 ? "www." : "") + name;
  }

  /** A varied pool of records: 30 clients, 2,000 names, the same outcome mix as the classroom. */
  private static QueryRecord[] pool(Random random, int size, long nanos) throws Exception {
    Classroom classroom = new Classroom(random, 30, 1);
    List<QueryRecord> records = new ArrayList<>();
    for (int i = 0; i < size; i++) {
      records.add(classroom.query(classroom.devices[i % 30], nanos));
    }
    return records.toArray(QueryRecord[]::new);
  }
}
