package org.classgate.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.classgate.store.Database;
import org.classgate.sync.OutboxLimits;
import org.classgate.sync.RecordKind;
import org.classgate.sync.store.SqliteOutbox;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's two commands, for real: {@code scripts/hub run} (dev configuration) and {@code
 * scripts/run} (a dev box, which finds the hub's pin file) enrol and sync on loopback, as two
 * processes. Records are appended to the running box's outbox through its own database file.
 */
class DevModeIT {
  /** Failsafe runs in the module directory. */
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  @TempDir Path dir;

  @Test
  void aDevHubAndADevBoxEnrolAndSyncOnLoopback() throws Exception {
    int port;
    try (ServerSocket probe = new ServerSocket(0)) {
      port = probe.getLocalPort();
    }
    Path hubData = dir.resolve("hub");
    Path boxData = dir.resolve("box");
    List<String> hubSets = List.of("--set", "data.dir=" + hubData);
    Process hub =
        start(
            "hub.log",
            Map.of(),
            concat(
                List.of("scripts/hub", "run", "--set", "hub.listen=127.0.0.1:" + port), hubSets));
    Process box = null;
    try {
      Eventually.await(
          "the hub's pin file",
          Duration.ofSeconds(60),
          () -> Files.exists(hubData.resolve(Hub.PIN_FILE)));
      List<String> boxSets =
          List.of(
              "--set", "data.dir=" + boxData,
              "--set", "dns.listen=127.0.0.1:0",
              "--set", "dns.upstream=127.0.0.1:9",
              "--set", "console.listen=",
              "--set", "console.block-page-listen=",
              "--set", "sync.idle-poll=200ms",
              "--set", "sync.enrolment-poll=200ms");
      box =
          start(
              "box.log",
              Map.of(
                  "CLASSGATE_DEV_HUB_DIR",
                  hubData.toString(),
                  "CLASSGATE_DEV_HUB_URL",
                  "https://127.0.0.1:" + port),
              concat(List.of("scripts/run"), boxSets));
      Eventually.await(
          "the box to be enrolled",
          Duration.ofSeconds(90),
          () -> run(concat(List.of("scripts/hub", "boxes"), hubSets)).contains("approved"));

      Eventually.await(
          "the box's database",
          Duration.ofSeconds(30),
          () -> Files.exists(boxData.resolve(Database.FILE_NAME)));
      // The running box queues its own records too (configuration changes, health): 50 more go
      // after them, and the hub must hold at least up to the last of these.
      long last = 0;
      try (Database database = Database.open(boxData)) {
        SqliteOutbox outbox = new SqliteOutbox(database, OutboxLimits.DEFAULT);
        for (int i = 0; i < 50; i++) {
          byte[] payload = ("{\"v\":1,\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8);
          last =
              database.transaction("append", c -> outbox.append(c, RecordKind.INCIDENT, payload));
        }
      }
      long appended = last;
      Eventually.await(
          "the records at the hub",
          Duration.ofSeconds(60),
          () ->
              acknowledged(run(concat(List.of("scripts/hub", "boxes"), hubSets)), "acknowledged ")
                  >= appended);
      String status =
          run(
              concat(
                  List.of(
                      "scripts/classgate",
                      "sync",
                      "status",
                      "--config",
                      "scripts/dev.properties",
                      "--set",
                      "sync.hub-url=https://127.0.0.1:" + port,
                      "--set",
                      "sync.hub-pin=" + Files.readString(hubData.resolve(Hub.PIN_FILE)).strip()),
                  boxSets));
      assertTrue(status.contains("enrolment:       approved"), status);
      assertTrue(acknowledged(status, "acknowledged up to ") >= appended, status);
      assertEquals(0, run(concat(List.of("scripts/hub", "verify"), hubSets), true).exit);
    } finally {
      stop(box);
      stop(hub);
    }
  }

  private Process start(String log, Map<String, String> env, List<String> command)
      throws Exception {
    ProcessBuilder builder =
        new ProcessBuilder(command)
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(dir.resolve(log).toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  private record Result(int exit, String output) {}

  private String run(List<String> command) throws Exception {
    return run(command, false).output;
  }

  private Result run(List<String> command, boolean any) throws Exception {
    File out = dir.resolve("command.log").toFile();
    Process process =
        new ProcessBuilder(command)
            .directory(ROOT.toFile())
            .redirectErrorStream(true)
            .redirectOutput(out)
            .start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "command finished: " + command);
    String output = Files.readString(out.toPath());
    if (!any && process.exitValue() != 0) {
      throw new AssertionError(command + " failed: " + output);
    }
    return new Result(process.exitValue(), output);
  }

  private static void stop(Process process) throws InterruptedException {
    if (process == null) {
      return;
    }
    process.descendants().forEach(ProcessHandle::destroy);
    process.destroy();
    if (!process.waitFor(20, TimeUnit.SECONDS)) {
      process.descendants().forEach(ProcessHandle::destroyForcibly);
      process.destroyForcibly();
    }
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /** The number after {@code prefix} in {@code text}, or -1 if there is none. */
  private static long acknowledged(String text, String prefix) {
    java.util.regex.Matcher number =
        java.util.regex.Pattern.compile(java.util.regex.Pattern.quote(prefix) + "(\\d+)")
            .matcher(text);
    return number.find() ? Long.parseLong(number.group(1)) : -1;
  }
}
