package org.classgate.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.classgate.dns.Subnet;
import org.classgate.sync.transport.SenderSettings;
import org.junit.jupiter.api.Test;

class SyncConfigTest {
  private static final String PIN = "sha256/yhWywp+DACwRFhT1jKBPg5rOEO1CGP5dvQXW8rVrd2E=";

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

  @Test
  void syncIsOffUntilAHubIsConfigured() throws Exception {
    SyncConfig sync = ApplianceConfig.from(Map.of(), HOST).sync();
    assertFalse(sync.enabled());
    assertEquals(SenderSettings.DEFAULT, sync.sender());
  }

  @Test
  void everySyncKeyIsRead() throws Exception {
    SyncConfig sync =
        ApplianceConfig.from(
                Map.ofEntries(
                    Map.entry("classroom.name", "Year 6 Ash"),
                    Map.entry("sync.hub-url", "https://10.0.0.5:8843"),
                    Map.entry("sync.hub-pin", PIN),
                    Map.entry("sync.batch-records", "500"),
                    Map.entry("sync.batch-kib", "1024"),
                    Map.entry("sync.backoff-min", "2s"),
                    Map.entry("sync.backoff-max", "10m"),
                    Map.entry("sync.idle-poll", "5s"),
                    Map.entry("sync.enrolment-poll", "1m"),
                    Map.entry("sync.unreachable-warning", "2h"),
                    Map.entry("sync.connect-timeout", "3s"),
                    Map.entry("sync.request-timeout", "20s")),
                HOST)
            .sync();
    assertTrue(sync.enabled());
    assertEquals(URI.create("https://10.0.0.5:8843"), sync.hubUrl());
    assertEquals(PIN, sync.hubPin().toString());
    assertEquals("Year 6 Ash", sync.classroom(), "the classroom's name by default");
    assertEquals(
        new SenderSettings(
            500,
            1024 * 1024,
            Duration.ofSeconds(2),
            Duration.ofMinutes(10),
            Duration.ofSeconds(5),
            Duration.ofMinutes(1),
            Duration.ofHours(2)),
        sync.sender());
    assertEquals(Duration.ofSeconds(3), sync.connectTimeout());
    assertEquals(Duration.ofSeconds(20), sync.requestTimeout());
  }

  @Test
  void badValuesNameTheKey() {
    for (Map<String, String> bad :
        List.of(
            Map.of("sync.hub-url", "https://hub:8843"),
            Map.of("sync.hub-url", "http://hub:8843", "sync.hub-pin", PIN),
            Map.of("sync.hub-url", "https://hub:8843", "sync.hub-pin", "sha256/short"),
            Map.of("sync.backoff-min", "1m", "sync.backoff-max", "30s"),
            Map.of("sync.batch-records", "0"))) {
      ConfigException e =
          assertThrows(ConfigException.class, () -> ApplianceConfig.from(bad, HOST), bad::toString);
      assertTrue(
          bad.containsKey(e.key()) || e.key().equals("sync.hub-pin"), e.key() + " for " + bad);
    }
  }
}
