package org.classgate.activity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.classgate.activity.store.SqliteActivityReader;
import org.classgate.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kills a writing process with SIGKILL at random points: every decision it acknowledged as stored
 * is in the database when it is opened again.
 */
class ActivityKillSafetyTest {
  @TempDir Path dir;

  @Test
  void decisionsAcknowledgedAsStoredSurviveKillNine() throws Exception {
    Random random = new Random(42);
    for (int round = 0; round < 3; round++) {
      String run = "r" + round;
      int acksBeforeKill = 3 + random.nextInt(10);
      Process child =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                  "-cp",
                  System.getProperty("java.class.path"),
                  KilledWriterChild.class.getName(),
                  dir.toString(),
                  run)
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      long acknowledged = -1;
      try (BufferedReader out =
          new BufferedReader(
              new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        int acks = 0;
        String line;
        while (acks < acksBeforeKill && (line = out.readLine()) != null) {
          if (line.startsWith("ACK ")) {
            acknowledged = Long.parseLong(line.substring(4));
            acks++;
          }
        }
        child.destroyForcibly(); // SIGKILL: no shutdown hook, no close
        assertTrue(child.waitFor(30, TimeUnit.SECONDS));
        assertEquals(137, child.exitValue(), "killed by SIGKILL");
      } finally {
        child.destroyForcibly();
      }
      assertTrue(acknowledged > 0, "the child acknowledged stored decisions");

      try (Database database = Database.open(dir)) {
        List<ActivityEntry> stored =
            new SqliteActivityReader(database).since(Instant.EPOCH, null, Integer.MAX_VALUE);
        Set<String> names = new HashSet<>();
        for (ActivityEntry entry : stored) {
          names.add(entry.name());
        }
        for (long n = 0; n < acknowledged; n++) {
          String name = run + "-" + n + ".example.";
          assertTrue(names.contains(name), name + " was acknowledged but is missing");
        }
      }
    }
  }
}
