package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classgate.activity.ActivityEntry;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.LinuxHostFacts;
import org.classgate.dns.Outcome;
import org.classgate.testing.Dig;
import org.classgate.testing.FreePorts;
import org.classgate.testing.UnboundUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The activity log in the running appliance: queries sent with the real {@code dig} appear in the
 * in-memory history at once and in the database after the stop, where {@code classgate activity}
 * prints them with hostile names escaped.
 */
class ActivityIT {
  @TempDir Path dir;

  @Test
  void decisionsReachTheHistoryTheDatabaseAndTheCommand() throws Exception {
    assumeTrue(UnboundUpstream.isInstalled() && Dig.isInstalled(), "needs unbound and dig");
    Path list = dir.resolve("gambling.txt");
    Files.writeString(list, "bet.example\n");
    int port = FreePorts.udpAndTcp();
    Map<String, String> raw = new HashMap<>();
    raw.put("data.dir", dir.resolve("data").toString());
    raw.put("dns.listen", "127.0.0.1:" + port);
    raw.put("dns.allowed-clients", "127.0.0.0/8");
    raw.put("dns.rate-limit", "0");
    raw.put("lists.gambling", list.toString());
    raw.put("profile.pupil.block", "gambling");
    raw.put("timetable.zone", "UTC");
    Instant before = Instant.now();
    try (UnboundUpstream upstream = UnboundUpstream.builder().start()) {
      raw.put("dns.upstream", upstream.address());
      ApplianceConfig config =
          ApplianceConfig.from(raw, new LinuxHostFacts(dir.resolve("no-resolv.conf")));
      Appliance appliance = Appliance.start(config, Clock.systemUTC(), System::nanoTime);
      try {
        Dig.at(port).query("www.allowed.test");
        Dig.at(port).query("www.bet.example");
        // ESC [ 3 1 m: a terminal colour sequence inside a label.
        Dig.at(port).query("\\027[31mred.allowed.test");

        List<ActivityEntry> history = appliance.activityHistory().since(before);
        assertEquals(3, history.size(), history::toString);
        assertEquals("www.allowed.test.", history.get(0).name());
        assertEquals(Outcome.ALLOWED, history.get(0).outcome());
        assertEquals(Outcome.BLOCKED, history.get(1).outcome());
        assertEquals(List.of("gambling"), history.get(1).categories());
        assertEquals("127.0.0.1", history.get(1).client().getHostAddress());
        assertEquals("pupil", history.get(1).profile());
        assertTrue(history.get(2).name().startsWith("\\027[31mred"), history.get(2).name());
        assertTrue(appliance.problems().isEmpty(), appliance.problems()::toString);
      } finally {
        appliance.close(); // stores what waits for the next flush
      }

      ByteArrayOutputStream printed = new ByteArrayOutputStream();
      int status =
          new ActivityCommand(
                  config, Clock.systemUTC(), new PrintStream(printed, true, StandardCharsets.UTF_8))
              .run(List.of("--since", "10m"));
      String text = printed.toString(StandardCharsets.UTF_8);
      assertEquals(Main.EXIT_OK, status);
      List<String> lines = text.lines().toList();
      assertEquals(3, lines.size(), text);
      assertTrue(
          lines.get(1).contains("127.0.0.1  -  pupil  BLOCKED  1  www.bet.example.  gambling"),
          text);
      assertTrue(lines.get(2).contains("\\027[31mred.allowed.test."), text);
      assertFalse(text.contains("\u001b"), "no raw escape reaches the terminal");

      ByteArrayOutputStream stats = new ByteArrayOutputStream();
      new ActivityCommand(
              config, Clock.systemUTC(), new PrintStream(stats, true, StandardCharsets.UTF_8))
          .run(List.of("stats", "--days", "1"));
      assertTrue(
          stats.toString(StandardCharsets.UTF_8).contains("127.0.0.1  gambling  BLOCKED  1"),
          stats::toString);
    }
  }
}
