package org.classgate.filter.schedule;

import static org.classgate.filter.schedule.WeeklyRange.MINUTES_PER_DAY;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The school's week as named periods ({@code lessons}, {@code lunch}, {@code after-school} …), each
 * a set of {@link WeeklyRange}s in the local time of one zone. A time in no period is in the
 * implicit period {@value #OUTSIDE}. Periods never overlap (that is a configuration error); ranges
 * of one period may touch or overlap and then simply join.
 *
 * <p>Local time is the zone's wall-clock time at the instant, so daylight-saving changes are
 * followed as people live them: when clocks go forward, the skipped local hour belongs to no
 * instant (a range inside it does not happen that day); when they go back, the repeated hour is
 * lived twice and so are its periods. A range starts at its first minute (inclusive) and ends at
 * its end minute (exclusive), exact to the nanosecond.
 *
 * <p>Immutable and thread-safe. {@link #periodAt} and {@link #nextChangeAfter} each cost a
 * zone-rules lookup and a binary search; cache with {@link ScheduledValue} on hot paths.
 */
public final class Timetable implements Schedule<String> {
  /** The implicit period of every time that is in no configured period. */
  public static final String OUTSIDE = "outside";

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

  /** Real zones change offset a few times a year at most; this only guards against a loop. */
  private static final int MAX_TRANSITIONS_PER_CHANGE = 64;

  private final ZoneId zone;
  private final ZoneRules rules;
  private final Map<String, List<WeeklyRange>> ranges;
  private final List<String> periods;
  private final Map<String, Integer> indexOfPeriod;
  private final WeekSegments week;

  private Timetable(ZoneId zone, Map<String, List<WeeklyRange>> ranges, WeekSegments week) {
    this.zone = zone;
    this.rules = zone.getRules();
    this.ranges = ranges;
    List<String> names = new ArrayList<>(ranges.keySet());
    names.add(OUTSIDE);
    this.periods = List.copyOf(names);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      index.put(names.get(i), i);
    }
    this.indexOfPeriod = Map.copyOf(index);
    this.week = week;
  }

  /**
   * Parses one text per period (the grammar is in the package documentation).
   *
   * @param zone the zone whose local time the ranges are in, e.g. {@code Europe/London}; non-null
   * @param textByPeriod period name → its text, both non-null; the iteration order is the order of
   *     {@link #periods()} and of overlap reports; may be empty (every time is then {@value
   *     #OUTSIDE})
   * @throws TimetableException on a bad period name or text, or overlapping periods; {@link
   *     TimetableException#period()} names the period to fix
   */
  public static Timetable parse(ZoneId zone, Map<String, String> textByPeriod)
      throws TimetableException {
    Objects.requireNonNull(textByPeriod, "textByPeriod");
    Map<String, List<WeeklyRange>> ranges = new LinkedHashMap<>();
    for (Map.Entry<String, String> entry : textByPeriod.entrySet()) {
      checkName(entry.getKey());
      ranges.put(entry.getKey(), TimetableText.parse(entry.getKey(), entry.getValue()));
    }
    return of(zone, ranges);
  }

  /**
   * A timetable of ranges already built. A period with no ranges is allowed: it exists (a profile
   * may name it) but no time is in it.
   *
   * @param zone non-null
   * @param rangesByPeriod period name → ranges, both non-null; iteration order as for {@link
   *     #parse}
   * @throws TimetableException on a bad period name or overlapping periods
   */
  public static Timetable of(ZoneId zone, Map<String, List<WeeklyRange>> rangesByPeriod)
      throws TimetableException {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(rangesByPeriod, "rangesByPeriod");
    Map<String, List<WeeklyRange>> ranges = new LinkedHashMap<>();
    for (Map.Entry<String, List<WeeklyRange>> entry : rangesByPeriod.entrySet()) {
      checkName(entry.getKey());
      ranges.put(entry.getKey(), List.copyOf(entry.getValue()));
    }
    return new Timetable(zone, Collections.unmodifiableMap(ranges), WeekSegments.of(ranges));
  }

  private static void checkName(String name) throws TimetableException {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new TimetableException(
          name,
          TimetableException.quote(name)
              + " is not a period name; use 1-32 of a-z, 0-9 and '-', starting with a letter or"
              + " digit");
    }
    if (name.equals(OUTSIDE)) {
      throw new TimetableException(
          name,
          "'outside' is the implicit period of every time in no other period; it cannot be given"
              + " ranges");
    }
  }

  /** The zone whose local time the ranges are in. */
  public ZoneId zone() {
    return zone;
  }

  /** Every period: the configured ones in the order given, then {@value #OUTSIDE}. */
  public List<String> periods() {
    return periods;
  }

  /** True if {@code period} is configured or is {@value #OUTSIDE}. */
  public boolean defines(String period) {
    return indexOfPeriod.containsKey(period);
  }

  /**
   * The ranges of a period as given; empty for {@value #OUTSIDE}.
   *
   * @throws IllegalArgumentException if {@code period} is not {@linkplain #defines defined}
   */
  public List<WeeklyRange> ranges(String period) {
    indexOf(period);
    return OUTSIDE.equals(period) ? List.of() : ranges.get(period);
  }

  /** The name of the period {@code instant} is in, by local time in {@link #zone()}. */
  public String periodAt(Instant instant) {
    return periods.get(periodIndexAt(instant));
  }

  /** Same as {@link #periodAt}. */
  @Override
  public String valueAt(Instant instant) {
    return periodAt(instant);
  }

  /**
   * The first instant after {@code instant} at which the period differs from {@code
   * periodAt(instant)}: the period is the same throughout {@code [instant, result)} and different
   * at the result. Touching ranges of one period are not a change.
   *
   * @return empty if one period fills the whole week (e.g. when none is configured)
   */
  @Override
  public Optional<Instant> nextChangeAfter(Instant instant) {
    if (week.uniform()) {
      return Optional.empty();
    }
    int current = periodIndexAt(instant);
    Instant cursor = instant;
    for (int i = 0; i < MAX_TRANSITIONS_PER_CHANGE; i++) {
      // Between offset transitions local time runs in step with the instant, so the next local
      // boundary comes after exactly the minutes up to it. If the offset changes first, local time
      // jumps (forward over a boundary, or back before one) and the period after the jump decides.
      ZoneOffset offset = rules.getOffset(cursor);
      LocalDateTime local =
          LocalDateTime.ofEpochSecond(cursor.getEpochSecond(), cursor.getNano(), offset);
      Instant boundary =
          local
              .truncatedTo(ChronoUnit.MINUTES)
              .plusMinutes(week.minutesUntilChange(weekMinute(local)))
              .toInstant(offset);
      ZoneOffsetTransition transition = rules.nextTransition(cursor);
      if (transition == null || transition.getInstant().isAfter(boundary)) {
        return Optional.of(boundary);
      }
      cursor = transition.getInstant();
      if (periodIndexAt(cursor) != current) {
        return Optional.of(cursor);
      }
    }
    throw new IllegalStateException(
        "more than "
            + MAX_TRANSITIONS_PER_CHANGE
            + " offset changes in "
            + zone
            + " before the period changes after "
            + instant);
  }

  /**
   * The number of {@code period} in {@link #periods()}.
   *
   * @throws IllegalArgumentException if it is not defined (the message lists those that are)
   */
  int indexOf(String period) {
    Integer index = indexOfPeriod.get(period);
    if (index == null) {
      throw new IllegalArgumentException(
          "the timetable has no period '" + period + "'; its periods are " + periods);
    }
    return index;
  }

  /** The number in {@link #periods()} of the period {@code instant} is in. */
  int periodIndexAt(Instant instant) {
    return week.periodAt(weekMinute(LocalDateTime.ofInstant(instant, zone)));
  }

  private static int weekMinute(LocalDateTime local) {
    return local.getDayOfWeek().ordinal() * MINUTES_PER_DAY
        + local.getHour() * 60
        + local.getMinute();
  }

  /** E.g. {@code Timetable[Europe/London; lessons = Mon-Fri 08:45-12:00; lunch = …]}. */
  @Override
  public String toString() {
    StringBuilder out = new StringBuilder("Timetable[").append(zone);
    for (Map.Entry<String, List<WeeklyRange>> entry : ranges.entrySet()) {
      out.append("; ").append(entry.getKey()).append(" = ");
      List<WeeklyRange> list = entry.getValue();
      for (int i = 0; i < list.size(); i++) {
        out.append(i == 0 ? "" : ", ").append(list.get(i));
      }
    }
    return out.append(']').toString();
  }
}
