package org.classgate.filter.schedule;

import java.time.DayOfWeek;
import java.util.Locale;
import java.util.Objects;

/**
 * One item of a period's text: every day from {@code firstDay} to {@code lastDay} (inclusive, in
 * week order Monday to Sunday), from {@code startMinute} (inclusive) to {@code endMinute}
 * (exclusive), counted in minutes after local midnight. {@code endMinute} may be {@value
 * #MINUTES_PER_DAY} (written {@code 24:00}): the range then runs to the end of the day. A range
 * never crosses midnight. Immutable.
 *
 * @param firstDay the first day the range applies to; non-null
 * @param lastDay the last day, not before {@code firstDay} in Monday-to-Sunday order; non-null
 * @param startMinute 0 to 1439
 * @param endMinute {@code startMinute + 1} to 1440
 */
public record WeeklyRange(DayOfWeek firstDay, DayOfWeek lastDay, int startMinute, int endMinute) {
  /** Minutes in a day; also the {@code endMinute} meaning midnight at the end of the day. */
  public static final int MINUTES_PER_DAY = 24 * 60;

  /** Minutes in a week; minute 0 of the week is Monday 00:00 local time. */
  public static final int MINUTES_PER_WEEK = 7 * MINUTES_PER_DAY;

  /**
   * @throws IllegalArgumentException if a day is null, the days run backwards, or the minutes are
   *     not {@code 0 <= startMinute < endMinute <= 1440}
   */
  public WeeklyRange {
    Objects.requireNonNull(firstDay, "firstDay");
    Objects.requireNonNull(lastDay, "lastDay");
    if (lastDay.compareTo(firstDay) < 0) {
      throw new IllegalArgumentException("days run backwards: " + firstDay + " to " + lastDay);
    }
    if (startMinute < 0 || startMinute >= endMinute || endMinute > MINUTES_PER_DAY) {
      throw new IllegalArgumentException(
          "need 0 <= start < end <= 1440 minutes, got " + startMinute + " to " + endMinute);
    }
  }

  /** The range on one day. */
  public static WeeklyRange on(DayOfWeek day, int startMinute, int endMinute) {
    return new WeeklyRange(day, day, startMinute, endMinute);
  }

  /** True if the range applies on {@code day}. */
  public boolean includes(DayOfWeek day) {
    return day.compareTo(firstDay) >= 0 && day.compareTo(lastDay) <= 0;
  }

  /** The canonical text, e.g. {@code Mon-Fri 08:45-12:00} or {@code Sat 09:00-24:00}. */
  @Override
  public String toString() {
    String days =
        firstDay == lastDay ? dayName(firstDay) : dayName(firstDay) + "-" + dayName(lastDay);
    return days + " " + clock(startMinute) + "-" + clock(endMinute);
  }

  /** {@code Mon}, {@code Tue} … as written in period texts. */
  static String dayName(DayOfWeek day) {
    String name = day.name();
    return name.charAt(0) + name.substring(1, 3).toLowerCase(Locale.ROOT);
  }

  /** {@code HH:MM}, with 1440 written {@code 24:00}. */
  static String clock(int minuteOfDay) {
    return String.format(Locale.ROOT, "%02d:%02d", minuteOfDay / 60, minuteOfDay % 60);
  }
}
