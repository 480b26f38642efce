package org.classgate.filter.schedule;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Parses the text of one timetable period, e.g. {@code Mon-Fri 08:45-12:00, Mon-Fri 13:00-15:15}.
 * The grammar is in the {@linkplain org.classgate.filter.schedule package documentation}. Every
 * rejection names the offending range as written and what is allowed. Stateless and thread-safe.
 */
final class TimetableText {
  /** Longer than any real timetable (a different time for each of 8 lessons a day is ~700). */
  static final int MAX_TEXT_CHARS = 4000;

  static final String FORM =
      "write DAYS HH:MM-HH:MM, e.g. 'Mon-Fri 08:45-12:00' or 'Sat 09:00-12:00'";

  // Only simple, non-nested quantifiers: matching is linear in the (bounded) length of a range.
  private static final Pattern RANGE =
      Pattern.compile(
          "([A-Za-z]+)(?:\\s*-\\s*([A-Za-z]+))?\\s+(\\d{1,2}):(\\d{2})\\s*-\\s*(\\d{1,2}):(\\d{2})");

  private TimetableText() {}

  /**
   * The ranges of {@code text}, in the order written.
   *
   * @param period the period's name, for error messages
   * @throws TimetableException if the text is blank, too long, or a range is not valid
   */
  static List<WeeklyRange> parse(String period, String text) throws TimetableException {
    if (text == null || text.isBlank()) {
      throw new TimetableException(
          period, "no time ranges given; " + FORM + ", several separated by ','");
    }
    if (text.length() > MAX_TEXT_CHARS) {
      throw new TimetableException(
          period,
          "the text is "
              + text.length()
              + " characters long; at most "
              + MAX_TEXT_CHARS
              + " are allowed");
    }
    List<WeeklyRange> ranges = new ArrayList<>();
    // split with limit -1 keeps trailing empty items, so "Mon 09:00-10:00," is reported.
    String[] items = text.split(",", -1);
    for (int i = 0; i < items.length; i++) {
      String item = items[i].strip();
      if (item.isEmpty()) {
        throw new TimetableException(
            period, "range " + (i + 1) + " of " + items.length + " is empty; remove the extra ','");
      }
      ranges.add(range(period, item));
    }
    return List.copyOf(ranges);
  }

  private static WeeklyRange range(String period, String item) throws TimetableException {
    Matcher m = RANGE.matcher(item);
    if (!m.matches()) {
      throw new TimetableException(
          period, TimetableException.quote(item) + " is not a time range; " + FORM);
    }
    String quoted = TimetableException.quote(item);
    DayOfWeek first = day(period, quoted, m.group(1));
    DayOfWeek last = m.group(2) == null ? first : day(period, quoted, m.group(2));
    if (last.compareTo(first) < 0) {
      String tail = last == DayOfWeek.MONDAY ? "Mon" : "Mon-" + WeeklyRange.dayName(last);
      throw new TimetableException(
          period,
          quoted
              + ": the days run backwards; a day range runs forwards within Mon-Sun, so write "
              + WeeklyRange.dayName(first)
              + (first == DayOfWeek.SUNDAY ? "" : "-Sun")
              + " and "
              + tail
              + " as two ranges");
    }
    int start = minuteOfDay(period, quoted, m.group(3), m.group(4));
    int end = minuteOfDay(period, quoted, m.group(5), m.group(6));
    if (start == WeeklyRange.MINUTES_PER_DAY) {
      throw new TimetableException(
          period,
          quoted + ": a range cannot start at 24:00 (the end of the day); start at 00:00 instead");
    }
    if (end == start) {
      throw new TimetableException(period, quoted + " is empty: the end must be after the start");
    }
    if (end == 0) {
      throw new TimetableException(
          period,
          quoted
              + " ends at 00:00, the start of the day; for midnight at the end of the day write"
              + " 24:00");
    }
    if (end < start) {
      // Rejected rather than read as "runs into the next day": a swapped start and end is a far
      // likelier typo than an overnight period, and would silently create a 23-hour period.
      throw new TimetableException(
          period,
          quoted
              + " crosses midnight; a range ends by 24:00, so split it, e.g. '"
              + WeeklyRange.on(first, start, WeeklyRange.MINUTES_PER_DAY)
              + ", "
              + WeeklyRange.on(first.plus(1), 0, end)
              + "'");
    }
    return new WeeklyRange(first, last, start, end);
  }

  private static DayOfWeek day(String period, String quoted, String word)
      throws TimetableException {
    for (DayOfWeek day : DayOfWeek.values()) {
      if (WeeklyRange.dayName(day).equalsIgnoreCase(word)) {
        return day;
      }
    }
    throw new TimetableException(
        period,
        quoted
            + ": "
            + TimetableException.quote(word)
            + " is not a day; use Mon, Tue, Wed, Thu, Fri, Sat or Sun");
  }

  private static int minuteOfDay(String period, String quoted, String hours, String minutes)
      throws TimetableException {
    int h = Integer.parseInt(hours);
    int m = Integer.parseInt(minutes);
    if (h > 24 || m > 59 || (h == 24 && m != 0)) {
      throw new TimetableException(
          period,
          quoted
              + ": '"
              + hours
              + ":"
              + minutes
              + "' is not a time; use HH:MM from 00:00 to 24:00");
    }
    return h * 60 + m;
  }
}
