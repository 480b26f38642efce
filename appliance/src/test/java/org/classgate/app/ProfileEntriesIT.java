package org.classgate.app;

import static org.classgate.app.PolicyRun.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.ConfigOrigin;
import org.classgate.app.config.LinuxHostFacts;
import org.classgate.dns.Outcome;
import org.classgate.testing.Dig;
import org.classgate.testing.DigResult;
import org.classgate.testing.FreePorts;
import org.classgate.testing.UnboundUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A profile's own allow and deny entries end to end, with real unbound and dig: what they do to
 * answers, what explain and show say, and the change-control rows configuration edits leave.
 */
class ProfileEntriesIT {
  private static final String ALLOWED = UnboundUpstream.ALLOWED_ADDRESS;

  @TempDir Path dir;

  private Map<String, String> raw(int port, String upstream) throws Exception {
    Files.writeString(dir.resolve("games.txt"), "quiz.allowed.test\nplay.allowed.test\n");
    Files.writeString(dir.resolve("locked.txt"), "illegal.allowed.test\n");
    Map<String, String> raw = new HashMap<>();
    raw.put("data.dir", dir.resolve("data").toString());
    raw.put("dns.listen", "127.0.0.1:" + port);
    raw.put("dns.upstream", upstream);
    raw.put("dns.allowed-clients", "127.0.0.0/8");
    raw.put("lists.games", dir.resolve("games.txt").toString());
    raw.put("locked.illegal-content", dir.resolve("locked.txt").toString());
    raw.put("profile.pupil.block", "games");
    raw.put("profile.pupil.safesearch", "strict");
    raw.put("profile.pupil.allow", "*.Quiz.allowed.test, illegal.allowed.test");
    raw.put("profile.pupil.deny", "chat.allowed.test");
    raw.put("profile.staff.block", "");
    return raw;
  }

  private ApplianceConfig config(Map<String, String> raw) throws Exception {
    return ApplianceConfig.from(raw, new LinuxHostFacts(dir.resolve("none")));
  }

  private static ConfigOrigin origin() {
    return new ConfigOrigin(Path.of("/etc/classgate/test.properties"), List.of(), "tester", "root");
  }

  @Test
  void denyAndAllowEntriesDecideAnswersAndConfigurationEditsAreLogged() throws Exception {
    assumeTrue(UnboundUpstream.isInstalled() && Dig.isInstalled(), "needs unbound and dig");
    try (UnboundUpstream upstream = UnboundUpstream.startDefault()) {
      int port = FreePorts.udpAndTcp();
      Map<String, String> raw = raw(port, upstream.address());
      ApplianceConfig config = config(raw);
      try (Appliance appliance =
          Appliance.start(config, origin(), Clock.systemUTC(), System::nanoTime)) {
        Dig dig = Dig.at(port);
        assertEquals(List.of(ALLOWED), dig.query("www.quiz.allowed.test").answerData("A"));
        assertEquals(1, appliance.counters().get(Outcome.UNBLOCKED), "the allow entry waived");
        assertEquals(List.of("0.0.0.0"), dig.query("play.allowed.test").answerData("A"));
        DigResult denied = dig.query("x.chat.allowed.test");
        assertEquals(List.of("0.0.0.0"), denied.answerData("A"), denied::raw);
        assertEquals(1, appliance.counters().get(Outcome.DENIED));
        assertEquals(List.of("0.0.0.0"), dig.query("illegal.allowed.test").answerData("A"));
        assertEquals(1, appliance.counters().get(Outcome.LOCKED));
        assertTrue(
            appliance.problems().stream()
                .anyMatch(p -> p.contains("profile.pupil.allow entry illegal.allowed.test")),
            appliance.problems()::toString);

        String refused =
            policy(
                config,
                Main.EXIT_FAILED,
                "allow",
                "chat.allowed.test",
                "--scope",
                "profile:pupil",
                "--minutes",
                "30",
                "--reason",
                "debate lesson",
                "--by",
                "oso:online-safety-officer");
        assertTrue(refused.startsWith("refused (DENIED_BY_PROFILE)"), refused);
        assertTrue(refused.contains("edit the profile"), refused);

        String explained = policy(config, Main.EXIT_OK, "explain", "x.chat.allowed.test");
        assertTrue(explained.contains("): DENIED_BY_ENTRY"), explained);
        assertTrue(explained.contains("deny entry chat.allowed.test of profile pupil"), explained);
        String waived = policy(config, Main.EXIT_OK, "explain", "www.quiz.allowed.test");
        assertTrue(waived.contains("): ALLOWED_BY_ENTRY"), waived);

        String shown = policy(config, Main.EXIT_OK, "show", "pupil");
        assertTrue(shown.contains("blocks in outside: games"), shown);
        assertTrue(shown.contains("safesearch: strict"), shown);
        assertTrue(shown.contains(": chat.allowed.test"), shown);
        assertTrue(shown.contains(": quiz.allowed.test"), shown);
        assertTrue(shown.contains("REFUSED allow entry illegal.allowed.test"), shown);
        assertTrue(shown.contains("locked lists: illegal-content"), shown);
        String all = policy(config, Main.EXIT_OK, "show");
        assertTrue(all.contains("profile staff:"), all);
        assertTrue(all.contains("PROBLEM: profile.pupil.allow entry illegal.allowed.test"), all);

        String log = policy(config, Main.EXIT_OK, "log");
        assertTrue(log.contains("config.initial  by configuration file"), log);
        assertTrue(log.contains("started by OS user tester, approved by configuration file"), log);
        assertTrue(log.contains("profile.pupil.deny = chat.allowed.test"), log);
        assertTrue(log.contains("config.refused"), log);
      }

      // Between runs: the deny entry goes, staff now block games. Each change gets its own row.
      raw.remove("profile.pupil.deny");
      raw.put("profile.staff.block", "games");
      config = config(raw);
      try (Appliance appliance =
          Appliance.start(config, origin(), Clock.systemUTC(), System::nanoTime)) {
        assertEquals(List.of(ALLOWED), Dig.at(port).query("chat.allowed.test").answerData("A"));
        String log = policy(config, Main.EXIT_OK, "log", "--last", "2");
        assertTrue(log.contains("before: profile.pupil.deny = chat.allowed.test"), log);
        assertTrue(log.contains("before: profile.staff.block = (nothing)"), log);
        assertTrue(log.contains("after: profile.staff.block = games"), log);
        assertTrue(log.contains("why: configuration changed between runs"), log);
        String verified = policy(config, Main.EXIT_OK, "verify-log");
        assertTrue(verified.startsWith("change log intact: 4 rows"), verified);
      }
      // Unchanged: no new rows.
      try (Appliance appliance =
          Appliance.start(config, origin(), Clock.systemUTC(), System::nanoTime)) {
        String verified = policy(config, Main.EXIT_OK, "verify-log");
        assertTrue(verified.startsWith("change log intact: 4 rows"), verified);
      }
    }
  }
}
