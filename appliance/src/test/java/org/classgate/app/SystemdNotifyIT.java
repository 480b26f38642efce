package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.classgate.sync.crypto.KeyFile;
import org.classgate.testing.Executables;
import org.classgate.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launched appliance talks to a real notification socket through the real {@code
 * systemd-notify}, as under the packaged unit ({@code Type=notify}, {@code WatchdogSec=}): a Python
 * receiver stands in for systemd's end of the socket.
 */
class SystemdNotifyIT {
  private static final Path LAUNCHER = Path.of("..", "scripts", "classgate").toAbsolutePath();

  @TempDir Path dir;

  @Test
  void readyAfterTheStartWatchdogPingsWhileAnsweringStoppingAtTheEnd() throws Exception {
    assumeTrue(Files.isExecutable(LAUNCHER), "launcher present");
    assumeTrue(
        Executables.onPath("systemd-notify") && Executables.onPath("python3"),
        "needs systemd-notify and python3");
    Path receiverScript = dir.resolve("notify-receiver.py");
    try (InputStream in = getClass().getResourceAsStream("notify-receiver.py")) {
      Files.copy(in, receiverScript);
    }
    Path socket = dir.resolve("notify.sock");
    Path messages = dir.resolve("messages.txt");
    Files.createFile(messages);
    Process receiver =
        new ProcessBuilder(
                "python3", receiverScript.toString(), socket.toString(), messages.toString())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve("receiver.log").toFile())
            .start();
    Process box = null;
    try {
      awaitTrue(() -> Files.exists(socket), "the receiver's socket");
      int port = FreePorts.udpAndTcp();
      Path data = dir.resolve("data");
      ProcessBuilder launch =
          new ProcessBuilder(
                  LAUNCHER.toString(),
                  "run",
                  "--set",
                  "data.dir=" + data,
                  "--set",
                  "dns.listen=127.0.0.1:" + port,
                  "--set",
                  "dns.upstream=127.0.0.1:9",
                  "--set",
                  "lists.demo=builtin:demo")
              .redirectErrorStream(true)
              .redirectOutput(dir.resolve("box.log").toFile());
      launch.environment().put("NOTIFY_SOCKET", socket.toString());
      // A 2 s watchdog: pings every second.
      launch.environment().put("WATCHDOG_USEC", "2000000");
      box = launch.start();

      awaitLine(messages, line -> line.startsWith("READY=1|STATUS=filtering DNS on"));
      awaitLine(messages, line -> line.equals("WATCHDOG=1"));
      List<String> lines = Files.readAllLines(messages, StandardCharsets.UTF_8);
      assertTrue(
          lines.indexOf("WATCHDOG=1") > indexOf(lines, l -> l.startsWith("READY=1")),
          "the first ping follows READY: " + lines);
      assertTrue(lines.contains("BARRIER=1"), "systemd-notify waited for the manager: " + lines);

      // The first start made the box's keys and enrolment sheet.
      assertEquals(
          "rw-------",
          PosixFilePermissions.toString(
              Files.getPosixFilePermissions(data.resolve(KeyFile.FILE_NAME))));
      assertTrue(
          Files.readString(data.resolve(FirstBoot.ENROLMENT_FILE)).contains("enrolment code:"));

      box.destroy(); // SIGTERM, as systemctl stop sends
      assertTrue(box.waitFor(30, TimeUnit.SECONDS), "stopped");
      awaitLine(messages, line -> line.equals("STOPPING=1|STATUS=stopping"));
    } finally {
      if (box != null) {
        box.destroyForcibly();
      }
      receiver.destroyForcibly();
    }
  }

  private static int indexOf(List<String> lines, Predicate<String> test) {
    for (int i = 0; i < lines.size(); i++) {
      if (test.test(lines.get(i))) {
        return i;
      }
    }
    return Integer.MAX_VALUE;
  }

  private void awaitLine(Path file, Predicate<String> test) throws Exception {
    awaitTrue(
        () -> Files.readAllLines(file, StandardCharsets.UTF_8).stream().anyMatch(test),
        "a notification in " + file);
  }

  private interface Check {
    boolean holds() throws IOException;
  }

  private void awaitTrue(Check check, String what) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (System.nanoTime() < deadline) {
      if (check.holds()) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(50);
    }
    String log =
        Files.exists(dir.resolve("box.log")) ? Files.readString(dir.resolve("box.log")) : "";
    String got =
        Files.exists(dir.resolve("messages.txt"))
            ? Files.readString(dir.resolve("messages.txt"))
            : "";
    throw new AssertionError(
        "timed out waiting for " + what + "; messages:\n" + got + "\nbox:\n" + log);
  }
}
