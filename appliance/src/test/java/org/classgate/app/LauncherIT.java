package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.classgate.testing.Dig;
import org.classgate.testing.DigResult;
import org.classgate.testing.FreePorts;
import org.classgate.testing.UnboundUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code scripts/classgate} as an operator runs it: the built jar in its own JVM. */
class LauncherIT {
  /** Failsafe runs with the module directory as working directory. */
  private static final Path LAUNCHER = Path.of("..", "scripts", "classgate").toAbsolutePath();

  @TempDir Path dir;

  private Process launch(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(LAUNCHER.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("output.log").toFile())
        .start();
  }

  private String output() throws IOException {
    return Files.readString(dir.resolve("output.log"), StandardCharsets.UTF_8);
  }

  @Test
  void aBadValueExitsWithStatusTwoNamingKeyValueAndWhatIsAllowed() throws Exception {
    assumeTrue(Files.isExecutable(LAUNCHER), "launcher present");
    Process process =
        launch("run", "--set", "dns.upstream=127.0.0.1:53", "--set", "dns.rate-limit=lots");
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, process.exitValue());
    assertTrue(
        output()
            .contains(
                "configuration error: dns.rate-limit = 'lots' is not allowed: a whole number from 0"),
        this::safeOutput);
  }

  @Test
  void prepareWritesTheClassDataArchiveFromASelfTestThatFilters() throws Exception {
    assumeTrue(Files.isExecutable(LAUNCHER), "launcher present");
    Path jar = Path.of("target", "classgate.jar");
    Path archive = Path.of("target", "classgate.jsa");
    Process process = launch("prepare");
    assertTrue(process.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), this::safeOutput);
    assertTrue(
        output()
            .contains("selftest passed: www.demo-blocked.classgate.test blocked over UDP and TCP"),
        this::safeOutput);
    assertTrue(Files.size(archive) > 1_000_000, "archive written");
    assertTrue(
        Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0,
        "the archive is newer than the jar, so the launcher uses it");

    Process withArchive = launch("selftest");
    assertTrue(withArchive.waitFor(60, TimeUnit.SECONDS));
    assertEquals(0, withArchive.exitValue(), this::safeOutput);
    assertTrue(output().startsWith("selftest passed"), this::safeOutput);
  }

  @Test
  void anUnknownCommandPrintsUsage() throws Exception {
    assumeTrue(Files.isExecutable(LAUNCHER), "launcher present");
    Process process = launch("serve");
    assertTrue(process.waitFor(30, TimeUnit.SECONDS));
    assertEquals(2, process.exitValue());
    assertTrue(output().contains("unknown command 'serve'"), this::safeOutput);
    assertTrue(output().contains("Usage: classgate"), this::safeOutput);
  }

  @Test
  void sigtermStopsCleanlyAndTheStopIsRecorded() throws Exception {
    assumeTrue(Files.isExecutable(LAUNCHER), "launcher present");
    assumeTrue(UnboundUpstream.isInstalled() && Dig.isInstalled(), "needs unbound and dig");
    try (UnboundUpstream upstream = UnboundUpstream.startDefault()) {
      int port = FreePorts.udpAndTcp();
      Path data = dir.resolve("data");
      Process process =
          launch(
              "run",
              "--set",
              "data.dir=" + data,
              "--set",
              "dns.listen=127.0.0.1:" + port,
              "--set",
              "dns.upstream=" + upstream.address(),
              "--set",
              "lists.demo=builtin:demo");
      try {
        DigResult blocked = awaitAnswer(port, process);
        assertEquals(List.of("0.0.0.0"), blocked.answerData("A"), blocked::raw);

        process.destroy(); // SIGTERM
        assertTrue(process.waitFor(20, TimeUnit.SECONDS), "stopped within 20 s");
        // 143 = 128 + SIGTERM: the JVM ran its shutdown hooks and exited on the signal.
        assertEquals(143, process.exitValue(), this::safeOutput);
        assertTrue(output().contains("stopping"), this::safeOutput);
        assertTrue(output().contains("stopped; answered"), this::safeOutput);
        try (Connection db =
                DriverManager.getConnection("jdbc:sqlite:" + data.resolve("classgate.db"));
            Statement statement = db.createStatement();
            ResultSet rows = statement.executeQuery("SELECT stopped_at FROM run")) {
          assertTrue(rows.next());
          assertNotNull(rows.getString(1), "the clean stop is recorded");
        }
        DigResult gone = Dig.at(port).query("www.demo-blocked.classgate.test");
        assertEquals(DigResult.NO_RESPONSE, gone.status(), "the socket is closed");
      } finally {
        process.destroyForcibly();
      }
    }
  }

  private static DigResult awaitAnswer(int port, Process process) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline && process.isAlive()) {
      DigResult result = Dig.at(port).query("www.demo-blocked.classgate.test");
      if (result.responded()) {
        return result;
      }
    }
    throw new AssertionError("the launched appliance never answered on port " + port);
  }

  private String safeOutput() {
    try {
      return output();
    } catch (IOException e) {
      return "(no output: " + e + ")";
    }
  }
}
