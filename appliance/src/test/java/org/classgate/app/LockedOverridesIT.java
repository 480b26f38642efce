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
 * Every way to switch a locked list off, tried in turn on one box, each refused and logged: a
 * temporary allowance, an allow entry, a profile that blocks nothing, removing the {@code locked.*}
 * key, and emptying its source. The locked name is asked with dig after every attempt.
 */
class LockedOverridesIT {
  private static final String LOCKED = "illegal.allowed.test";

  @TempDir Path dir;

  private Map<String, String> raw(int port, String upstream) {
    Map<String, String> raw = new HashMap<>();
    raw.put("data.dir", dir.resolve("data").toString());
    raw.put("dns.listen", "127.0.0.1:" + port);
    raw.put("dns.upstream", upstream);
    raw.put("dns.allowed-clients", "127.0.0.0/8");
    raw.put("lists.demo", "builtin:demo");
    raw.put("locked.illegal-content", dir.resolve("locked.txt").toString());
    // Staff block nothing: a profile edit without illegal-content changes nothing for locked names.
    raw.put("profile.staff.block", "");
    raw.put("devices.default-profile", "staff");
    return raw;
  }

  private Appliance start(Map<String, String> raw) throws Exception {
    return Appliance.start(
        config(raw),
        new ConfigOrigin(Path.of("/etc/classgate.properties"), List.of(), "tester", "root"),
        Clock.systemUTC(),
        System::nanoTime);
  }

  private ApplianceConfig config(Map<String, String> raw) throws Exception {
    return ApplianceConfig.from(raw, new LinuxHostFacts(dir.resolve("none")));
  }

  private static void assertLocked(int port, Appliance appliance) {
    DigResult result = Dig.at(port).query("www." + LOCKED);
    assertEquals(List.of("0.0.0.0"), result.answerData("A"), result::raw);
    assertEquals(1, appliance.counters().get(Outcome.LOCKED));
  }

  @Test
  void noAllowanceAllowEntryProfileKeyRemovalOrEmptySourceSwitchesALockedListOff()
      throws Exception {
    assumeTrue(UnboundUpstream.isInstalled() && Dig.isInstalled(), "needs unbound and dig");
    Path source = dir.resolve("locked.txt");
    Files.writeString(source, LOCKED + "\n");
    try (UnboundUpstream upstream = UnboundUpstream.startDefault()) {
      int port = FreePorts.udpAndTcp();
      Map<String, String> raw = raw(port, upstream.address());

      // 1. The locked list enforced for a profile that blocks nothing; an allowance is refused.
      try (Appliance appliance = start(raw)) {
        assertLocked(port, appliance);
        assertTrue(appliance.problems().isEmpty(), appliance.problems()::toString);
        String refused =
            policy(
                config(raw),
                Main.EXIT_FAILED,
                "allow",
                LOCKED,
                "--scope",
                "classroom",
                "--minutes",
                "10",
                "--reason",
                "research",
                "--by",
                "head:headteacher");
        assertTrue(refused.startsWith("refused (LOCKED)"), refused);
      }

      // 2. An allow entry over it: refused at start, a problem, a config.refused row.
      raw.put("profile.staff.allow", LOCKED);
      try (Appliance appliance = start(raw)) {
        assertLocked(port, appliance);
        assertTrue(
            appliance.problems().stream().anyMatch(p -> p.contains("is refused: a locked list")),
            appliance.problems()::toString);
        String log = policy(config(raw), Main.EXIT_OK, "log", "--last", "2");
        assertTrue(log.contains("config.refused"), log);
        assertTrue(log.contains("after: refused.profile.staff.allow = " + LOCKED), log);
      }
      raw.remove("profile.staff.allow");

      // 3. The locked.* key removed: the last good copy is still enforced, loudly.
      raw.remove("locked.illegal-content");
      try (Appliance appliance = start(raw)) {
        assertLocked(port, appliance);
        assertTrue(
            appliance.problems().stream()
                .anyMatch(p -> p.contains("cannot be switched off by configuration")),
            appliance.problems()::toString);
        String log = policy(config(raw), Main.EXIT_OK, "log", "--last", "3");
        assertTrue(log.contains("config.refused"), log);
        assertTrue(log.contains("before: locked.illegal-content = " + source), log);
        assertTrue(log.contains("refused: a locked list cannot be switched off"), log);
        String shown = policy(config(raw), Main.EXIT_OK, "show");
        assertTrue(
            shown.contains("illegal-content (no longer configured: enforced from its last good"),
            shown);
        String explained = policy(config(raw), Main.EXIT_OK, "explain", "www." + LOCKED);
        assertTrue(explained.contains("): LOCKED"), explained);
      }

      // 4. The key back, its source emptied: the copy is enforced, loudly.
      raw.put("locked.illegal-content", source.toString());
      Files.writeString(source, "");
      try (Appliance appliance = start(raw)) {
        assertLocked(port, appliance);
        assertTrue(
            appliance.problems().stream().anyMatch(p -> p.contains("enforcing its last good copy")),
            appliance.problems()::toString);
      }

      // 5. The source missing altogether: the same.
      Files.delete(source);
      try (Appliance appliance = start(raw)) {
        assertLocked(port, appliance);
      }

      String verified = policy(config(raw), Main.EXIT_OK, "verify-log");
      assertTrue(verified.startsWith("change log intact"), verified);
    }
  }
}
