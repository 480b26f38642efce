package org.classgate.console;

import static org.classgate.console.auth.Role.GOVERNOR;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.classgate.activity.DailyCount;
import org.classgate.console.auth.Role;
import org.classgate.incidents.AlertStore;
import org.classgate.incidents.IncidentLog;
import org.classgate.incidents.SchoolTerm;
import org.classgate.incidents.TermlyReport;
import org.classgate.incidents.WeeklySummary;
import org.classgate.store.StoreException;

/**
 * The reports: the governors' termly report (anonymised counts of incidents and blocks by month, as
 * JSON for the page's charts and table, and as a CSV file), which governors and the safeguarding
 * roles may read; and the weekly monitoring report, for the safeguarding roles only. Thread-safe.
 */
public final class ReportRoutes implements ConsoleModule {
  /** Governors read the termly report and nothing else; the safeguarding roles read it too. */
  static final Set<Role> TERMLY_READERS =
      EnumSet.of(GOVERNOR, Role.ONLINE_SAFETY_OFFICER, Role.DSL, Role.HEADTEACHER);

  static final Route TERMLY = Route.forRoles("GET", "/api/reports/termly", TERMLY_READERS);
  static final Route TERMLY_CSV = Route.forRoles("GET", "/api/reports/termly.csv", TERMLY_READERS);
  static final Route WEEKLY = Route.forRoles("GET", "/api/reports/weekly", Route.SAFEGUARDING);

  /** The activity statistics (activity.store.SqliteActivityReader::daily). */
  @FunctionalInterface
  public interface DailyStatistics {
    /** The daily counts for the local days {@code from} to {@code to} inclusive. */
    List<DailyCount> daily(LocalDate from, LocalDate to) throws StoreException;
  }

  private final IncidentLog incidents;
  private final AlertStore alerts;
  private final DailyStatistics statistics;
  private final Clock clock;
  private final ZoneId zone;

  /**
   * @param zone the school's time zone: the activity statistics' days are in it, and so are months
   */
  public ReportRoutes(
      IncidentLog incidents,
      AlertStore alerts,
      DailyStatistics statistics,
      Clock clock,
      ZoneId zone) {
    this.incidents = incidents;
    this.alerts = alerts;
    this.statistics = statistics;
    this.clock = clock;
    this.zone = zone;
  }

  @Override
  public Map<Route, ApiHandler> handlers() {
    Map<Route, ApiHandler> h = new LinkedHashMap<>();
    h.put(TERMLY, call -> json(termly(call)));
    h.put(TERMLY_CSV, call -> csv(termly(call)));
    h.put(WEEKLY, this::weekly);
    return h;
  }

  /** The term asked for ({@code ?year=2024-25&term=autumn}), or the current one. */
  private TermlyReport termly(ApiCall call) throws Exception {
    String year = call.query("year");
    String term = call.query("term");
    SchoolTerm chosen;
    if (year == null && term == null) {
      chosen = SchoolTerm.containing(LocalDate.ofInstant(clock.instant(), zone));
    } else {
      try {
        chosen = SchoolTerm.parse(year, term);
      } catch (IllegalArgumentException e) {
        throw new ApiException(400, e.getMessage());
      }
    }
    Instant from = chosen.first().atStartOfDay(zone).toInstant();
    Instant to = chosen.last().plusDays(1).atStartOfDay(zone).toInstant();
    return TermlyReport.of(
        chosen, zone, incidents.between(from, to), statistics.daily(chosen.first(), chosen.last()));
  }

  private static Map<String, Object> json(TermlyReport report) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("title", report.term().title());
    json.put("schoolYear", report.term().schoolYear());
    json.put("term", report.term().season().label());
    json.put("from", report.term().first().toString());
    json.put("to", report.term().last().toString());
    List<String> months = new ArrayList<>();
    for (YearMonth month : report.months()) {
      months.add(month.toString());
    }
    json.put("months", months);
    json.put("incidents", rows(report.incidents()));
    json.put("blocks", rows(report.blocks()));
    return json;
  }

  private static List<Map<String, Object>> rows(List<TermlyReport.Row> rows) {
    List<Map<String, Object>> json = new ArrayList<>();
    for (TermlyReport.Row row : rows) {
      json.add(Map.of("name", row.name(), "counts", row.counts(), "total", row.total()));
    }
    return json;
  }

  /** One table: what, name, a column per month, total. */
  private static Download csv(TermlyReport report) {
    CsvText csv = new CsvText();
    List<String> head = new ArrayList<>(List.of("what", "name"));
    for (YearMonth month : report.months()) {
      head.add(month.toString());
    }
    head.add("total");
    csv.row(List.of(report.term().title() + " (anonymised counts)"));
    csv.row(head);
    rows(csv, "incidents", report.incidents());
    rows(csv, "blocked requests", report.blocks());
    return new Download(
        "termly-report-"
            + report.term().schoolYear()
            + "-"
            + report.term().season().label()
            + ".csv",
        "text/csv; charset=utf-8",
        csv.toString().getBytes(StandardCharsets.UTF_8));
  }

  private static void rows(CsvText csv, String what, List<TermlyReport.Row> rows) {
    for (TermlyReport.Row row : rows) {
      List<String> cells = new ArrayList<>(List.of(what, row.name()));
      for (long count : row.counts()) {
        cells.add(Long.toString(count));
      }
      cells.add(Long.toString(row.total()));
      csv.row(cells);
    }
  }

  /** The week (Monday to Sunday) holding {@code ?week=2025-03-05}, or this week. */
  private Object weekly(ApiCall call) throws Exception {
    String week = call.query("week");
    LocalDate day;
    try {
      day =
          week == null || week.isEmpty()
              ? LocalDate.ofInstant(clock.instant(), zone)
              : LocalDate.parse(week);
    } catch (DateTimeParseException e) {
      throw new ApiException(
          400, "the week is given by a date like 2025-03-03, not '" + week + "'");
    }
    LocalDate monday = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
    Instant from = monday.atStartOfDay(zone).toInstant();
    Instant to = monday.plusWeeks(1).atStartOfDay(zone).toInstant();
    String text =
        WeeklySummary.text(
            incidents.classroom(),
            from,
            to,
            zone,
            alerts.between(from, to),
            incidents.between(from, to));
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("from", monday.toString());
    json.put("to", monday.plusDays(6).toString());
    json.put("text", text);
    return json;
  }
}
