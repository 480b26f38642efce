package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.HostFacts;
import org.classgate.dns.Subnet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Dev mode's network.mode=dry-run: the appliance writes its network files and applies nothing. */
class NetworkDryRunIT {
  @TempDir Path dir;

  @Test
  void startWritesTheRulesetHostapdAndDnsmasqFilesIntoTheDataDirectory() throws Exception {
    HostFacts host =
        new HostFacts() {
          @Override
          public List<InetSocketAddress> systemNameservers() {
            return List.of(new InetSocketAddress("127.0.0.1", 9));
          }

          @Override
          public List<Subnet> localSubnets() {
            return List.of(Subnet.parse("127.0.0.0/8"));
          }
        };
    ApplianceConfig config =
        ApplianceConfig.from(
            Map.of(
                "data.dir", dir.toString(),
                "dns.listen", "127.0.0.1:0",
                "network.mode", "dry-run",
                "network.wifi.passphrase", "dev passphrase",
                "network.console-port", "8443"),
            host);
    try (Appliance appliance = Appliance.start(config, Clock.systemUTC(), System::nanoTime)) {
      Path network = dir.resolve("network");
      String ruleset = Files.readString(network.resolve("classgate.nft"));
      assertTrue(ruleset.contains("th dport 53 redirect to :5300"), ruleset);
      assertTrue(ruleset.contains("tcp dport 8443 ether saddr @staff_console accept"));
      assertTrue(ruleset.contains("1.1.1.1/32"), "the built-in DoH list");
      Path hostapd = network.resolve("hostapd.conf");
      assertTrue(Files.readString(hostapd).contains("ap_isolate=1\n"));
      assertEquals(
          "rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(hostapd)));
      assertTrue(Files.readString(network.resolve("dnsmasq.conf")).contains("port=0\n"));
      assertEquals(List.of(), appliance.problems());
    }
  }
}
