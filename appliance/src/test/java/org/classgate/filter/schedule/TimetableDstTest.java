package org.classgate.filter.schedule;

import static org.classgate.filter.schedule.TimetableTextTest.periods;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Daylight-saving changes in Europe/London (2024: clocks go forward at 01:00 UTC on 31 March, back
 * at 01:00 UTC on 27 October), checked by hand at the edges and against a brute-force oracle minute
 * by minute, also in zones that change at midnight or by half an hour.
 */
class TimetableDstTest {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final Duration NANO = Duration.ofNanos(1);

  private static Instant utc(String text) {
    return Instant.parse(text);
  }

  @Test
  void springForwardEndsAPeriodAtTheJumpAndStartsTheOneAfterTheSkippedHour() throws Exception {
    Timetable night =
        Timetable.parse(
            LONDON,
            periods("a", "Sun 00:30-01:30", "b", "Sun 01:30-02:30", "c", "Sun 02:30-04:00"));
    assertEquals("outside", night.periodAt(utc("2024-03-31T00:30:00Z").minus(NANO)));
    assertEquals("a", night.periodAt(utc("2024-03-31T00:30:00Z")));
    // Local 01:30 does not exist: at 01:00 UTC the clock reads 02:00 BST, which is in b.
    assertEquals(
        Optional.of(utc("2024-03-31T01:00:00Z")),
        night.nextChangeAfter(utc("2024-03-31T00:30:00Z")));
    assertEquals("a", night.periodAt(utc("2024-03-31T01:00:00Z").minus(NANO)));
    assertEquals("b", night.periodAt(utc("2024-03-31T01:00:00Z")));
    assertEquals(
        Optional.of(utc("2024-03-31T01:30:00Z")),
        night.nextChangeAfter(utc("2024-03-31T01:00:00Z")));
    assertEquals("c", night.periodAt(utc("2024-03-31T01:30:00Z")));
    assertEquals(
        Optional.of(utc("2024-03-31T03:00:00Z")),
        night.nextChangeAfter(utc("2024-03-31T01:30:00Z")));
    assertEquals("outside", night.periodAt(utc("2024-03-31T03:00:00Z")));
  }

  @Test
  void aRangeInsideTheSkippedHourDoesNotHappenThatDayButDoesAWeekEarlier() throws Exception {
    Timetable night =
        Timetable.parse(
            LONDON,
            periods(
                "before",
                "Sun 00:00-01:10",
                "skipped",
                "Sun 01:10-01:50",
                "after",
                "Sun 01:50-03:00"));
    Set<String> seen = new HashSet<>();
    for (Instant t = utc("2024-03-30T22:00:00Z");
        t.isBefore(utc("2024-03-31T04:00:00Z"));
        t = t.plusSeconds(60)) {
      seen.add(night.periodAt(t));
    }
    assertFalse(seen.contains("skipped"), seen.toString());
    assertEquals(
        Optional.of(utc("2024-03-31T01:00:00Z")),
        night.nextChangeAfter(utc("2024-03-31T00:30:00Z")));
    assertEquals("after", night.periodAt(utc("2024-03-31T01:00:00Z")));
    assertEquals(
        Optional.of(utc("2024-03-31T02:00:00Z")),
        night.nextChangeAfter(utc("2024-03-31T01:00:00Z")));
    assertEquals("skipped", night.periodAt(utc("2024-03-24T01:10:00Z")), "a week earlier, in GMT");
  }

  @Test
  void fallBackLivesTheRepeatedHourTwiceWithItsPeriods() throws Exception {
    Timetable night =
        Timetable.parse(LONDON, periods("a", "Sun 01:00-01:30", "b", "Sun 01:30-02:00"));
    // 00:00 UTC is 01:00 BST; 01:00 UTC is 01:00 GMT again.
    String[][] expected = {
      {"2024-10-26T23:00:00Z", "outside", "2024-10-27T00:00:00Z"},
      {"2024-10-27T00:00:00Z", "a", "2024-10-27T00:30:00Z"},
      {"2024-10-27T00:30:00Z", "b", "2024-10-27T01:00:00Z"},
      {"2024-10-27T01:00:00Z", "a", "2024-10-27T01:30:00Z"},
      {"2024-10-27T01:30:00Z", "b", "2024-10-27T02:00:00Z"},
      {"2024-10-27T02:00:00Z", "outside", "2024-11-03T01:00:00Z"},
    };
    for (String[] row : expected) {
      Instant at = utc(row[0]);
      assertEquals(row[1], night.periodAt(at), row[0]);
      assertEquals(Optional.of(utc(row[2])), night.nextChangeAfter(at), row[0]);
      assertEquals(row[1], night.periodAt(utc(row[2]).minus(NANO)), row[0]);
    }
  }

  @Test
  void aPeriodSpanningTheRepeatedHourLastsAnHourLonger() throws Exception {
    Timetable night = Timetable.parse(LONDON, periods("late", "Sun 00:30-02:30"));
    // 00:30 BST to 02:30 GMT: three hours of real time, not two.
    assertEquals("late", night.periodAt(utc("2024-10-26T23:30:00Z")));
    assertEquals(
        Optional.of(utc("2024-10-27T02:30:00Z")),
        night.nextChangeAfter(utc("2024-10-26T23:30:00Z")));
    assertEquals(
        Optional.of(utc("2024-10-27T02:30:00Z")),
        night.nextChangeAfter(utc("2024-10-27T00:59:59Z")));

    Timetable once = Timetable.parse(LONDON, periods("a", "Sun 01:00-01:30"));
    // 01:45 BST is outside; the clock going back to 01:00 GMT re-enters a.
    assertEquals(
        Optional.of(utc("2024-10-27T01:00:00Z")),
        once.nextChangeAfter(utc("2024-10-27T00:45:00Z")));
  }

  @Test
  void weekdayPeriodsKeepTheirLocalTimesAcrossTheChanges() {
    Timetable school = TimetableTest.school(LONDON);
    assertEquals("lessons", school.periodAt(utc("2024-03-29T08:45:00Z")), "Friday, GMT");
    assertEquals("outside", school.periodAt(utc("2024-03-29T08:44:59Z")), "Friday, GMT");
    assertEquals("outside", school.periodAt(utc("2024-04-01T07:44:59Z")), "Monday, BST: 08:44");
    assertEquals("lessons", school.periodAt(utc("2024-04-01T07:45:00Z")), "Monday, BST: 08:45");
    assertEquals(
        Optional.of(utc("2024-04-01T07:45:00Z")),
        school.nextChangeAfter(utc("2024-03-30T12:00:00Z")),
        "end of Saturday club (GMT) to Monday lessons (BST)");
    assertEquals(
        Optional.of(utc("2024-10-28T08:45:00Z")),
        school.nextChangeAfter(utc("2024-10-26T11:00:00Z")),
        "end of Saturday club (12:00 BST) to Monday lessons (GMT)");
  }

  /**
   * Every minute (and half-minute) of four days around a change: the period agrees with a naive
   * oracle that converts to local time and checks each range, and the next change is the first
   * later minute where the oracle's period differs.
   */
  @ParameterizedTest
  @CsvSource({
    "Europe/London, 2024-03-29T00:00:00Z",
    "Europe/London, 2024-10-25T00:00:00Z",
    // Clocks went forward at midnight: Sunday began at 01:00.
    "America/Sao_Paulo, 2018-11-02T00:00:00Z",
    // Clocks went back at midnight: Saturday 23:00-24:00 happened twice.
    "America/Sao_Paulo, 2019-02-15T00:00:00Z",
    // Half-hour changes.
    "Australia/Lord_Howe, 2024-04-05T00:00:00Z",
    "Australia/Lord_Howe, 2024-10-04T00:00:00Z",
  })
  void agreesWithABruteForceOracleAroundEveryKindOfChange(String zoneName, String from)
      throws Exception {
    ZoneId zone = ZoneId.of(zoneName);
    Timetable nights =
        Timetable.parse(
            zone,
            periods(
                "a", "Mon-Sun 00:00-00:30, Mon-Sun 01:15-01:45",
                "b", "Mon-Sun 00:30-01:15, Sat-Sun 23:00-23:40",
                "c", "Mon-Sun 01:45-02:10, Mon-Fri 08:45-12:00",
                "d", "Sat 23:40-24:00, Mon-Sun 02:10-03:00"));
    for (Timetable timetable : new Timetable[] {nights, TimetableTest.school(zone)}) {
      int minutes = 4 * 24 * 60;
      Instant start = utc(from);
      String[] expected = new String[minutes];
      for (int i = 0; i < minutes; i++) {
        expected[i] = oraclePeriod(timetable, start.plusSeconds(60L * i));
      }
      int changes = 0;
      int nextChange = -1;
      for (int i = minutes - 1; i >= 0; i--) {
        if (i + 1 < minutes && !expected[i + 1].equals(expected[i])) {
          nextChange = i + 1;
          changes++;
        }
        Instant at = start.plusSeconds(60L * i);
        assertEquals(expected[i], timetable.periodAt(at), at.toString());
        assertEquals(expected[i], timetable.periodAt(at.plusSeconds(59)), at.toString());
        if (nextChange >= 0) {
          Optional<Instant> change = Optional.of(start.plusSeconds(60L * nextChange));
          assertEquals(change, timetable.nextChangeAfter(at), at.toString());
          assertEquals(change, timetable.nextChangeAfter(at.plusSeconds(30)), at.toString());
        }
      }
      assertTrue(changes > 10, "the sweep should cross many boundaries, crossed " + changes);
    }
  }

  /** The period at {@code instant} by the definition: local time, then each range in turn. */
  private static String oraclePeriod(Timetable timetable, Instant instant) {
    LocalDateTime local = ZonedDateTime.ofInstant(instant, timetable.zone()).toLocalDateTime();
    int minute = local.getHour() * 60 + local.getMinute();
    for (String period : timetable.periods()) {
      for (WeeklyRange range : timetable.ranges(period)) {
        if (range.includes(local.getDayOfWeek())
            && range.startMinute() <= minute
            && minute < range.endMinute()) {
          return period;
        }
      }
    }
    return Timetable.OUTSIDE;
  }
}
