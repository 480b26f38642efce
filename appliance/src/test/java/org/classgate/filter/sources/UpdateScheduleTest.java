package org.classgate.filter.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UpdateScheduleTest {
  private final UpdateSchedule schedule =
      new UpdateSchedule(Duration.ofHours(6), Duration.ofMinutes(15), Duration.ofSeconds(30));

  @Test
  void successesWaitTheIntervalPlusUpToTheJitter() {
    SplittableRandom random = new SplittableRandom(3);
    Duration min = Duration.ofDays(1);
    Duration max = Duration.ZERO;
    for (int i = 0; i < 1_000; i++) {
      Duration next = schedule.next(0, random);
      min = next.compareTo(min) < 0 ? next : min;
      max = next.compareTo(max) > 0 ? next : max;
    }
    assertTrue(min.compareTo(Duration.ofHours(6)) >= 0, min::toString);
    assertTrue(max.compareTo(Duration.ofHours(6).plusMinutes(15)) < 0, max::toString);
    assertTrue(max.minus(min).compareTo(Duration.ofMinutes(10)) > 0, "the jitter spreads");
  }

  @Test
  void failuresBackOffFromTheFirstRetryToTheInterval() {
    UpdateSchedule exact =
        new UpdateSchedule(Duration.ofHours(6), Duration.ZERO, Duration.ofSeconds(30));
    SplittableRandom random = new SplittableRandom(1);
    assertEquals(Duration.ofSeconds(30), exact.next(1, random));
    assertEquals(Duration.ofSeconds(60), exact.next(2, random));
    assertEquals(Duration.ofSeconds(120), exact.next(3, random));
    assertEquals(Duration.ofSeconds(30 * 512), exact.next(10, random));
    assertEquals(Duration.ofHours(6), exact.next(11, random));
    assertEquals(Duration.ofHours(6), exact.next(1_000, random));
    Duration retry = schedule.next(1, random);
    assertTrue(retry.compareTo(Duration.ofSeconds(45)) <= 0, "retry jitter is at most half");
  }

  @Test
  void theFirstUpdateComesSoonAfterTheStart() {
    Duration first = schedule.first(new SplittableRandom(5));
    assertTrue(first.compareTo(Duration.ofSeconds(1)) >= 0);
    assertTrue(first.compareTo(Duration.ofMinutes(15).plusSeconds(1)) <= 0);
    assertThrows(
        IllegalArgumentException.class,
        () -> new UpdateSchedule(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(1)));
  }
}
