package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.classgate.activity.ActivityEntry;
import org.classgate.activity.ActivityHistory;
import org.classgate.dns.Outcome;
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
 * Press → acknowledgement and press → durable on this machine, through the real panel threads and
 * the real SQLite incident log (synchronous=FULL): new reports each carrying a snapshot of a busy
 * classroom's last ten minutes, and presses joining a report. Prints medians and p99.
 */
class PanelLatencyIT {
  private static final int PRESSES = 150;

  /** A busy classroom: 30 devices, ~10 queries a minute each, for ten minutes. */
  private static final int SNAPSHOT_ENTRIES = 3_000;

  @TempDir Path dir;

  @Test
  void acknowledgementWithin20msAndDurableWithin100ms() throws Exception {
    List<ActivityEntry> activity = new ArrayList<>();
    Instant now = Instant.now();
    for (int i = 0; i < SNAPSHOT_ENTRIES; i++) {
      activity.add(
          new ActivityEntry(
              now.minusMillis(600_000L * (SNAPSHOT_ENTRIES - i) / SNAPSHOT_ENTRIES),
              true,
              InetAddress.getByAddress(new byte[] {(byte) 192, 0, 2, (byte) (i % 30 + 10)}),
              "device-" + (i % 30),
              "pupil",
              "host" + i + ".example.org",
              1,
              i % 7 == 0 ? Outcome.BLOCKED : Outcome.ALLOWED,
              i % 7 == 0 ? List.of("demo") : List.of()));
    }
    ActivityHistory history = from -> activity;
    for (boolean join : new boolean[] {false, true}) {
      try (Database database = Database.open(dir.resolve(join ? "join" : "new"))) {
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
        try {
          for (int i = 0; i < PRESSES; i++) {
            PressReceipt receipt = runtime.panel().press().get(10, TimeUnit.SECONDS);
            acknowledged.add(receipt.acknowledgedNanos() / 1e6);
            durable.add(receipt.durableNanos() / 1e6);
            assertEquals(join ? i + 1 : 1, receipt.pressCount());
          }
        } finally {
          runtime.close();
        }
        Collections.sort(acknowledged);
        Collections.sort(durable);
        System.out.printf(
            "panel latency (%s, %d presses): press->acknowledgement ms median %.3f p99 %.3f;"
                + " press->durable ms median %.2f p99 %.2f%n",
            join ? "presses joining one report" : "new report each, 3000-query snapshot",
            PRESSES,
            median(acknowledged),
            p99(acknowledged),
            median(durable),
            p99(durable));
        assertTrue(p99(acknowledged) <= 20, "acknowledgement p99 " + p99(acknowledged));
        assertTrue(median(durable) <= 100, "durable median " + median(durable));
      }
    }
  }

  private static double median(List<Double> sorted) {
    return sorted.get(sorted.size() / 2);
  }

  private static double p99(List<Double> sorted) {
    return sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1);
  }
}
