package org.classgate.dns.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class UpstreamSettingsTest {
  private static final Duration ONE = Duration.ofSeconds(1);

  @Test
  void defaultsAreValidAndSensible() {
    UpstreamSettings defaults = UpstreamSettings.defaults();

    assertEquals(Duration.ofMillis(1500), defaults.timeout());
    assertEquals(1024, defaults.maxInFlight());
    assertEquals(Duration.ofSeconds(3), defaults.tcpTimeout());
    assertEquals(Duration.ofSeconds(10), defaults.failureBackoff());
  }

  @Test
  void errorsNameTheFieldAndTheValue() {
    assertMessage("timeout", () -> new UpstreamSettings(Duration.ZERO, 1, ONE, ONE));
    assertMessage("timeout", () -> new UpstreamSettings(null, 1, ONE, ONE));
    assertMessage("maxInFlight", () -> new UpstreamSettings(ONE, 0, ONE, ONE));
    assertMessage("tcpTimeout", () -> new UpstreamSettings(ONE, 1, Duration.ofMillis(-1), ONE));
    assertMessage("failureBackoff", () -> new UpstreamSettings(ONE, 1, ONE, Duration.ofMillis(-1)));
  }

  @Test
  void aZeroBackoffIsAllowed() {
    assertEquals(Duration.ZERO, new UpstreamSettings(ONE, 1, ONE, Duration.ZERO).failureBackoff());
  }

  private static void assertMessage(String field, Runnable construction) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, construction::run);
    assertTrue(e.getMessage().startsWith(field + " must be"), e.getMessage());
  }
}
