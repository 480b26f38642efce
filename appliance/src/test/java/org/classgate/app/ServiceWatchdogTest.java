package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ServiceWatchdogTest {
  private final List<List<String>> sent = new ArrayList<>();
  private final SystemdNotify notify =
      new SystemdNotify(
          assignments -> {
            sent.add(assignments);
            return true;
          },
          null);

  @Test
  void pingsOnlyAfterTheBoxAnswered() {
    AtomicBoolean answering = new AtomicBoolean(true);
    ServiceWatchdog watchdog = new ServiceWatchdog(notify, answering::get);
    assertTrue(watchdog.tick());
    answering.set(false);
    assertFalse(watchdog.tick());
    assertFalse(watchdog.tick());
    answering.set(true);
    assertTrue(watchdog.tick());
    assertEquals(List.of(List.of("WATCHDOG=1"), List.of("WATCHDOG=1")), sent);
  }

  @Test
  void aCheckThatThrowsCountsAsNotAnswering() {
    ServiceWatchdog watchdog =
        new ServiceWatchdog(
            notify,
            () -> {
              throw new IllegalStateException("listener gone");
            });
    assertFalse(watchdog.tick());
    assertEquals(List.of(), sent);
  }
}
