package org.classgate.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.classgate.dns.Subnet;
import org.junit.jupiter.api.Test;

class ActivityConfigTest {
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
  void theBoxLogsToTheDatabaseByDefault() throws Exception {
    ActivityConfig activity = ApplianceConfig.from(Map.of(), HOST).activity();
    assertEquals(
        new ActivityConfig(ActivityConfig.Mode.DATABASE, 65_536, Duration.ofSeconds(10), 4096, 30),
        activity);
  }

  @Test
  void everyActivityKeyIsRead() throws Exception {
    ActivityConfig activity =
        ApplianceConfig.from(
                Map.of(
                    "activity.log", "memory",
                    "activity.memory-entries", "200000",
                    "activity.flush-interval", "30s",
                    "activity.flush-rows", "1000",
                    "activity.retention-days", "7"),
                HOST)
            .activity();
    assertEquals(
        new ActivityConfig(ActivityConfig.Mode.MEMORY, 200_000, Duration.ofSeconds(30), 1000, 7),
        activity);
  }

  @Test
  void badValuesNameTheKey() {
    for (Map.Entry<String, String> bad :
        Map.of(
                "activity.log", "syslog",
                "activity.memory-entries", "10",
                "activity.flush-interval", "1h",
                "activity.flush-rows", "0",
                "activity.retention-days", "0")
            .entrySet()) {
      ConfigException e =
          assertThrows(
              ConfigException.class,
              () -> ApplianceConfig.from(Map.of(bad.getKey(), bad.getValue()), HOST));
      assertTrue(
          e.getMessage().startsWith(bad.getKey() + " = '" + bad.getValue() + "'"), e.getMessage());
    }
  }
}
