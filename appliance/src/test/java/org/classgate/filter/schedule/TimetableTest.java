package org.classgate.filter.schedule;

import static org.classgate.filter.schedule.TimetableTextTest.periods;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TimetableTest {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final Duration NANO = Duration.ofNanos(1);

  private final Timetable school = school(LONDON);

  static Timetable school(ZoneId zone) {
    try {
      return Timetable.parse(
          zone,
          periods(
              "lessons", "Mon-Fri 08:45-12:00, Mon-Fri 13:00-15:15",
              "lunch", "Mon-Fri 12:00-13:00",
              "after-school", "Mon-Thu 15:15-17:30",
              "weekend-club", "Sat 10:00-12:00"));
    } catch (TimetableException e) {
      throw new AssertionError(e);
    }
  }

  /** The instant of a local time in London (never one in a gap or an overlap in these tests). */
  private static Instant london(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(LONDON).toInstant();
  }

  @Test
  void periodsStartInclusiveAndEndExclusiveToTheNanosecond() {
    // 2024-01-15 is a Monday in winter (GMT, so local time is UTC).
    Instant lunchStarts = london("2024-01-15T12:00");
    assertEquals("lessons", school.periodAt(lunchStarts.minus(NANO)));
    assertEquals("lunch", school.periodAt(lunchStarts));
    assertEquals("lunch", school.periodAt(london("2024-01-15T12:59:59.999999999")));
    assertEquals("lessons", school.periodAt(london("2024-01-15T13:00")));
    assertEquals("outside", school.periodAt(london("2024-01-15T08:44:59.999999999")));
    assertEquals("lessons", school.periodAt(london("2024-01-15T08:45")));
    assertEquals("after-school", school.periodAt(london("2024-01-15T15:15")));
    assertEquals("outside", school.periodAt(london("2024-01-15T17:30")));
  }

  @Test
  void localTimeFollowsSummerTime() {
    // 2024-07-15 is a Monday in British Summer Time: lessons start at 07:45 UTC.
    assertEquals("outside", school.periodAt(Instant.parse("2024-07-15T07:44:59Z")));
    assertEquals("lessons", school.periodAt(Instant.parse("2024-07-15T07:45:00Z")));
    assertEquals(
        Optional.of(Instant.parse("2024-07-15T11:00:00Z")),
        school.nextChangeAfter(Instant.parse("2024-07-15T07:45:00Z")));
  }

  @Test
  void nextChangeIsTheFirstInstantInAnotherPeriod() {
    assertEquals(
        Optional.of(london("2024-01-15T12:00")),
        school.nextChangeAfter(london("2024-01-15T08:45")));
    assertEquals(
        Optional.of(london("2024-01-15T12:00")),
        school.nextChangeAfter(london("2024-01-15T11:59:59.999999999")));
    assertEquals(
        Optional.of(london("2024-01-15T13:00")),
        school.nextChangeAfter(london("2024-01-15T12:00")));
    assertEquals(
        Optional.of(london("2024-01-15T08:45")),
        school.nextChangeAfter(london("2024-01-15T00:00")));
  }

  @Test
  void weekendsAreOutsideExceptForTheirOwnPeriods() {
    // Friday: no after-school club, so lessons end straight into the weekend.
    assertEquals("lessons", school.periodAt(london("2024-01-19T15:00")));
    assertEquals(
        Optional.of(london("2024-01-19T15:15")),
        school.nextChangeAfter(london("2024-01-19T15:00")));
    assertEquals("outside", school.periodAt(london("2024-01-19T15:15")));
    assertEquals(
        Optional.of(london("2024-01-20T10:00")),
        school.nextChangeAfter(london("2024-01-19T15:15")));
    assertEquals("weekend-club", school.periodAt(london("2024-01-20T11:00")));
    assertEquals("outside", school.periodAt(london("2024-01-21T10:30")), "no club on Sunday");
    // Saturday noon to Monday 08:45, across the end of the week.
    assertEquals(
        Optional.of(london("2024-01-22T08:45")),
        school.nextChangeAfter(london("2024-01-20T12:00")));
  }

  @Test
  void rangesOfOnePeriodJoinEvenAcrossTheEndOfTheWeek() throws Exception {
    Timetable night =
        Timetable.parse(
            ZoneOffset.UTC,
            periods(
                "night", "Sun 22:00-24:00, Mon 00:00-06:00",
                "morning", "Mon 06:00-09:00, Mon 09:00-10:00, Mon 09:30-11:00"));
    Instant sunday = Instant.parse("2024-01-21T23:00:00Z");
    assertEquals("night", night.periodAt(sunday));
    assertEquals(Optional.of(Instant.parse("2024-01-22T06:00:00Z")), night.nextChangeAfter(sunday));
    assertEquals(
        Optional.of(Instant.parse("2024-01-22T11:00:00Z")),
        night.nextChangeAfter(Instant.parse("2024-01-22T06:00:00Z")),
        "touching and overlapping ranges of one period are no change");
    assertEquals(
        Optional.of(Instant.parse("2024-01-28T22:00:00Z")),
        night.nextChangeAfter(Instant.parse("2024-01-22T11:00:00Z")));
  }

  @Test
  void weekdaysAreThoseOfTheTimetablesZone() {
    Timetable auckland = school(ZoneId.of("Pacific/Auckland"));
    // Monday 08:45 in Auckland (NZDT, +13) is still Sunday in UTC.
    Instant mondayMorning = Instant.parse("2024-01-14T19:45:00Z");
    assertEquals("lessons", auckland.periodAt(mondayMorning));
    assertEquals("outside", auckland.periodAt(mondayMorning.minus(NANO)));
    assertEquals("outside", school.periodAt(mondayMorning), "a Sunday evening in London");
  }

  @Test
  void anEmptyTimetableIsOutsideForeverAndOnePeriodAllWeekNeverChanges() throws Exception {
    Timetable none = Timetable.parse(LONDON, Map.of());
    assertEquals(List.of("outside"), none.periods());
    assertEquals("outside", none.periodAt(Instant.EPOCH));
    assertEquals(Optional.empty(), none.nextChangeAfter(Instant.EPOCH));

    Timetable always = Timetable.parse(LONDON, Map.of("always", "Mon-Sun 00:00-24:00"));
    assertEquals("always", always.periodAt(london("2024-03-31T01:30")));
    assertEquals(Optional.empty(), always.nextChangeAfter(Instant.EPOCH));
  }

  @Test
  void touchingPeriodsAreFineButOverlappingOnesAreNamedWithWhereAndBothRanges() {
    TimetableException e =
        assertThrows(
            TimetableException.class,
            () ->
                Timetable.parse(
                    LONDON,
                    periods(
                        "lessons", "Mon-Fri 08:45-12:30, Mon-Fri 13:00-15:15",
                        "lunch", "Mon-Fri 12:00-13:00")));
    assertEquals("lunch", e.period());
    assertEquals(
        "timetable period 'lunch': periods 'lessons' and 'lunch' overlap on Mon-Fri 12:00-12:30"
            + " (lessons has 'Mon-Fri 08:45-12:30', lunch has 'Mon-Fri 12:00-13:00'); a time can"
            + " be in one period only",
        e.getMessage());

    TimetableException partial =
        assertThrows(
            TimetableException.class,
            () ->
                Timetable.parse(
                    LONDON,
                    periods(
                        "club", "Wed 15:00-17:00",
                        "lessons", "Mon-Sun 09:00-10:00, Tue-Thu 14:00-15:30")));
    assertEquals(
        "timetable period 'lessons': periods 'club' and 'lessons' overlap on Wed 15:00-15:30"
            + " (club has 'Wed 15:00-17:00', lessons has 'Tue-Thu 14:00-15:30'); a time can be in"
            + " one period only",
        partial.getMessage());
  }

  @Test
  void describesItsPeriods() throws Exception {
    assertEquals(
        List.of("lessons", "lunch", "after-school", "weekend-club", "outside"), school.periods());
    assertTrue(school.defines("lunch"));
    assertTrue(school.defines("outside"));
    assertFalse(school.defines("lnch"));
    assertEquals(List.of(), school.ranges("outside"));
    assertEquals(
        List.of(WeeklyRange.on(DayOfWeek.SATURDAY, 600, 720)), school.ranges("weekend-club"));
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> school.ranges("lnch"));
    assertEquals(
        "the timetable has no period 'lnch'; its periods are"
            + " [lessons, lunch, after-school, weekend-club, outside]",
        unknown.getMessage());
    assertEquals(LONDON, school.zone());

    Map<String, List<WeeklyRange>> built = new LinkedHashMap<>();
    built.put("holiday", List.of());
    Timetable never = Timetable.of(LONDON, built);
    assertTrue(never.defines("holiday"), "a period with no ranges exists");
    assertEquals("outside", never.periodAt(Instant.EPOCH));
  }

  @Test
  void weeklyRangesCheckTheirOwnInvariants() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new WeeklyRange(DayOfWeek.FRIDAY, DayOfWeek.MONDAY, 0, 60));
    assertThrows(IllegalArgumentException.class, () -> WeeklyRange.on(DayOfWeek.MONDAY, 60, 60));
    assertThrows(IllegalArgumentException.class, () -> WeeklyRange.on(DayOfWeek.MONDAY, -1, 60));
    assertThrows(IllegalArgumentException.class, () -> WeeklyRange.on(DayOfWeek.MONDAY, 0, 1441));
    assertTrue(WeeklyRange.on(DayOfWeek.MONDAY, 0, 1440).includes(DayOfWeek.MONDAY));
    assertFalse(WeeklyRange.on(DayOfWeek.MONDAY, 0, 1440).includes(DayOfWeek.TUESDAY));
    assertEquals("Sun 00:00-24:00", WeeklyRange.on(DayOfWeek.SUNDAY, 0, 1440).toString());
  }
}
