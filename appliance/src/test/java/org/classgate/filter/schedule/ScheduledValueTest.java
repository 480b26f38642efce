package org.classgate.filter.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.classgate.dns.Profile;
import org.junit.jupiter.api.Test;

class ScheduledValueTest {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final Duration MAX_AGE = Duration.ofSeconds(10);
  private static final Duration NANO = Duration.ofNanos(1);

  private final Timetable school = TimetableTest.school(LONDON);

  private static Instant london(String local) {
    return LocalDateTime.parse(local).atZone(LONDON).toInstant();
  }

  private static ScheduledValue<String> periods(Timetable timetable, SteppedTime time) {
    return new ScheduledValue<>(timetable, time.clock(), time::nanoTime, MAX_AGE);
  }

  @Test
  void refreshesExactlyAtTheBoundaryAndNotBefore() {
    SteppedTime time = new SteppedTime(london("2024-01-15T11:59:59.999999990"));
    ScheduledValue<String> period = periods(school, time);
    assertEquals("lessons", period.get());
    assertEquals(1, time.wallReads());
    time.advance(Duration.ofNanos(9));
    assertEquals("lessons", period.get(), "one nanosecond before lunch");
    assertEquals(1, time.wallReads(), "no calendar work before the boundary");
    time.advance(NANO);
    assertEquals("lunch", period.get(), "exactly at 12:00");
    assertEquals(2, time.wallReads());
  }

  @Test
  void readsBetweenBoundariesOnlyLookAtTheMonotonicClock() {
    SteppedTime time = new SteppedTime(london("2024-01-15T12:00"));
    ScheduledValue<String> period = periods(school, time);
    for (int i = 0; i < 1000; i++) {
      assertEquals("lunch", period.get());
      time.advance(Duration.ofMillis(5));
    }
    assertEquals(1, time.wallReads(), "5 s of reads in a 60-minute period");
  }

  @Test
  void aLongPeriodIsStillRecheckedEveryMaxAge() {
    // Friday 15:15 to Saturday 10:00 is outside, but the value is only kept for MAX_AGE.
    SteppedTime time = new SteppedTime(london("2024-01-19T15:15"));
    ScheduledValue<String> period = periods(school, time);
    assertEquals("outside", period.get());
    time.advance(MAX_AGE.minus(NANO));
    assertEquals("outside", period.get());
    assertEquals(1, time.wallReads());
    time.advance(NANO);
    assertEquals("outside", period.get());
    assertEquals(2, time.wallReads(), "rechecked at MAX_AGE");
  }

  @Test
  void aWallClockStepIsSeenWithinMaxAge() {
    // The box booted thinking it was Saturday evening; NTP then sets Monday 09:00.
    SteppedTime time = new SteppedTime(london("2024-01-20T20:00"));
    ScheduledValue<String> period = periods(school, time);
    assertEquals("outside", period.get());
    time.stepWallClock(Duration.between(london("2024-01-20T20:00"), london("2024-01-22T09:00")));
    assertEquals("outside", period.get(), "cached until MAX_AGE");
    time.advance(MAX_AGE);
    assertEquals("lessons", period.get());

    // And back: someone sets the clock back to Saturday evening during lessons.
    time.stepWallClock(Duration.ofDays(-2));
    assertEquals("lessons", period.get());
    time.advance(MAX_AGE);
    assertEquals("outside", period.get());
  }

  @Test
  void aValueThatNeverChangesIsRecheckedOnlyEveryMaxAge() throws Exception {
    SteppedTime time = new SteppedTime(london("2024-01-15T09:00"));
    ScheduledValue<String> period = periods(Timetable.parse(LONDON, Map.of()), time);
    for (int i = 0; i < 100; i++) {
      assertEquals("outside", period.get());
      time.advance(Duration.ofSeconds(1));
    }
    assertEquals(10, time.wallReads(), "100 s at one recheck per 10 s");
  }

  @Test
  void cachesTheProfileOfAProfileSchedule() {
    ProfileSchedule pupil = new ProfileSchedule("pupil", school, 1, Map.of("lessons", 3));
    SteppedTime time = new SteppedTime(london("2024-01-15T11:59"));
    ScheduledValue<Profile> profile =
        new ScheduledValue<>(pupil, time.clock(), time::nanoTime, MAX_AGE);
    Profile inLessons = profile.get();
    assertEquals(new Profile("pupil", 3), inLessons);
    time.advance(Duration.ofSeconds(59));
    assertSame(inLessons, profile.get());
    time.advance(Duration.ofSeconds(1));
    assertEquals(new Profile("pupil", 1), profile.get());
    assertEquals("ScheduledValue[Profile[name=pupil, blockedCategories=1]]", profile.toString());
  }

  @Test
  void aScheduleAnsweringNullFailsTheReadAndCachesNothing() {
    SteppedTime time = new SteppedTime(Instant.parse("2024-01-15T09:00:00Z"));
    Schedule<String> broken =
        new Schedule<>() {
          @Override
          public String valueAt(Instant instant) {
            return null;
          }

          @Override
          public Optional<Instant> nextChangeAfter(Instant instant) {
            return Optional.empty();
          }
        };
    ScheduledValue<String> value =
        new ScheduledValue<>(broken, time.clock(), time::nanoTime, MAX_AGE);
    NullPointerException e = assertThrows(NullPointerException.class, value::get);
    assertEquals("the schedule gave null at 2024-01-15T09:00:00Z", e.getMessage());
    assertThrows(NullPointerException.class, value::get, "still failing, nothing cached");
    assertEquals("ScheduledValue[not read yet]", value.toString());
  }

  @Test
  void maxAgeMustBePositiveAndAtMostADay() {
    SteppedTime time = new SteppedTime(Instant.EPOCH);
    for (Duration bad : List.of(Duration.ZERO, Duration.ofSeconds(-1), Duration.ofDays(2))) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> new ScheduledValue<>(school, time.clock(), time::nanoTime, bad));
      assertEquals("maxAge must be positive and at most PT24H, got " + bad, e.getMessage());
    }
  }

  /**
   * Readers on several threads while the test steps time through a week in strides of up to ten
   * minutes, half of those that would cross a boundary landing exactly on it: each read must give a
   * period the timetable had at some instant between just before and just after the read. The
   * stepper waits for a read after every step, so reads and refreshes really interleave with the
   * steps.
   */
  @Test
  void concurrentReadersSeeOnlyPeriodsOfTheirReadsTime() throws Exception {
    SteppedTime time = new SteppedTime(london("2024-01-15T00:00"));
    // The longest maxAge, so that values live until their boundary rather than for 10 s.
    ScheduledValue<String> period =
        new ScheduledValue<>(school, time.clock(), time::nanoTime, ScheduledValue.MAX_MAX_AGE);
    int readers = 4;
    AtomicBoolean stop = new AtomicBoolean();
    AtomicReference<String> failure = new AtomicReference<>();
    AtomicLong reads = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    for (int r = 0; r < readers; r++) {
      Thread reader =
          new Thread(
              () -> {
                while (!stop.get()) {
                  Instant before = time.now();
                  String value = period.get();
                  Instant after = time.now();
                  Set<String> possible = periodsBetween(before, after);
                  if (!possible.contains(value)) {
                    failure.compareAndSet(
                        null,
                        value + " read between " + before + " and " + after + ": " + possible);
                  }
                  reads.incrementAndGet();
                }
              },
              "reader-" + r);
      reader.start();
      threads.add(reader);
    }
    Random random = new Random(20240115);
    Instant end = london("2024-01-22T00:00");
    int steps = 0;
    try {
      while (time.now().isBefore(end)) {
        Duration step = Duration.ofSeconds(1 + random.nextInt(10 * 60));
        Duration toBoundary =
            Duration.between(time.now(), school.nextChangeAfter(time.now()).orElseThrow());
        if (toBoundary.compareTo(step) <= 0 && random.nextBoolean()) {
          step = toBoundary;
        }
        long readsBefore = reads.get();
        time.advance(step);
        steps++;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (reads.get() < readsBefore + readers && System.nanoTime() - deadline < 0) {
          Thread.onSpinWait();
        }
        assertTrue(reads.get() >= readsBefore + readers, "readers stalled after step " + steps);
      }
    } finally {
      stop.set(true);
      for (Thread thread : threads) {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      }
    }
    assertEquals(null, failure.get());
    assertTrue(steps > 500, "steps: " + steps);
    assertEquals(school.periodAt(time.now()), period.get());
  }

  private Set<String> periodsBetween(Instant from, Instant to) {
    Set<String> seen = new HashSet<>();
    seen.add(school.periodAt(from));
    Optional<Instant> change = school.nextChangeAfter(from);
    while (change.isPresent() && !change.get().isAfter(to)) {
      seen.add(school.periodAt(change.get()));
      change = school.nextChangeAfter(change.get());
    }
    return seen;
  }
}
