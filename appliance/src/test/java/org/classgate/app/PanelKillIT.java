package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.classgate.control.ControlClient;
import org.classgate.control.ControlException;
import org.classgate.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report button's promise, against the real launched box ({@code scripts/classgate} with the
 * dev configuration, simulated panel): presses are sent through the control socket while the
 * process is killed with SIGKILL at random moments and restarted, until 100 presses have been
 * acknowledged. Every acknowledged press must be in the database afterwards. Each restart also
 * replaces the stale control socket the killed process left behind.
 */
class PanelKillIT {
  private static final Path LAUNCHER = Path.of("..", "scripts", "classgate").toAbsolutePath();
  private static final Path DEV_CONFIG =
      Path.of("..", "scripts", "dev.properties").toAbsolutePath();
  private static final int ACKNOWLEDGED_TARGET = 100;

  @TempDir Path dir;

  @Test
  void everyAcknowledgedPressSurvivesKillNine() throws Exception {
    assumeTrue(Files.isExecutable(LAUNCHER), "launcher present");
    Path data = dir.resolve("data");
    Path socket = data.resolve("control.sock");
    Random random = new Random(Long.getLong("classgate.kill-seed", System.nanoTime()));
    List<Long> acknowledged = Collections.synchronizedList(new ArrayList<>());
    List<Double> clientMillis = Collections.synchronizedList(new ArrayList<>());
    int kills = 0;
    int unanswered = 0;
    while (acknowledged.size() < ACKNOWLEDGED_TARGET) {
      Process box = launch(data, FreePorts.udpAndTcp());
      try {
        awaitControl(socket, box);
        int[] failures = {0};
        Thread presser =
            new Thread(
                () -> {
                  while (acknowledged.size() < ACKNOWLEDGED_TARGET) {
                    long start = System.nanoTime();
                    try {
                      String reply = ControlClient.send(socket, "panel-press", List.of());
                      clientMillis.add((System.nanoTime() - start) / 1e6);
                      acknowledged.add(sequenceOf(reply));
                    } catch (IOException | ControlException e) {
                      failures[0]++; // the kill came before the reply: not acknowledged
                      return;
                    }
                  }
                });
        presser.start();
        Thread.sleep(20 + random.nextInt(230));
        box.destroyForcibly(); // SIGKILL, at whatever point the presses are
        kills++;
        assertTrue(box.waitFor(20, TimeUnit.SECONDS));
        presser.join(20_000);
        unanswered += failures[0];
      } finally {
        box.destroyForcibly();
      }
    }
    assertTrue(kills >= 5, "killed " + kills + " times");
    List<Long> missing = new ArrayList<>();
    int stored;
    try (Connection db =
            DriverManager.getConnection("jdbc:sqlite:" + data.resolve("classgate.db"));
        PreparedStatement find =
            db.prepareStatement("SELECT 1 FROM incident_press WHERE seq = ?")) {
      for (long sequence : acknowledged) {
        find.setLong(1, sequence);
        try (ResultSet row = find.executeQuery()) {
          if (!row.next()) {
            missing.add(sequence);
          }
        }
      }
      try (ResultSet count =
          db.createStatement().executeQuery("SELECT count(*) FROM incident_press")) {
        count.next();
        stored = count.getInt(1);
      }
    }
    List<Double> sorted = new ArrayList<>(clientMillis);
    Collections.sort(sorted);
    System.out.printf(
        "kill test: %d presses acknowledged across %d kill -9s, %d stored (%d sent but not"
            + " acknowledged), missing %s; client round trip ms median %.2f p99 %.2f%n",
        acknowledged.size(),
        kills,
        stored,
        unanswered,
        missing,
        sorted.get(sorted.size() / 2),
        sorted.get((int) Math.ceil(sorted.size() * 0.99) - 1));
    assertEquals(List.of(), missing, "acknowledged presses lost");
    assertTrue(stored >= acknowledged.size());
  }

  private Process launch(Path data, int port) throws IOException {
    return new ProcessBuilder(
            LAUNCHER.toString(),
            "run",
            "--config",
            DEV_CONFIG.toString(),
            "--set",
            "data.dir=" + data,
            "--set",
            "dns.listen=127.0.0.1:" + port,
            "--set",
            "dns.upstream=127.0.0.1:9")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("box.log").toFile()))
        .start();
  }

  private void awaitControl(Path socket, Process box) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      assertTrue(box.isAlive(), () -> "the box exited: " + log());
      try {
        ControlClient.send(socket, "panel-status", List.of());
        return;
      } catch (IOException e) {
        Thread.onSpinWait();
        Thread.sleep(20); // polling for the process to come up, not part of any assertion
      }
    }
    throw new AssertionError("the control socket did not answer within 60 s: " + log());
  }

  private String log() {
    try {
      return TerminalText.escape(Files.readString(dir.resolve("box.log")), true);
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** "incident 3 press 2 sequence 4099 …" → 4099. */
  private static long sequenceOf(String reply) {
    String[] words = reply.split(" ");
    for (int i = 0; i < words.length - 1; i++) {
      if (words[i].equals("sequence")) {
        return Long.parseLong(words[i + 1]);
      }
    }
    throw new AssertionError("no sequence in '" + reply + "'");
  }
}
