package org.classgate.hub.views;

import java.time.Clock;
import java.time.LocalDate;
import java.time.Month;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Objects;
import org.classgate.console.ApiCall;
import org.classgate.console.ApiException;
import org.classgate.console.ApiHandler;
import org.classgate.console.ConsoleModule;
import org.classgate.console.Route;
import org.classgate.hub.HubStore;

/**
 * {@code GET /api/termly-report?from=YYYY-MM-DD&to=YYYY-MM-DD}: the school-wide {@link
 * TermlyReport}. Without dates, the current term: autumn September to December, spring January to
 * March, summer April to August (English school terms, rounded to whole months). Governors and the
 * safeguarding roles. Stateless; thread-safe.
 */
public final class TermlyReportRoutes implements ConsoleModule {
  static final Route TERMLY = Route.forRoles("GET", "/api/termly-report", ViewRoles.TERMLY);

  /** The longest report: a school year and a day. */
  static final long MAX_DAYS = 366;

  private final HubStore store;
  private final Clock clock;

  /**
   * @param clock gives "today" (the school's zone) for the default term
   */
  public TermlyReportRoutes(HubStore store, Clock clock) {
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Map<Route, ApiHandler> handlers() {
    return Map.of(TERMLY, this::report);
  }

  private Map<String, Object> report(ApiCall call) throws Exception {
    LocalDate today = LocalDate.now(clock);
    LocalDate[] term = term(today);
    LocalDate from = date(call.query("from"), term[0]);
    LocalDate to = date(call.query("to"), term[1]);
    if (to.isBefore(from) || ChronoUnit.DAYS.between(from, to) > MAX_DAYS) {
      throw new ApiException(400, "choose a 'to' date after 'from', at most a year later");
    }
    return new TermlyReport(from, to).build(store);
  }

  /** The first and last day of the term holding {@code day}. */
  static LocalDate[] term(LocalDate day) {
    int year = day.getYear();
    Month month = day.getMonth();
    if (month.getValue() >= Month.SEPTEMBER.getValue()) {
      return new LocalDate[] {LocalDate.of(year, 9, 1), LocalDate.of(year, 12, 31)};
    }
    if (month.getValue() <= Month.MARCH.getValue()) {
      return new LocalDate[] {LocalDate.of(year, 1, 1), LocalDate.of(year, 3, 31)};
    }
    return new LocalDate[] {LocalDate.of(year, 4, 1), LocalDate.of(year, 8, 31)};
  }

  private static LocalDate date(String text, LocalDate otherwise) throws ApiException {
    if (text == null || text.isEmpty()) {
      return otherwise;
    }
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new ApiException(400, "dates are written YYYY-MM-DD");
    }
  }
}
