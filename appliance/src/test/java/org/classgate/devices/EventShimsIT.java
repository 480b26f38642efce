package org.classgate.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exact command lines {@code scripts/classgate-dhcp-event} and {@code
 * scripts/classgate-hostapd-event} produce from what dnsmasq and hostapd_cli pass them, run as
 * those programs run them, with a recorder in place of the launcher. (Until the control socket
 * client lands, this and {@link DhcpLeaseEventsIT} are how the shims are checked end to end.)
 */
class EventShimsIT {
  @TempDir Path dir;
  private ShimRecorder recorder;

  @BeforeEach
  void recorder() throws Exception {
    recorder = new ShimRecorder(dir);
  }

  private String run(Path shim, Map<String, String> env, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(shim.toString()));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().put("CLASSGATE", recorder.script.toString());
    builder.environment().putAll(env);
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(10, TimeUnit.SECONDS));
    assertEquals(0, process.exitValue(), output);
    return output;
  }

  @Test
  void dhcpLeaseEventsBecomeDeviceEventCommands() throws Exception {
    Path shim = ShimRecorder.DHCP_SHIM;
    run(shim, Map.of(), "add", "00:00:5e:00:53:01", "192.0.2.20", "Pupils-iPad");
    run(shim, Map.of(), "old", "00:00:5e:00:53:01", "192.0.2.20");
    run(
        shim,
        Map.of("CLASSGATE_CONFIG", "/etc/classgate/box.properties"),
        "del",
        "00:00:5e:00:53:01",
        "192.0.2.20",
        "x");
    // DHCPv6: $2 is the DUID; the MAC comes from DNSMASQ_MAC.
    run(
        shim,
        Map.of("DNSMASQ_IAID", "1", "DNSMASQ_MAC", "00:00:5e:00:53:01"),
        "add",
        "00:01:00:01:2c:1f:aa:bb:00:00:5e:00:53:01",
        "2001:db8::20");
    assertEquals(
        List.of(
            List.of(
                "control",
                "device-event",
                "dhcp",
                "add",
                "00:00:5e:00:53:01",
                "192.0.2.20",
                "Pupils-iPad"),
            List.of("control", "device-event", "dhcp", "old", "00:00:5e:00:53:01", "192.0.2.20"),
            List.of(
                "control",
                "--config",
                "/etc/classgate/box.properties",
                "device-event",
                "dhcp",
                "del",
                "00:00:5e:00:53:01",
                "192.0.2.20",
                "x"),
            List.of("control", "device-event", "dhcp", "add", "00:00:5e:00:53:01", "2001:db8::20")),
        recorder.invocations());
  }

  @Test
  void hostileHostNamesAreDroppedAndOtherActionsIgnored() throws Exception {
    Path shim = ShimRecorder.DHCP_SHIM;
    for (String host :
        List.of(
            "--set",
            "-x",
            ".hidden",
            "two words",
            "a;reboot",
            "$(reboot)",
            "evil\u001b[2J",
            "x".repeat(254))) {
      run(shim, Map.of(), "add", "00:00:5e:00:53:01", "192.0.2.20", host);
    }
    run(shim, Map.of(), "init");
    run(shim, Map.of(), "tftp", "1234", "192.0.2.20", "/srv/file");
    run(shim, Map.of(), "arp-add", "00:00:5e:00:53:01", "192.0.2.20");
    run(shim, Map.of("DNSMASQ_IAID", "1"), "add", "00:01:00:01", "2001:db8::20");
    List<List<String>> invocations = recorder.invocations();
    assertEquals(8, invocations.size());
    for (List<String> invocation : invocations) {
      assertEquals(
          List.of("control", "device-event", "dhcp", "add", "00:00:5e:00:53:01", "192.0.2.20"),
          invocation);
    }
  }

  @Test
  void hostapdStationEventsBecomeWifiEvents() throws Exception {
    Path shim = ShimRecorder.HOSTAPD_SHIM;
    run(shim, Map.of(), "wlan0", "AP-STA-CONNECTED", "00:00:5e:00:53:01", "keyid=pupils");
    run(shim, Map.of(), "wlan0", "AP-STA-DISCONNECTED", "00:00:5e:00:53:01");
    run(shim, Map.of(), "wlan0", "AP-ENABLED");
    run(shim, Map.of(), "wlan0", "CTRL-EVENT-EAP-STARTED", "00:00:5e:00:53:01");
    assertEquals(
        List.of(
            List.of("control", "device-event", "wifi", "connected", "00:00:5e:00:53:01"),
            List.of("control", "device-event", "wifi", "disconnected", "00:00:5e:00:53:01")),
        recorder.invocations());
  }

  @Test
  void aFailedDeliveryIsLoggedNotFatal() throws Exception {
    String output =
        run(
            ShimRecorder.DHCP_SHIM,
            Map.of("CLASSGATE", "/bin/false"),
            "add",
            "00:00:5e:00:53:01",
            "192.0.2.20");
    assertEquals(
        "classgate-dhcp-event: could not deliver dhcp add 00:00:5e:00:53:01 192.0.2.20 (status 1)\n",
        output);
  }
}
