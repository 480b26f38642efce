package org.classgate.health;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HealthTest {
  @TempDir Path dir;

  @Test
  void startingUntilStartedThenFollowsTheWorstProblem() {
    Health health = new Health();
    List<Problem> panel = new ArrayList<>();
    List<String> filter = new ArrayList<>();
    health.register("panel", () -> List.copyOf(panel));
    health.registerMessages("filter", Severity.FAULT, () -> List.copyOf(filter));

    assertEquals(BoxState.STARTING, health.check().state());
    health.started();
    assertEquals(BoxState.HEALTHY, health.check().state());
    assertEquals("HEALTHY", health.check().summary());

    panel.add(Problem.warning("panel", "GPIO unavailable"));
    assertEquals(BoxState.DEGRADED, health.check().state());

    filter.add("locked list iwf enforced from its last good copy");
    HealthReport report = health.check();
    assertEquals(BoxState.FAULT, report.state());
    assertEquals(
        List.of(
            Problem.fault("filter", "locked list iwf enforced from its last good copy"),
            Problem.warning("panel", "GPIO unavailable")),
        report.problems(),
        "faults first");
    assertEquals(
        "FAULT (FAULT filter: locked list iwf enforced from its last good copy;"
            + " WARNING panel: GPIO unavailable)",
        report.summary());

    filter.clear();
    panel.clear();
    assertEquals(BoxState.HEALTHY, health.check().state(), "problems clear when fixed");
  }

  @Test
  void aSourceThatThrowsIsAWarningNotACrash() {
    Health health = new Health();
    health.started();
    health.register(
        "network",
        () -> {
          throw new IllegalStateException("nft missing");
        });
    HealthReport report = health.check();
    assertEquals(BoxState.DEGRADED, report.state());
    assertEquals(
        List.of(Problem.warning("network", "its health check failed: nft missing")),
        report.problems());
  }

  @Test
  void aSourceIsRegisteredOnce() {
    Health health = new Health();
    health.register("disk", List::of);
    assertThrows(IllegalArgumentException.class, () -> health.register("disk", List::of));
  }

  @Test
  void diskSpaceIsAFaultBelowTheMinimumOnTheRealFileSystem() {
    assertEquals(List.of(), new DiskSpace(dir, 0).get());
    List<Problem> full = new DiskSpace(dir, Long.MAX_VALUE).get();
    assertEquals(1, full.size());
    assertEquals(Severity.FAULT, full.get(0).severity());
    assertTrue(full.get(0).message().startsWith("the data disk is nearly full: "));
  }

  @Test
  void diskSpaceThatCannotBeReadIsAFault() {
    DiskSpace broken =
        new DiskSpace(
            dir,
            1,
            path -> {
              throw new IOException("EIO");
            });
    assertEquals(
        List.of(Problem.fault("disk", "cannot read the free space of " + dir + ": EIO")),
        broken.get());
    assertEquals(
        "the data disk is nearly full: 5 MiB free in "
            + dir
            + ", at least 100 MiB needed to keep recording",
        new DiskSpace(dir, 100L << 20, path -> 5L << 20).get().get(0).message());
  }

  @Test
  void anUnsynchronisedClockIsAFaultOnlyAfterTheGracePeriod() {
    AtomicLong nanos = new AtomicLong(1_000);
    AtomicBoolean synced = new AtomicBoolean(false);
    ClockCheck check = new ClockCheck(synced::get, nanos::get, Duration.ofMinutes(30));
    assertEquals(List.of(), check.get());
    nanos.addAndGet(Duration.ofMinutes(29).toNanos());
    assertEquals(List.of(), check.get());
    nanos.addAndGet(Duration.ofMinutes(2).toNanos());
    List<Problem> late = check.get();
    assertEquals(Severity.FAULT, late.get(0).severity());
    assertTrue(late.get(0).message().startsWith("the clock has not synchronised in 31 minutes"));
    synced.set(true);
    assertEquals(List.of(), check.get());
  }
}
