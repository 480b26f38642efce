package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.LinuxHostFacts;
import org.classgate.dns.Outcome;
import org.classgate.testing.Dig;
import org.classgate.testing.DigResult;
import org.classgate.testing.FreePorts;
import org.classgate.testing.UnboundUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A teacher's temporary unblock, end to end: made with {@code classgate policy} against the running
 * box's database, picked up by the box within seconds, audited, revoked, and never over locked
 * content.
 */
class AllowancesIT {
  private static final String BLOCKED = "quiz.allowed.test";
  private static final String LOCKED = "illegal.allowed.test";

  @TempDir Path dir;

  @Test
  void anApprovedAllowanceUnblocksUntilRevokedAndTheLogVerifies() throws Exception {
    assumeTrue(UnboundUpstream.isInstalled() && Dig.isInstalled(), "needs unbound and dig");
    Files.writeString(dir.resolve("games.txt"), BLOCKED + "\n");
    Files.writeString(dir.resolve("locked.txt"), LOCKED + "\n");
    try (UnboundUpstream upstream = UnboundUpstream.startDefault()) {
      int port = FreePorts.udpAndTcp();
      ApplianceConfig config =
          ApplianceConfig.from(
              Map.of(
                  "data.dir", dir.resolve("data").toString(),
                  "dns.listen", "127.0.0.1:" + port,
                  "dns.upstream", upstream.address(),
                  "dns.allowed-clients", "127.0.0.0/8",
                  "lists.games", dir.resolve("games.txt").toString(),
                  "locked.illegal", dir.resolve("locked.txt").toString(),
                  "profile.pupil.block", "games"),
              new LinuxHostFacts(dir.resolve("none")));
      try (Appliance appliance = Appliance.start(config, Clock.systemUTC(), System::nanoTime)) {
        assertEquals(List.of("0.0.0.0"), Dig.at(port).query("www." + BLOCKED).answerData("A"));

        String made =
            policy(
                config,
                0,
                "allow",
                BLOCKED,
                "--scope",
                "profile:pupil",
                "--minutes",
                "45",
                "--reason",
                "Year 8 <b>quiz</b> lesson\u001b[2J",
                "--by",
                "j.smith:teacher");
        assertTrue(made.startsWith("allowed: allowance 1: " + BLOCKED), made);

        DigResult unblocked = awaitAnswer(port, "www." + BLOCKED, a -> !a.contains("0.0.0.0"));
        assertEquals(List.of(UnboundUpstream.ALLOWED_ADDRESS), unblocked.answerData("A"));
        assertTrue(appliance.counters().get(Outcome.UNBLOCKED) >= 1);

        String explained = policy(config, 0, "explain", "www." + BLOCKED);
        assertTrue(explained.startsWith("www." + BLOCKED + " for profile pupil"), explained);
        assertTrue(explained.contains("): ALLOWED_BY_ALLOWANCE"), explained);
        String lockedExplained = policy(config, 0, "explain", LOCKED, "--profile", "pupil");
        assertTrue(lockedExplained.contains("): LOCKED"), lockedExplained);

        String refused =
            policy(
                config,
                1,
                "allow",
                LOCKED,
                "--scope",
                "classroom",
                "--minutes",
                "10",
                "--reason",
                "research",
                "--by",
                "a.head:headteacher");
        assertTrue(refused.startsWith("refused (LOCKED)"), refused);

        String revoked =
            policy(
                config,
                0,
                "revoke",
                "1",
                "--by",
                "e.safety:online-safety-officer",
                "--reason",
                "lesson over");
        assertTrue(revoked.startsWith("revoked: allowance 1"), revoked);
        awaitAnswer(port, "www." + BLOCKED, a -> a.equals(List.of("0.0.0.0")));

        String verified = policy(config, 0, "verify-log");
        // The start's config.initial row, then the allowance's creation and revocation.
        assertTrue(verified.startsWith("change log intact: 3 rows"), verified);
        String log = policy(config, 0, "log");
        assertTrue(log.contains("allowance.create  by j.smith (TEACHER)"), log);
        // Stored exactly, printed with the terminal escape defused.
        assertTrue(log.contains("why: Year 8 <b>quiz</b> lesson\\u001b[2J"), log);
        assertTrue(log.contains("allowance.revoke  by e.safety (ONLINE_SAFETY_OFFICER)"), log);
      }
    }
  }

  private static String policy(ApplianceConfig config, int expectedStatus, String... args)
      throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status =
        new PolicyCommand(
                config, Clock.systemUTC(), new PrintStream(bytes, true, StandardCharsets.UTF_8))
            .run(List.of(args));
    String output = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(expectedStatus, status, output);
    return output;
  }

  /**
   * The box refreshes allowances every 5 s: wait for the change with a deadline, no fixed sleep.
   */
  private static DigResult awaitAnswer(int port, String name, Predicate<List<String>> expected) {
    long deadline = System.nanoTime() + 15_000_000_000L;
    DigResult result;
    do {
      result = Dig.at(port).query(name);
      if (expected.test(result.answerData("A"))) {
        return result;
      }
    } while (System.nanoTime() < deadline);
    throw new AssertionError("the answer never changed as expected:\n" + result.raw());
  }
}
