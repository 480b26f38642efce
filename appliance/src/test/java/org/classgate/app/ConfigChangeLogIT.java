package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.ConfigOrigin;
import org.classgate.app.config.LinuxHostFacts;
import org.classgate.store.Database;
import org.classgate.testing.Dig;
import org.classgate.testing.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A change log that cannot be written does not keep the classroom without DNS: the box starts and
 * filters, and says loudly that the configuration's changes were not recorded.
 */
class ConfigChangeLogIT {
  @TempDir Path dir;

  private ApplianceConfig config(int port, String pupilBlock) throws Exception {
    Map<String, String> raw = new HashMap<>();
    raw.put("data.dir", dir.resolve("data").toString());
    raw.put("dns.listen", "127.0.0.1:" + port);
    raw.put("dns.upstream", "127.0.0.1:9");
    raw.put("dns.allowed-clients", "127.0.0.0/8");
    raw.put("lists.demo", "builtin:demo");
    raw.put("profile.pupil.block", pupilBlock);
    return ApplianceConfig.from(raw, new LinuxHostFacts(dir.resolve("none")));
  }

  @Test
  void aDamagedLogIsAProblemNotAReasonToStopFiltering() throws Exception {
    assumeTrue(Dig.isInstalled(), "needs dig");
    int port = FreePorts.udpAndTcp();
    ConfigOrigin origin = ConfigOrigin.of(null, List.of("profile.pupil.block"), "tester");
    try (Appliance appliance =
        Appliance.start(config(port, "demo"), origin, Clock.systemUTC(), System::nanoTime)) {
      assertTrue(appliance.problems().isEmpty(), appliance.problems()::toString);
    }
    try (Connection c =
            DriverManager.getConnection(
                "jdbc:sqlite:" + dir.resolve("data").resolve(Database.FILE_NAME));
        Statement s = c.createStatement()) {
      s.execute("UPDATE change_log_head SET last_hash = x'00' WHERE singleton = 1");
    }
    try (Appliance appliance =
        Appliance.start(config(port, ""), origin, Clock.systemUTC(), System::nanoTime)) {
      assertEquals(1, appliance.problems().size(), appliance.problems()::toString);
      assertTrue(
          appliance.problems().get(0).contains("could not be recorded in the change log"),
          appliance.problems()::toString);
      // Still filtering, with the new configuration: pupils no longer block the demo list.
      assertTrue(Dig.at(port).query("www.demo-blocked.classgate.test").responded(), "DNS answers");
    }
  }
}
