package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.ConfigException;
import org.classgate.app.config.LinuxHostFacts;
import org.classgate.control.ControlClient;
import org.classgate.health.BoxState;
import org.classgate.health.HealthReport;
import org.classgate.testing.Dig;
import org.classgate.testing.DigResult;
import org.classgate.testing.FreePorts;
import org.classgate.testing.UnboundUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The safeguarding side of a running appliance: a box configured for GPIO on a machine without any
 * is DEGRADED but filters as ever; DNS decisions on locked and watched categories become alerts;
 * the panel is pressed through the control socket.
 */
class SafeguardingIT {
  @TempDir Path dir;

  private Map<String, String> config(int port, String upstream) throws Exception {
    Files.writeString(dir.resolve("illegal.txt"), "illegal.example\n");
    Files.writeString(dir.resolve("self-harm.txt"), "harm.example\n");
    Map<String, String> raw = new HashMap<>();
    raw.put("data.dir", dir.resolve("data").toString());
    raw.put("dns.listen", "127.0.0.1:" + port);
    raw.put("dns.upstream", upstream);
    raw.put("dns.allowed-clients", "127.0.0.0/8");
    raw.put("locked.illegal-content", dir.resolve("illegal.txt").toString());
    raw.put("lists.self-harm", dir.resolve("self-harm.txt").toString());
    raw.put("lists.demo", "builtin:demo");
    raw.put("profile.pupil.block", "self-harm,demo");
    raw.put("panel.mode", "gpio");
    raw.put("classroom.name", "Year 6 Birch");
    raw.put("health.clock-sync", "assumed");
    return raw;
  }

  private static ApplianceConfig parse(Map<String, String> raw, Path dir) throws ConfigException {
    return ApplianceConfig.from(raw, new LinuxHostFacts(dir.resolve("none")));
  }

  @Test
  void noGpioMeansDegradedNotDownAndDecisionsRaiseAlerts() throws Exception {
    assumeTrue(UnboundUpstream.isInstalled() && Dig.isInstalled(), "needs unbound and dig");
    try (UnboundUpstream upstream = UnboundUpstream.startDefault()) {
      int port = FreePorts.udpAndTcp();
      ApplianceConfig config = parse(config(port, upstream.address()), dir);
      try (Appliance appliance = Appliance.start(config, Clock.systemUTC(), System::nanoTime)) {
        HealthReport health = appliance.health();
        assertEquals(BoxState.DEGRADED, health.state(), health::summary);
        assertTrue(
            health.problems().get(0).message().startsWith("the report button and LED do not work"),
            health::summary);

        DigResult allowed = Dig.at(port).query("www.allowed.test");
        assertEquals(List.of("192.0.2.10"), allowed.answerData("A"), allowed::raw);
        DigResult locked = Dig.at(port).query("www.illegal.example");
        assertEquals(List.of("0.0.0.0"), locked.answerData("A"), locked::raw);
        Dig.at(port).query("harm.example");
        Dig.at(port).query("harm.example"); // the same alert is raised once

        Path socket = Safeguarding.controlSocket(config);
        String press = ControlClient.send(socket, "panel-press", List.of());
        assertTrue(press.startsWith("incident 1 press 1 sequence "), press);
        String status = ControlClient.send(socket, "panel-status", List.of());
        assertTrue(status.contains("awaiting-staff=yes report=1"), status);
        assertTrue(status.endsWith("hardware=simulated (GPIO unavailable)"), status);

        List<String> kinds = awaitAlerts(config, 3);
        assertEquals(List.of("locked-content", "safeguarding-category", "report-button"), kinds);
      }
    }
  }

  private static List<String> awaitAlerts(ApplianceConfig config, int count) throws Exception {
    long deadline = System.nanoTime() + 10_000_000_000L;
    List<String> kinds = new ArrayList<>();
    while (System.nanoTime() < deadline) {
      kinds.clear();
      try (Connection db =
              DriverManager.getConnection(
                  "jdbc:sqlite:" + config.dataDir().resolve("classgate.db"));
          ResultSet rows =
              db.createStatement().executeQuery("SELECT kind FROM alert ORDER BY seq")) {
        while (rows.next()) {
          kinds.add(rows.getString(1));
        }
      }
      if (kinds.size() >= count) {
        break;
      }
      Thread.sleep(50); // waiting on the alert thread with a deadline, not timing an assertion
    }
    return kinds;
  }

  @Test
  void watchedCategoriesMustBeConfiguredAndPinsDistinct() throws Exception {
    Map<String, String> raw = config(5300, "127.0.0.1:9");
    raw.put("alerts.watched-categories", "extremism");
    ConfigException unknown = assertThrows(ConfigException.class, () -> parse(raw, dir));
    assertTrue(
        unknown.getMessage().startsWith("alerts.watched-categories = 'extremism' is not allowed"),
        unknown.getMessage());
    raw.remove("alerts.watched-categories");
    raw.put("panel.led.red", "17");
    ConfigException clash = assertThrows(ConfigException.class, () -> parse(raw, dir));
    assertTrue(clash.getMessage().contains("GPIO 17 is configured twice"), clash.getMessage());
    raw.put("panel.led.red", "none");
    raw.put("panel.mode", "blinkenlights");
    ConfigException mode = assertThrows(ConfigException.class, () -> parse(raw, dir));
    assertEquals(
        "panel.mode = 'blinkenlights' is not allowed: one of gpio, simulated, off",
        mode.getMessage());
    raw.put("panel.mode", "off");
    ApplianceConfig off = parse(raw, dir);
    assertEquals(-1, off.panel().pins().red());
    assertEquals(List.of("self-harm"), off.incidents().watchedCategories());
  }
}
