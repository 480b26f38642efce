package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.LinuxHostFacts;
import org.classgate.devices.DeviceEventRejected;
import org.classgate.dns.Outcome;
import org.classgate.testing.Dig;
import org.classgate.testing.DigResult;
import org.classgate.testing.FreePorts;
import org.classgate.testing.UnboundUpstream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Quarantine at the DNS layer, end to end with real dig and a real upstream: loopback plays the
 * classroom subnet, so this machine is an unknown device until a lease event registers it and a
 * teacher approves it with {@code classgate devices} (another database connection, as another
 * process); the box picks the approval up within seconds.
 */
class QuarantineIT {
  private static final String MAC = "00:00:5e:00:53:07";
  private static final String WAITING_PAGE = "192.0.2.1";
  private static final String NAME = "www." + UnboundUpstream.ALLOWED_ZONE;

  @TempDir Path dir;

  @Test
  void anUnknownDeviceSeesOnlyTheWaitingPageUntilApproved() throws Exception {
    assumeTrue(UnboundUpstream.isInstalled() && Dig.isInstalled(), "needs unbound and dig");
    try (UnboundUpstream upstream = UnboundUpstream.startDefault()) {
      int port = FreePorts.udpAndTcp();
      ApplianceConfig config =
          ApplianceConfig.from(
              Map.of(
                  "data.dir",
                  dir.resolve("data").toString(),
                  "dns.listen",
                  "127.0.0.1:" + port,
                  "dns.upstream",
                  upstream.address(),
                  "dns.allowed-clients",
                  "127.0.0.0/8",
                  "classroom.name",
                  "Year 6 Oak",
                  "devices.quarantine.subnets",
                  "127.0.0.0/8",
                  "devices.quarantine.address",
                  WAITING_PAGE,
                  "devices.quarantine.box-names",
                  "box." + UnboundUpstream.ALLOWED_ZONE),
              new LinuxHostFacts(dir.resolve("none")));
      try (Appliance appliance = Appliance.start(config, Clock.systemUTC(), System::nanoTime)) {
        Dig dig = Dig.at(port);
        assertEquals(List.of(WAITING_PAGE), dig.query(NAME).answerData("A"));
        assertEquals(List.of(WAITING_PAGE), dig.query("captive.apple.com").answerData("A"));
        DigResult txt = dig.query(NAME, "TXT");
        assertTrue(txt.responded() && txt.answerData("TXT").isEmpty(), txt.raw());
        assertEquals(
            List.of(UnboundUpstream.ALLOWED_ADDRESS),
            dig.query("box." + UnboundUpstream.ALLOWED_ZONE).answerData("A"),
            "the box's own names are answered normally");

        // The lease event (what the dhcp shim sends through the control socket).
        String reply =
            appliance.deviceEvents().run(List.of("dhcp", "add", MAC, "127.0.0.1", "dev-laptop"));
        assertEquals(MAC + " quarantined (new device, waiting for a teacher)", reply);
        try {
          appliance.deviceEvents().run(List.of("dhcp", "add", MAC, "127.0.0.1", "\u001b[2J"));
          throw new AssertionError("a hostile host name was accepted");
        } catch (DeviceEventRejected expected) {
          assertTrue(expected.getMessage().contains("\\u001b"), expected.getMessage());
        }
        assertEquals(List.of(WAITING_PAGE), dig.query(NAME).answerData("A"));
        String pending = devices(config, 0, "pending");
        assertTrue(
            pending.startsWith(
                "Year 6 Oak: 1 devices, 1 waiting for a teacher, 1 quarantine events so far\nwaiting "),
            pending);
        assertTrue(
            pending.contains(
                MAC + "             (no name)  host \"dev-laptop\"  127.0.0.1  last seen "),
            pending);

        devices(config, 0, "approve", MAC, "staff-owned", "--name", "Mr Jones's laptop");
        awaitAnswer(port, NAME, a -> a.equals(List.of(UnboundUpstream.ALLOWED_ADDRESS)));

        devices(config, 0, "block", MAC);
        awaitAnswer(port, NAME, a -> a.equals(List.of(WAITING_PAGE)));
        assertTrue(appliance.counters().get(Outcome.QUARANTINED) >= 4);
      }
    }
  }

  private static String devices(ApplianceConfig config, int expectedStatus, String... args)
      throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    int status =
        new DevicesCommand(
                config, Clock.systemUTC(), new PrintStream(bytes, true, StandardCharsets.UTF_8))
            .run(List.of(args));
    String output = bytes.toString(StandardCharsets.UTF_8);
    assertEquals(expectedStatus, status, output);
    return output;
  }

  /** The box re-reads the registry every 2 s: wait for the change with a deadline. */
  private static void awaitAnswer(int port, String name, Predicate<List<String>> expected) {
    long deadline = System.nanoTime() + 15_000_000_000L;
    DigResult result;
    do {
      result = Dig.at(port).query(name);
      if (expected.test(result.answerData("A"))) {
        return;
      }
    } while (System.nanoTime() < deadline);
    throw new AssertionError("the answer never changed as expected:\n" + result.raw());
  }
}
