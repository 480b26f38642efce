package org.classgate.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classgate.dns.Subnet;
import org.junit.jupiter.api.Test;

/** The console's keys: HTTPS unless on loopback, the redirect, names, management networks. */
class ConsoleConfigTest {
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

  private static ConsoleConfig console(Map<String, String> keys) throws ConfigException {
    Map<String, String> raw = new HashMap<>(keys);
    raw.putIfAbsent("data.dir", "/tmp/classgate-config-test");
    return ApplianceConfig.from(raw, HOST).console();
  }

  @Test
  void theConsoleIsHttpsByDefaultWithTheKeysRead() throws Exception {
    ConsoleConfig config =
        console(
            Map.of(
                "console.listen", "0.0.0.0:443",
                "console.http-redirect-listen", "10.1.2.3:80",
                "console.tls-names", "classgate-oak, 192.168.250.1",
                "console.management-networks", "10.1.0.0/16",
                "console.self-test.iwf", "iwf-test.example",
                "console.self-test.doh-resolver", ""));
    assertTrue(config.tls());
    assertEquals(new InetSocketAddress("10.1.2.3", 80), config.redirectListen());
    assertEquals(List.of("classgate-oak", "192.168.250.1"), config.tlsNames());
    assertEquals(List.of(Subnet.parse("10.1.0.0/16")), config.managementNetworks());
    assertEquals(Map.of("iwf", "iwf-test.example", "doh-resolver", ""), config.selfTestNames());
  }

  @Test
  void plainHttpIsRefusedOffLoopback() {
    ConfigException refused =
        assertThrows(
            ConfigException.class,
            () -> console(Map.of("console.listen", "192.168.250.1:443", "console.tls", "off")));
    assertTrue(refused.getMessage().startsWith("console.tls"), refused.getMessage());
    assertTrue(refused.getMessage().contains("loopback"), refused.getMessage());
  }

  @Test
  void plainHttpOnLoopbackIsDevMode() throws Exception {
    ConsoleConfig dev = console(Map.of("console.listen", "127.0.0.1:8443", "console.tls", "off"));
    assertFalse(dev.tls());
  }

  @Test
  void aRedirectNeedsHttpsAndItsOwnAddress() {
    ConfigException withoutTls =
        assertThrows(
            ConfigException.class,
            () ->
                console(
                    Map.of(
                        "console.listen", "127.0.0.1:8443",
                        "console.tls", "off",
                        "console.http-redirect-listen", "127.0.0.1:8080")));
    assertTrue(withoutTls.getMessage().startsWith("console.http-redirect-listen"));
    ConfigException same =
        assertThrows(
            ConfigException.class,
            () ->
                console(
                    Map.of(
                        "console.listen", "127.0.0.1:8443",
                        "console.http-redirect-listen", "127.0.0.1:8443")));
    assertTrue(same.getMessage().startsWith("console.http-redirect-listen"));
  }

  @Test
  void badNamesAndUnknownChecksAreRefusedByKey() {
    ConfigException name =
        assertThrows(
            ConfigException.class,
            () -> console(Map.of("console.tls-names", "good-name,<script>")));
    assertTrue(name.getMessage().startsWith("console.tls-names"), name.getMessage());
    ConfigException check =
        assertThrows(
            ConfigException.class, () -> console(Map.of("console.self-test.porn", "x.example")));
    assertTrue(check.getMessage().startsWith("console.self-test.porn"), check.getMessage());
    assertTrue(check.getMessage().contains("adult"), check.getMessage());
  }
}
