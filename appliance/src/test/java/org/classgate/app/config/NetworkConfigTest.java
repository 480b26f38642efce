package org.classgate.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classgate.devices.hostapd.WifiSecurity;
import org.classgate.dns.Subnet;
import org.junit.jupiter.api.Test;

class NetworkConfigTest {
  private static final String SECRET = "a secret phrase";

  private static final HostFacts HOST =
      new HostFacts() {
        @Override
        public List<InetSocketAddress> systemNameservers() {
          return List.of(new InetSocketAddress("192.0.2.53", 53));
        }

        @Override
        public List<Subnet> localSubnets() {
          return List.of(Subnet.parse("127.0.0.0/8"));
        }
      };

  private static NetworkConfig load(String... pairs) throws ConfigException {
    Map<String, String> raw = new HashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      raw.put(pairs[i], pairs[i + 1]);
    }
    raw.putIfAbsent("data.dir", "/var/lib/classgate");
    return ApplianceConfig.from(raw, HOST).network();
  }

  @Test
  void offByDefaultWithoutAPassphrase() throws ConfigException {
    NetworkConfig config = load();
    assertEquals(NetworkConfig.Mode.OFF, config.mode());
    assertNull(config.accessPoint());
  }

  @Test
  void applyWithDefaultsDescribesAPiClassroom() throws ConfigException {
    NetworkConfig config = load("network.mode", "apply", "network.wifi.passphrase", SECRET);
    assertEquals("wlan0", config.network().classroomInterface());
    assertEquals("eth0", config.network().uplinkInterface());
    assertEquals("192.168.250.0/24", config.network().classroomSubnet().toString());
    assertEquals(5300, config.network().dnsPort());
    assertEquals(80, config.network().blockPagePort());
    assertEquals(443, config.network().consolePort());
    assertEquals(3, config.network().schoolRanges().size());
    assertEquals("192.168.250.100", config.dhcp().rangeStart().getHostAddress());
    assertEquals("192.168.250.199", config.dhcp().rangeEnd().getHostAddress());
    assertEquals(Duration.ofHours(1), config.dhcp().leaseTime());
    assertEquals(Path.of("/var/lib/classgate/network/dnsmasq.leases"), config.dhcp().leaseFile());
    assertEquals(WifiSecurity.WPA2, config.accessPoint().security());
    assertEquals("GB", config.accessPoint().countryCode());
    assertFalse(config.toString().contains(SECRET));
  }

  @Test
  void everyKeyIsRead() throws ConfigException {
    NetworkConfig config =
        load(
            "network.mode", "dry-run",
            "network.classroom.interface", "br0",
            "network.classroom.address", "192.0.2.1/25",
            "network.uplink.interface", "end0",
            "network.school-ranges", "198.51.100.0/24",
            "network.doh-addresses", "/etc/classgate/doh.txt",
            "network.block-page-port", "8080",
            "network.console-port", "8443",
            "network.dhcp.range", "192.0.2.10-192.0.2.20",
            "network.dhcp.lease-time", "30m",
            "network.dhcp.event-script", "/usr/lib/classgate/dhcp-event",
            "network.wifi.ssid", "Room 4",
            "network.wifi.passphrase", SECRET,
            "network.wifi.country", "IE",
            "network.wifi.channel", "36",
            "network.wifi.security", "wpa3-sae");
    assertEquals(NetworkConfig.Mode.DRY_RUN, config.mode());
    assertEquals("192.0.2.0/25", config.network().classroomSubnet().toString());
    assertEquals(List.of(Subnet.parse("198.51.100.0/24")), config.network().schoolRanges());
    assertEquals(Path.of("/etc/classgate/doh.txt"), config.dohAddresses());
    assertEquals(8443, config.network().consolePort());
    assertEquals(Duration.ofMinutes(30), config.dhcp().leaseTime());
    assertEquals(36, config.accessPoint().channel());
    assertEquals(WifiSecurity.WPA3_SAE, config.accessPoint().security());
  }

  @Test
  void aPassphraseIsNeededOnceTheNetworkIsOnAndABadOneIsNeverEchoed() {
    ConfigException missing =
        assertThrows(ConfigException.class, () -> load("network.mode", "dry-run"));
    assertEquals("network.wifi.passphrase", missing.key());
    String bad = "short\nsecret";
    ConfigException refused =
        assertThrows(
            ConfigException.class,
            () -> load("network.mode", "apply", "network.wifi.passphrase", bad));
    assertEquals("network.wifi.passphrase", refused.key());
    assertFalse(refused.getMessage().contains("short"), refused.getMessage());
  }

  @Test
  void applyNeedsTheDnsListenerReachableOnTheClassroomAddress() {
    ConfigException e =
        assertThrows(
            ConfigException.class,
            () ->
                load(
                    "network.mode", "apply",
                    "network.wifi.passphrase", SECRET,
                    "dns.listen", "127.0.0.1:5300"));
    assertEquals("dns.listen", e.key());
    assertTrue(e.getMessage().contains("192.168.250.1"), e.getMessage());
  }

  @Test
  void badValuesNameTheirKey() {
    assertEquals(
        "network.classroom.interface",
        assertThrows(ConfigException.class, () -> load("network.classroom.interface", "wlan0;x"))
            .key());
    assertEquals(
        "network.classroom.address",
        assertThrows(ConfigException.class, () -> load("network.classroom.address", "192.0.2.1"))
            .key());
    assertEquals(
        "network.dhcp.range",
        assertThrows(ConfigException.class, () -> load("network.dhcp.range", "192.0.2.1-x")).key());
    assertEquals(
        "network.wifi.channel",
        assertThrows(
                ConfigException.class,
                () ->
                    load(
                        "network.mode",
                        "apply",
                        "network.wifi.passphrase",
                        SECRET,
                        "network.wifi.channel",
                        "15"))
            .key());
    assertEquals(
        "network.typo", assertThrows(ConfigException.class, () -> load("network.typo", "1")).key());
  }
}
