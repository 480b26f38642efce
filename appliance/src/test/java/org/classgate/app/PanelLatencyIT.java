package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.classgate.activity.QueryRecord;
import org.classgate.activity.RecentActivity;
import org.classgate.dns.Outcome;
import org.classgate.dns.wire.Name;
import org.classgate.health.BoxState;
import org.classgate.incidents.IncidentLog;
import org.classgate.incidents.store.SqliteIncidentStore;
import org.classgate.panel.PanelRuntime;
import org.classgate.panel.PanelTimings;
import org.classgate.panel.PressReceipt;
import org.classgate.panel.simulated.SimulatedPanelHardware;
import org.classgate.store.Database;
import org.classgate.testing.Outboxes;
import org.classgate.time.BootId;
import org.classgate.time.ClockSync;
import org.classgate.time.TrustedTime;
import org.classgate.time.store.SqliteSequences;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Press → acknowledgement ≤ 20 ms and press → durable ≤ 100 ms (p99) on this machine, through the
 * real panel threads, the real activity ring and the real SQLite incident log (synchronous=FULL):
 * new reports each carrying a snapshot of a busy classroom's last ten minutes (3,000 queries), and
 * presses joining a report. Prints medians and p99.
 *
 * <p>Headroom. The acknowledgement is the LED being set on the pressing thread, before anything is
 * written: tens of microseconds, so 20 ms leaves room for a collection pause or a busy core.
 * Durable is one commit synced to the disk plus the work before it: reading 3,000 decisions out of
 * the ring, naming them, packing them into one value (about 2-3 ms of CPU together here) and three
 * small inserts beside the packed snapshot. Measured here: 6-7 ms at the median and 16-27 ms at p99
 * with the machine quiet, 10-14 ms and about 50 ms when other builds shared it; so the median has
 * ten times the target in hand and the p99 two to four times, which is what an SD card's slower
 * fsync and a slower CPU have to fit in. WAL checkpoints, which made the p99 before (an inline
 * checkpoint copying ~4 MiB), run on their own connection and thread (store.WalCheckpointer).
 *
 * <p>The machine is shared, and other builds can take both cores and the disk. Between presses the
 * test measures the machine itself: an empty synced commit (the disk) and a millisecond of hashing
 * (the share of a core a runnable thread gets). When the disk alone needs more than half the target
 * at p99, or a thread gets less than half a core, no press could be judged fairly: the test is
 * aborted as unmeasurable, saying why, rather than failed or passed. The acknowledgement is always
 * judged.
 */
class PanelLatencyIT {
  private static final int PRESSES = 200;

  /**
   * Presses before the counted ones, in each scenario: the JIT compiles the press path (the ring's
   * snapshot, the packing, the JDBC calls) during the first presses of a fresh JVM; the slowest of
   * them took 58-102 ms on this machine, more when it was busy. A box has usually run for hours
   * when a pupil presses; the slowest of these is printed, not judged.
   */
  private static final int WARM_UP_PRESSES = 10;

  private static final double ACKNOWLEDGED_P99_MS = 20;
  private static final double DURABLE_P99_MS = 100;

  /** A busy classroom: 30 devices, ~10 queries a minute each, for ten minutes. */
  private static final int SNAPSHOT_ENTRIES = 3_000;

  @TempDir Path dir;

  /**
   * The activity ring holding {@value #SNAPSHOT_ENTRIES} decisions over the last ten minutes, one
   * in seven blocked. Its clocks stand still, so every press snapshots exactly those decisions.
   */
  private static RecentActivity busyClassroom() throws Exception {
    long nowNanos = 1_000_000_000_000L;
    Instant now = Instant.now();
    RecentActivity ring =
        new RecentActivity(
            65_536,
            mask -> mask == 0 ? List.of() : List.of("demo"),
            Clock.fixed(now, ZoneOffset.UTC),
            () -> nowNanos,
            () -> true);
    for (int i = 0; i < SNAPSHOT_ENTRIES; i++) {
      boolean blocked = i % 7 == 0;
      ring.record(
          new QueryRecord(
              nowNanos - 600_000_000_000L * (SNAPSHOT_ENTRIES - i) / SNAPSHOT_ENTRIES,
              InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) (i % 30 + 10)}),
              "device-" + (i % 30),
              "pupil",
              Name.of("host" + i + ".example.org"),
              1,
              blocked ? Outcome.BLOCKED : Outcome.ALLOWED,
              blocked ? 1 : 0,
              250_000));
    }
    assertEquals(SNAPSHOT_ENTRIES, ring.since(now.minus(Duration.ofMinutes(10))).size());
    return ring;
  }

  /**
   * One scenario's latencies in milliseconds, sorted, and the machine's own state meanwhile.
   *
   * @param bare the disk alone: an empty synced commit after each press
   * @param cpuShare of the wall time a CPU-bound probe ran after each press, the share it had a
   *     core for (1 on an idle machine)
   * @param warmUpMax the slowest press → durable of the uncounted warm-up presses
   */
  private record Measured(
      String scenario,
      List<Double> acknowledged,
      List<Double> durable,
      List<Double> bare,
      double cpuShare,
      double warmUpMax) {
    /**
     * Whether the machine let the press be judged: the disk synced an empty commit within half the
     * target at p99, and a runnable thread got at least half a core.
     */
    boolean judgeable() {
      return p99(bare) <= DURABLE_P99_MS / 2 && cpuShare >= 0.5;
    }

    String machine() {
      return String.format(
          "the disk alone (an empty synced commit) median %.2f p99 %.2f ms; CPU share %.2f",
          median(bare), p99(bare), cpuShare);
    }
  }

  @Test
  void acknowledgementWithin20msAndDurableWithin100ms() throws Exception {
    RecentActivity history = busyClassroom();
    List<Measured> all = List.of(measure(history, false), measure(history, true));
    for (Measured m : all) {
      System.out.printf(
          "panel latency (%s, %d presses): press->acknowledgement ms median %.3f p99 %.3f;"
              + " press->durable ms median %.2f p99 %.2f (first %d presses of the JVM, not"
              + " counted: max %.1f); %s%n",
          m.scenario(),
          PRESSES,
          median(m.acknowledged()),
          p99(m.acknowledged()),
          median(m.durable()),
          p99(m.durable()),
          WARM_UP_PRESSES,
          m.warmUpMax(),
          m.machine());
    }
    for (Measured m : all) {
      assertTrue(
          p99(m.acknowledged()) <= ACKNOWLEDGED_P99_MS,
          m.scenario() + ": acknowledgement p99 " + p99(m.acknowledged()) + " ms");
      if (m.judgeable()) {
        assertTrue(
            p99(m.durable()) <= DURABLE_P99_MS,
            m.scenario() + ": durable p99 " + p99(m.durable()) + " ms (" + m.machine() + ")");
      }
    }
    for (Measured m : all) {
      assumeTrue(
          m.judgeable(),
          m.scenario()
              + ": the shared machine was too busy during this run to judge press->durable ("
              + m.machine()
              + "; needs p99 <= "
              + DURABLE_P99_MS / 2
              + " ms and share >= 0.5)");
    }
  }

  private Measured measure(RecentActivity history, boolean join) throws Exception {
    try (Database database = Database.open(dir.resolve(join ? "join" : "new"));
        Database baseline = Database.open(dir.resolve(join ? "join-fsync" : "new-fsync"))) {
      baseline.transaction(
          "creating",
          connection -> {
            try (Statement statement = connection.createStatement()) {
              return statement.execute("CREATE TABLE bare (x INTEGER)");
            }
          });
      TrustedTime time =
          new TrustedTime(
              new SqliteSequences(database),
              BootId.current(),
              System::nanoTime,
              Clock.systemUTC(),
              ClockSync.ASSUMED);
      IncidentLog log =
          new IncidentLog(
              new SqliteIncidentStore(
                  database,
                  Outboxes.of(database),
                  Outboxes.pseudonyms(database.file().getParent())),
              time,
              history,
              "Latency test",
              Duration.ofMinutes(10),
              Clock.systemUTC());
      PanelRuntime runtime =
          PanelRuntime.start(
              new SimulatedPanelHardware("simulated"),
              new IncidentReports(log),
              () -> BoxState.HEALTHY,
              () -> false,
              new PanelTimings(
                  Duration.ofMillis(30),
                  join ? Duration.ofMinutes(10) : Duration.ZERO,
                  Duration.ofSeconds(3),
                  Duration.ofMinutes(15)),
              System::nanoTime,
              null);
      List<Double> acknowledged = new ArrayList<>();
      List<Double> durable = new ArrayList<>();
      List<Double> bare = new ArrayList<>();
      long[] probe = new long[2];
      double warmUp = 0;
      try {
        for (int i = 0; i < WARM_UP_PRESSES; i++) {
          PressReceipt receipt = runtime.panel().press().get(10, TimeUnit.SECONDS);
          warmUp = Math.max(warmUp, receipt.durableNanos() / 1e6);
        }
        for (int i = WARM_UP_PRESSES; i < WARM_UP_PRESSES + PRESSES; i++) {
          PressReceipt receipt = runtime.panel().press().get(10, TimeUnit.SECONDS);
          acknowledged.add(receipt.acknowledgedNanos() / 1e6);
          durable.add(receipt.durableNanos() / 1e6);
          assertEquals(join ? i + 1 : 1, receipt.pressCount());
          bare.add(bareCommitMillis(baseline));
          cpuProbe(probe);
        }
      } finally {
        runtime.close();
      }
      Collections.sort(acknowledged);
      Collections.sort(durable);
      Collections.sort(bare);
      return new Measured(
          join ? "presses joining one report" : "new report each, 3000-query snapshot",
          acknowledged,
          durable,
          bare,
          (double) probe[0] / probe[1],
          warmUp);
    }
  }

  /** One synced commit of one small row, on a database of its own on the same disk. */
  private static double bareCommitMillis(Database baseline) throws Exception {
    long start = System.nanoTime();
    baseline.durableTransaction(
        "an empty synced commit",
        connection -> {
          try (Statement statement = connection.createStatement()) {
            return statement.executeUpdate("INSERT INTO bare (x) VALUES (1)");
          }
        });
    return (System.nanoTime() - start) / 1e6;
  }

  /**
   * Hashes for about a millisecond of CPU; adds the thread's CPU time and the wall time taken to
   * {@code totals[0]} and {@code totals[1]}. On a shared machine their ratio is the share of a core
   * a runnable thread got.
   */
  private static void cpuProbe(long[] totals) throws Exception {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
    byte[] data = new byte[4096];
    long wall = System.nanoTime();
    long cpu = threads.getCurrentThreadCpuTime();
    long spent;
    do {
      for (int i = 0; i < 16; i++) {
        sha256.update(data);
      }
      data[0] = sha256.digest()[0];
      spent = threads.getCurrentThreadCpuTime() - cpu;
    } while (spent < 1_000_000);
    totals[0] += spent;
    totals[1] += System.nanoTime() - wall;
  }

  private static double median(List<Double> sorted) {
    return sorted.get(sorted.size() / 2);
  }

  private static double p99(List<Double> sorted) {
    return sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
  }
}
