package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SystemdNotifyTest {
  private final List<List<String>> sent = new ArrayList<>();

  private SystemdNotify recording(Duration watchdogTimeout) {
    return new SystemdNotify(
        assignments -> {
          sent.add(assignments);
          return true;
        },
        watchdogTimeout);
  }

  @Test
  void withoutANotifySocketNothingIsSentAndNoWatchdogRuns() {
    SystemdNotify notify = SystemdNotify.fromEnvironment(Map.of("WATCHDOG_USEC", "30000000"), 42);
    assertFalse(notify.enabled());
    assertEquals(Optional.empty(), notify.watchdogInterval());
    notify.ready("up");
    notify.watchdog();
    notify.stopping(); // no systemd-notify is run: nothing to observe but that it returns
  }

  @Test
  void withASocketTheWatchdogIntervalIsHalfTheManagersTimeout() {
    SystemdNotify notify =
        SystemdNotify.fromEnvironment(
            Map.of("NOTIFY_SOCKET", "/run/systemd/notify", "WATCHDOG_USEC", "30000000"), 42);
    assertTrue(notify.enabled());
    assertEquals(Optional.of(Duration.ofSeconds(15)), notify.watchdogInterval());
  }

  @Test
  void aWatchdogMeantForAnotherProcessOrMalformedIsIgnored() {
    assertEquals(
        Optional.empty(),
        SystemdNotify.watchdogTimeout(
            Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "7"), 42));
    assertEquals(
        Optional.of(Duration.ofSeconds(30)),
        SystemdNotify.watchdogTimeout(
            Map.of("WATCHDOG_USEC", "30000000", "WATCHDOG_PID", "42"), 42));
    assertEquals(
        Optional.empty(), SystemdNotify.watchdogTimeout(Map.of("WATCHDOG_USEC", "soon"), 42));
    assertEquals(Optional.empty(), SystemdNotify.watchdogTimeout(Map.of("WATCHDOG_USEC", "0"), 42));
    assertEquals(Optional.empty(), SystemdNotify.watchdogTimeout(Map.of(), 42));
  }

  @Test
  void readyCarriesAOneLineStatusAndStoppingSaysSo() {
    SystemdNotify notify = recording(null);
    notify.ready("filtering DNS\non [/127.0.0.1:5300]");
    notify.watchdog();
    notify.stopping();
    assertEquals(
        List.of(
            List.of("READY=1", "STATUS=filtering DNS on [/127.0.0.1:5300]"),
            List.of("WATCHDOG=1"),
            List.of("STOPPING=1", "STATUS=stopping")),
        sent);
    assertEquals(Optional.empty(), notify.watchdogInterval(), "no WatchdogSec, no pings");
  }

  @Test
  void aMissingCommandIsNotDelivered() {
    assertFalse(
        new SystemdNotify.CommandSender("/nonexistent/systemd-notify").send(List.of("READY=1")));
  }
}
