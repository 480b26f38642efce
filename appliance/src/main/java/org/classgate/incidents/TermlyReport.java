package org.classgate.incidents;

import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.classgate.activity.DailyCount;
import org.classgate.dns.Outcome;

/**
 * The governors' termly report: anonymised counts only, by month, of incidents (by how they came
 * in) and of blocked requests (by category). No device, no name, no person: a governor sees how
 * much, not who. Pure: built from records already read. Immutable.
 *
 * @param term the term reported on
 * @param months the term's months, the columns of every row
 * @param incidents one row per way an incident came in (report button, logged by staff)
 * @param blocks one row per category with blocks in the term, by name
 */
public record TermlyReport(
    SchoolTerm term, List<YearMonth> months, List<Row> incidents, List<Row> blocks) {
  /** The row name for blocks no category explains (a school's own block entries). */
  public static final String OTHER_BLOCKS = "other blocks (school's own entries)";

  /** One line of counts: one per month, in {@link #months} order. */
  public record Row(String name, List<Long> counts) {
    public Row {
      counts = List.copyOf(counts);
    }

    public long total() {
      long total = 0;
      for (long count : counts) {
        total += count;
      }
      return total;
    }
  }

  public TermlyReport {
    months = List.copyOf(months);
    incidents = List.copyOf(incidents);
    blocks = List.copyOf(blocks);
  }

  /**
   * @param incidents incidents; only those whose local month (in {@code zone}) is in the term count
   * @param daily the activity statistics; only blocked and locked outcomes in the term count
   */
  public static TermlyReport of(
      SchoolTerm term, ZoneId zone, List<Incident> incidents, List<DailyCount> daily) {
    List<YearMonth> months = term.months();
    long[] button = new long[months.size()];
    long[] staff = new long[months.size()];
    for (Incident incident : incidents) {
      int column =
          months.indexOf(YearMonth.from(incident.stamp().wallTime().atZone(zone).toLocalDate()));
      if (column >= 0) {
        (incident.source() == Incident.Source.BUTTON ? button : staff)[column]++;
      }
    }
    Map<String, long[]> byCategory = new TreeMap<>();
    for (DailyCount count : daily) {
      if (count.outcome() != Outcome.BLOCKED && count.outcome() != Outcome.LOCKED) {
        continue;
      }
      int column = months.indexOf(YearMonth.from(count.day()));
      if (column >= 0) {
        String category = count.category().isEmpty() ? OTHER_BLOCKS : count.category();
        byCategory.computeIfAbsent(category, key -> new long[months.size()])[column] +=
            count.count();
      }
    }
    List<Row> blocks = new ArrayList<>();
    byCategory.forEach((category, counts) -> blocks.add(row(category, counts)));
    return new TermlyReport(
        term, months, List.of(row("report button", button), row("logged by staff", staff)), blocks);
  }

  private static Row row(String name, long[] counts) {
    List<Long> list = new ArrayList<>(counts.length);
    for (long count : counts) {
      list.add(count);
    }
    return new Row(name, list);
  }
}
