package org.classgate.filter.schedule;

import static org.classgate.filter.schedule.WeeklyRange.MINUTES_PER_DAY;
import static org.classgate.filter.schedule.WeeklyRange.MINUTES_PER_WEEK;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The week (Monday 00:00 to Sunday 24:00, in minutes) cut into runs of one period each. Segment
 * {@code i} covers week minutes {@code [start[i], start[i + 1])}, the last one to the end of the
 * week. Neighbouring segments differ in period, except that the last and the first may be the same
 * period across Sunday midnight. Periods are numbered in the order given; the number after the last
 * is the implicit {@code outside}. Immutable.
 */
final class WeekSegments {
  private final int[] start;
  private final int[] period;

  private WeekSegments(int[] start, int[] period) {
    this.start = start;
    this.period = period;
  }

  /**
   * Cuts the week by {@code rangesByPeriod}.
   *
   * @throws TimetableException if ranges of two different periods share a minute
   */
  static WeekSegments of(Map<String, List<WeeklyRange>> rangesByPeriod) throws TimetableException {
    List<String> names = new ArrayList<>();
    List<Integer> itemPeriod = new ArrayList<>();
    List<WeeklyRange> items = new ArrayList<>();
    for (Map.Entry<String, List<WeeklyRange>> entry : rangesByPeriod.entrySet()) {
      for (WeeklyRange range : entry.getValue()) {
        itemPeriod.add(names.size());
        items.add(range);
      }
      names.add(entry.getKey());
    }
    int[] owner = ownerOfEveryMinute(names, itemPeriod, items);
    int outside = names.size();
    int[] starts = new int[MINUTES_PER_WEEK];
    int[] periods = new int[MINUTES_PER_WEEK];
    int count = 0;
    for (int minute = 0; minute < MINUTES_PER_WEEK; minute++) {
      int p = owner[minute] < 0 ? outside : itemPeriod.get(owner[minute]);
      if (count == 0 || periods[count - 1] != p) {
        starts[count] = minute;
        periods[count] = p;
        count++;
      }
    }
    return new WeekSegments(Arrays.copyOf(starts, count), Arrays.copyOf(periods, count));
  }

  /** For each minute of the week, the index of the item (range) that claims it, or -1. */
  private static int[] ownerOfEveryMinute(
      List<String> names, List<Integer> itemPeriod, List<WeeklyRange> items)
      throws TimetableException {
    int[] owner = new int[MINUTES_PER_WEEK];
    Arrays.fill(owner, -1);
    for (int item = 0; item < items.size(); item++) {
      WeeklyRange range = items.get(item);
      for (int day = range.firstDay().ordinal(); day <= range.lastDay().ordinal(); day++) {
        int base = day * MINUTES_PER_DAY;
        for (int minute = range.startMinute(); minute < range.endMinute(); minute++) {
          int other = owner[base + minute];
          if (other < 0) {
            owner[base + minute] = item;
          } else if (!itemPeriod.get(other).equals(itemPeriod.get(item))) {
            throw overlap(
                names.get(itemPeriod.get(other)),
                items.get(other),
                names.get(itemPeriod.get(item)),
                range);
          }
          // Two ranges of the same period may overlap: they simply join.
        }
      }
    }
    return owner;
  }

  private static TimetableException overlap(
      String earlier, WeeklyRange earlierRange, String later, WeeklyRange laterRange) {
    // Both are one time span on a run of days, so what they share is exactly that again.
    WeeklyRange common =
        new WeeklyRange(
            max(earlierRange.firstDay(), laterRange.firstDay()),
            min(earlierRange.lastDay(), laterRange.lastDay()),
            Math.max(earlierRange.startMinute(), laterRange.startMinute()),
            Math.min(earlierRange.endMinute(), laterRange.endMinute()));
    return new TimetableException(
        later,
        "periods '"
            + earlier
            + "' and '"
            + later
            + "' overlap on "
            + common
            + " ("
            + earlier
            + " has '"
            + earlierRange
            + "', "
            + later
            + " has '"
            + laterRange
            + "'); a time can be in one period only");
  }

  private static DayOfWeek max(DayOfWeek a, DayOfWeek b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  private static DayOfWeek min(DayOfWeek a, DayOfWeek b) {
    return a.compareTo(b) <= 0 ? a : b;
  }

  /** True if one period fills the whole week. */
  boolean uniform() {
    return start.length == 1;
  }

  /** The number of the period at {@code weekMinute} (0 to 10079). */
  int periodAt(int weekMinute) {
    return period[segmentAt(weekMinute)];
  }

  /**
   * Minutes from the start of {@code weekMinute} to the first later minute in a period other than
   * the one at {@code weekMinute}, looking past Sunday midnight into the next week if need be.
   *
   * @throws IllegalStateException if the week is {@linkplain #uniform() uniform}
   */
  int minutesUntilChange(int weekMinute) {
    int segment = segmentAt(weekMinute);
    int current = period[segment];
    int count = start.length;
    for (int step = 1; step <= count; step++) {
      int next = (segment + step) % count;
      if (period[next] != current) {
        int weeksAhead = (segment + step) / count;
        return start[next] + weeksAhead * MINUTES_PER_WEEK - weekMinute;
      }
    }
    throw new IllegalStateException("one period fills the week: it never changes");
  }

  private int segmentAt(int weekMinute) {
    int found = Arrays.binarySearch(start, weekMinute);
    return found >= 0 ? found : -found - 2;
  }
}
