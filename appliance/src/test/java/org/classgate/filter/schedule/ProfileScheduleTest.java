package org.classgate.filter.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.classgate.dns.Profile;
import org.classgate.filter.Categories;
import org.junit.jupiter.api.Test;

class ProfileScheduleTest {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  private final Categories categories =
      Categories.of(List.of("adult", "gambling", "games", "social"));
  private final int always = categories.bit("adult") | categories.bit("gambling");
  private final int inLessons = always | categories.bit("games") | categories.bit("social");
  private final Timetable school = TimetableTest.school(LONDON);
  private final ProfileSchedule pupil =
      new ProfileSchedule(
          "pupil",
          school,
          always,
          Map.of("lessons", inLessons, "after-school", always | categories.bit("social")));

  private static Instant london(String local) {
    return LocalDateTime.parse(local).atZone(LONDON).toInstant();
  }

  @Test
  void blocksThePeriodsMaskAndTheDefaultInPeriodsNotMentioned() {
    assertEquals(inLessons, pupil.blockedAt(london("2024-01-15T09:00")));
    assertEquals(always, pupil.blockedAt(london("2024-01-15T12:00")), "lunch: default");
    assertEquals(inLessons, pupil.blockedAt(london("2024-01-15T13:00")));
    assertEquals(
        List.of("adult", "gambling", "social"),
        categories.names(pupil.blockedAt(london("2024-01-15T16:00"))));
    assertEquals(always, pupil.blockedAt(london("2024-01-20T20:00")), "outside: default");
    assertEquals(inLessons, pupil.blockedIn("lessons"));
    assertEquals(always, pupil.blockedIn("outside"));
  }

  @Test
  void itsValueIsTheProfileMadeOnceForEachPeriod() {
    Profile first = pupil.valueAt(london("2024-01-15T09:00"));
    assertEquals(new Profile("pupil", inLessons), first);
    assertSame(first, pupil.valueAt(london("2024-01-16T14:00")), "no allocation per lookup");
    assertEquals("pupil", pupil.profile());
    assertSame(school, pupil.timetable());
  }

  @Test
  void outsideCanBeGivenItsOwnMask() {
    ProfileSchedule staff =
        new ProfileSchedule("staff", school, 0, Map.of("outside", categories.bit("gambling")));
    assertEquals(categories.bit("gambling"), staff.blockedAt(london("2024-01-20T20:00")));
    assertEquals(0, staff.blockedAt(london("2024-01-15T09:00")));
  }

  @Test
  void followsTheTimetablesChangesUnlessEveryPeriodBlocksTheSame() {
    assertEquals(
        Optional.of(london("2024-01-15T12:00")), pupil.nextChangeAfter(london("2024-01-15T09:00")));
    ProfileSchedule flat = new ProfileSchedule("visitor", school, always, Map.of("lunch", always));
    assertEquals(Optional.empty(), flat.nextChangeAfter(london("2024-01-15T09:00")));
    assertEquals(always, flat.blockedAt(london("2024-01-15T09:00")));
  }

  @Test
  void aPeriodTheTimetableDoesNotDefineIsRejectedWithThoseItDoes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new ProfileSchedule("pupil", school, always, Map.of("lnch", 0)));
    assertEquals(
        "profile 'pupil' blocks categories in period 'lnch', which the timetable does not define;"
            + " its periods are lessons, lunch, after-school, weekend-club, outside",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> pupil.blockedIn("lnch"));
    assertThrows(
        IllegalArgumentException.class, () -> new ProfileSchedule(" ", school, 0, Map.of()));
  }

  @Test
  void describesItself() {
    ProfileSchedule staff = new ProfileSchedule("staff", school, 1, Map.of("lunch", 0x10));
    assertEquals(
        "ProfileSchedule[staff: lessons=0x1, lunch=0x10, after-school=0x1, weekend-club=0x1,"
            + " outside=0x1]",
        staff.toString());
  }
}
