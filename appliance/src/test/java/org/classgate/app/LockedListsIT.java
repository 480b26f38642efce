package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.ConfigException;
import org.classgate.app.config.LinuxHostFacts;
import org.classgate.dns.Outcome;
import org.classgate.filter.ListLoadException;
import org.classgate.testing.Dig;
import org.classgate.testing.DigResult;
import org.classgate.testing.FreePorts;
import org.classgate.testing.UnboundUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Locked (illegal-content) lists: enforced for every profile, and never silently dropped when their
 * source goes missing.
 */
class LockedListsIT {
  @TempDir Path dir;

  private Path lockedSource() throws Exception {
    Path source = dir.resolve("illegal.txt");
    Files.writeString(source, "illegal.example\n");
    return source;
  }

  private ApplianceConfig config(int port, String upstream) throws ConfigException {
    Map<String, String> raw = new HashMap<>();
    raw.put("data.dir", dir.resolve("data").toString());
    raw.put("dns.listen", "127.0.0.1:" + port);
    raw.put("dns.upstream", upstream);
    raw.put("dns.allowed-clients", "127.0.0.0/8");
    raw.put("locked.illegal-content", dir.resolve("illegal.txt").toString());
    raw.put("lists.demo", "builtin:demo");
    // Staff block nothing at all, and are still kept from locked content.
    raw.put("profile.staff.block", "");
    raw.put("devices.default-profile", "staff");
    return ApplianceConfig.from(raw, new LinuxHostFacts(dir.resolve("none")));
  }

  @Test
  void aLockedNameIsBlockedForAProfileThatBlocksNothingEvenFromItsLastGoodCopy() throws Exception {
    assumeTrue(UnboundUpstream.isInstalled() && Dig.isInstalled(), "needs unbound and dig");
    Path source = lockedSource();
    try (UnboundUpstream upstream = UnboundUpstream.startDefault()) {
      int port = FreePorts.udpAndTcp();
      try (Appliance appliance =
          Appliance.start(config(port, upstream.address()), Clock.systemUTC(), System::nanoTime)) {
        DigResult locked = Dig.at(port).query("www.illegal.example");
        assertEquals(List.of("0.0.0.0"), locked.answerData("A"), locked::raw);
        assertEquals(1, appliance.counters().get(Outcome.LOCKED));
        DigResult demo = Dig.at(port).query("www.demo-blocked.classgate.test");
        assertTrue(demo.answerData("A").isEmpty(), "staff do not block the demo category");
        assertTrue(appliance.problems().isEmpty(), appliance.problems()::toString);
      }

      Files.delete(source);
      try (Appliance appliance =
          Appliance.start(config(port, upstream.address()), Clock.systemUTC(), System::nanoTime)) {
        DigResult locked = Dig.at(port).query("illegal.example");
        assertEquals(List.of("0.0.0.0"), locked.answerData("A"), locked::raw);
        assertEquals(1, appliance.problems().size());
        assertTrue(
            appliance.problems().get(0).contains("enforcing its last good copy"),
            appliance.problems()::toString);
      }
    }
  }

  @Test
  void withoutTheSourceOrACopyTheBoxRefusesToStart() throws Exception {
    ApplianceConfig config = config(FreePorts.udpAndTcp(), "127.0.0.1:9");
    ListLoadException e =
        assertThrows(
            ListLoadException.class,
            () -> Appliance.start(config, Clock.systemUTC(), System::nanoTime));
    assertTrue(e.getMessage().contains("refusing to filter without it"), e.getMessage());
    assertTrue(e.getMessage().contains("locked list 'illegal-content'"), e.getMessage());
  }

  @Test
  void aProfileCannotNameALockedListAndNamesCannotClash() throws Exception {
    lockedSource();
    Map<String, String> raw = new HashMap<>();
    raw.put("dns.upstream", "127.0.0.1:9");
    raw.put("locked.illegal-content", dir.resolve("illegal.txt").toString());
    raw.put("lists.demo", "builtin:demo");
    raw.put("profile.pupil.block", "demo,illegal-content");
    ConfigException unblockable =
        assertThrows(
            ConfigException.class,
            () -> ApplianceConfig.from(raw, new LinuxHostFacts(dir.resolve("none"))));
    assertTrue(
        unblockable.getMessage().startsWith("profile.pupil.block = 'illegal-content'"),
        unblockable.getMessage());

    raw.remove("profile.pupil.block");
    raw.put("locked.iwf", dir.resolve("illegal.txt").toString());
    raw.put("lists.iwf", "builtin:demo");
    ConfigException clash =
        assertThrows(
            ConfigException.class,
            () -> ApplianceConfig.from(raw, new LinuxHostFacts(dir.resolve("none"))));
    assertTrue(
        clash.getMessage().startsWith("locked.iwf: a locked list needs a name"),
        clash.getMessage());
  }
}
