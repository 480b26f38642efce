package org.classgate.activity;

import static org.classgate.activity.ActivityRecords.CATEGORIES;
import static org.classgate.activity.ActivityRecords.record;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import org.classgate.activity.store.SqliteActivityStore;
import org.classgate.dns.Outcome;
import org.classgate.store.Database;
import org.classgate.time.BootId;
import org.classgate.time.ClockSync;
import org.classgate.time.TrustedTime;
import org.classgate.time.store.SqliteSequences;

/**
 * The process {@link ActivityKillSafetyTest} kills: records decisions named {@code RUN-n.example}
 * without end, and after every flush prints {@code ACK n} (decisions 0 … n-1 are stored).
 */
public final class KilledWriterChild {
  private KilledWriterChild() {}

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args[0]);
    String run = args[1];
    Database database = Database.open(dir);
    String boot = BootId.current();
    TrustedTime time =
        new TrustedTime(
            new SqliteSequences(database),
            boot,
            System::nanoTime,
            Clock.systemUTC(),
            ClockSync.ASSUMED);
    RecentActivity recent =
        new RecentActivity(8192, CATEGORIES, Clock.systemUTC(), System::nanoTime, () -> true);
    ActivityWriter writer =
        new ActivityWriter(
                recent,
                new SqliteActivityStore(database, CATEGORIES, ZoneId.of("UTC")),
                time::now,
                null,
                boot,
                new ActivityWriter.Settings(Duration.ofMillis(20), 500),
                System::nanoTime)
            .start();
    long n = 0;
    while (true) {
      for (int i = 0; i < 300; i++, n++) {
        recent.record(
            record(System.nanoTime(), "10.0.0.5", run + "-" + n + ".example", Outcome.ALLOWED));
      }
      if (writer.flush(Duration.ofSeconds(30))) {
        System.out.println("ACK " + n);
        System.out.flush();
      }
    }
  }
}
