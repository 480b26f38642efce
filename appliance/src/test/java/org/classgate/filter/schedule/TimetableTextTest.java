package org.classgate.filter.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.DayOfWeek;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The period text grammar and its error messages, exactly as a person editing the file sees them.
 */
class TimetableTextTest {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");
  private static final String FORM =
      "write DAYS HH:MM-HH:MM, e.g. 'Mon-Fri 08:45-12:00' or 'Sat 09:00-12:00'";

  @Test
  void readsTheExampleFromTheIssue() throws Exception {
    Timetable timetable =
        Timetable.parse(
            LONDON,
            periods(
                "lessons", "Mon-Fri 08:45-12:00, Mon-Fri 13:00-15:15",
                "lunch", "Mon-Fri 12:00-13:00"));
    assertEquals(
        List.of(
            new WeeklyRange(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, 8 * 60 + 45, 12 * 60),
            new WeeklyRange(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, 13 * 60, 15 * 60 + 15)),
        timetable.ranges("lessons"));
    assertEquals(
        List.of(new WeeklyRange(DayOfWeek.MONDAY, DayOfWeek.FRIDAY, 12 * 60, 13 * 60)),
        timetable.ranges("lunch"));
    assertEquals(List.of("lessons", "lunch", "outside"), timetable.periods());
    assertEquals(
        "Timetable[Europe/London; lessons = Mon-Fri 08:45-12:00, Mon-Fri 13:00-15:15;"
            + " lunch = Mon-Fri 12:00-13:00]",
        timetable.toString());
  }

  @Test
  void acceptsAnyLetterCaseLooseSpacingOneDigitHoursAndMidnightAsAnEnd() throws Exception {
    assertEquals(
        "Mon-Fri 08:45-12:00, Sat 09:00-24:00, Sun 00:00-00:01",
        canonical("  mon - FRI 8:45 - 12:00 ,Sat\t09:00-24:00,sUn 0:00-00:01  "));
    assertEquals("Wed 23:59-24:00", canonical("Wed 23:59-24:00"));
  }

  @Test
  void rejectsEmptyTextAndEmptyItems() {
    assertEquals(
        "timetable period 'lessons': no time ranges given; " + FORM + ", several separated by ','",
        error("   "));
    assertEquals(
        "timetable period 'lessons': range 2 of 2 is empty; remove the extra ','",
        error("Mon-Fri 08:45-12:00,"));
    assertEquals(
        "timetable period 'lessons': range 1 of 2 is empty; remove the extra ','",
        error(", Mon 08:00-09:00"));
    assertEquals(
        "timetable period 'lessons': range 2 of 3 is empty; remove the extra ','",
        error("Mon 08:00-09:00, ,Tue 08:00-09:00"));
  }

  @Test
  void rejectsTextThatIsNotARangeQuotingItSafely() {
    assertEquals(
        "timetable period 'lessons': 'Mon-Fri 08:45 to 12:00' is not a time range; " + FORM,
        error("Mon-Fri 08:45 to 12:00"));
    assertEquals(
        "timetable period 'lessons': '08:45-12:00' is not a time range; " + FORM,
        error("08:45-12:00"));
    assertEquals(
        "timetable period 'lessons': 'Mon-Fri' is not a time range; " + FORM, error("Mon-Fri"));
    assertEquals(
        "timetable period 'lessons': 'Mon 8-9' is not a time range; " + FORM, error("Mon 8-9"));
    assertEquals(
        "timetable period 'lessons': 'Mon\\u0000 08:00-09:00\\u001b[31m' is not a time range; "
            + FORM,
        error("Mon\u0000 08:00-09:00\u001b[31m"));
    String longItem = "Mon 08:00-09:00 " + "x".repeat(200);
    assertEquals(
        "timetable period 'lessons': '"
            + longItem.substring(0, 80)
            + "…' is not a time range; "
            + FORM,
        error(longItem));
  }

  @Test
  void rejectsUnknownDaysAndBackwardRuns() {
    assertEquals(
        "timetable period 'lessons': 'Mon-Fir 08:45-12:00': 'Fir' is not a day;"
            + " use Mon, Tue, Wed, Thu, Fri, Sat or Sun",
        error("Mon-Fir 08:45-12:00"));
    assertEquals(
        "timetable period 'lessons': 'Monday 08:45-12:00': 'Monday' is not a day;"
            + " use Mon, Tue, Wed, Thu, Fri, Sat or Sun",
        error("Monday 08:45-12:00"));
    assertEquals(
        "timetable period 'lessons': 'Fri-Mon 18:00-20:00': the days run backwards; a day range"
            + " runs forwards within Mon-Sun, so write Fri-Sun and Mon as two ranges",
        error("Fri-Mon 18:00-20:00"));
    assertEquals(
        "timetable period 'lessons': 'Sun-Tue 18:00-20:00': the days run backwards; a day range"
            + " runs forwards within Mon-Sun, so write Sun and Mon-Tue as two ranges",
        error("Sun-Tue 18:00-20:00"));
  }

  @Test
  void rejectsImpossibleTimes() {
    for (String time : List.of("08:60", "25:00", "24:01", "99:99")) {
      assertEquals(
          "timetable period 'lessons': 'Mon "
              + time
              + "-24:00': '"
              + time
              + "' is not a time; use HH:MM from 00:00 to 24:00",
          error("Mon " + time + "-24:00"));
    }
    assertEquals(
        "timetable period 'lessons': 'Mon 24:00-24:00': a range cannot start at 24:00 (the end of"
            + " the day); start at 00:00 instead",
        error("Mon 24:00-24:00"));
  }

  @Test
  void rejectsEmptyRangesAndRangesAcrossMidnightSayingHowToSplitThem() {
    assertEquals(
        "timetable period 'lessons': 'Mon 09:00-09:00' is empty: the end must be after the start",
        error("Mon 09:00-09:00"));
    assertEquals(
        "timetable period 'lessons': 'Mon-Fri 22:00-06:00' crosses midnight; a range ends by"
            + " 24:00, so split it, e.g. 'Mon 22:00-24:00, Tue 00:00-06:00'",
        error("Mon-Fri 22:00-06:00"));
    assertEquals(
        "timetable period 'lessons': 'Mon-Fri 16:45-0:00' ends at 00:00, the start of the day;"
            + " for midnight at the end of the day write 24:00",
        error("Mon-Fri 16:45-0:00"));
    assertEquals(
        "timetable period 'lessons': 'Sun 12:00-11:59' crosses midnight; a range ends by"
            + " 24:00, so split it, e.g. 'Sun 12:00-24:00, Mon 00:00-11:59'",
        error("Sun 12:00-11:59"));
  }

  @Test
  void rejectsTextsLongerThanAnyRealTimetable() {
    String text = "Mon 08:00-09:00, ".repeat(300);
    assertEquals(
        "timetable period 'lessons': the text is 5100 characters long; at most 4000 are allowed",
        error(text));
  }

  @Test
  void rejectsBadPeriodNamesAndTheImplicitOne() {
    assertEquals(
        "timetable period 'Lessons': 'Lessons' is not a period name; use 1-32 of a-z, 0-9 and"
            + " '-', starting with a letter or digit",
        errorFor("Lessons", "Mon 08:00-09:00"));
    assertEquals(
        "timetable period '-x': '-x' is not a period name; use 1-32 of a-z, 0-9 and '-',"
            + " starting with a letter or digit",
        errorFor("-x", "Mon 08:00-09:00"));
    assertEquals(
        "timetable period 'outside': 'outside' is the implicit period of every time in no other"
            + " period; it cannot be given ranges",
        errorFor("outside", "Mon 08:00-09:00"));
    TimetableException e =
        assertThrows(
            TimetableException.class,
            () -> Timetable.parse(LONDON, Map.of("lunch", "Mon 12:00-12:00")));
    assertEquals("lunch", e.period());
    assertEquals("'Mon 12:00-12:00' is empty: the end must be after the start", e.problem());
  }

  private static String canonical(String text) throws TimetableException {
    List<WeeklyRange> ranges = Timetable.parse(LONDON, Map.of("p", text)).ranges("p");
    return String.join(", ", ranges.stream().map(WeeklyRange::toString).toList());
  }

  private static String error(String text) {
    return errorFor("lessons", text);
  }

  private static String errorFor(String period, String text) {
    Map<String, String> periods = new LinkedHashMap<>();
    periods.put(period, text);
    TimetableException e =
        assertThrows(TimetableException.class, () -> Timetable.parse(LONDON, periods));
    assertEquals(period, e.period());
    return e.getMessage();
  }

  /** Name, text, name, text … in order. */
  static Map<String, String> periods(String... nameThenText) {
    Map<String, String> periods = new LinkedHashMap<>();
    for (int i = 0; i < nameThenText.length; i += 2) {
      periods.put(nameThenText[i], nameThenText[i + 1]);
    }
    return periods;
  }
}
