package org.classgate.console;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.classgate.console.auth.Role;
import org.classgate.filter.selftest.FilteringSelfTest;
import org.classgate.filter.selftest.SelfTestResult;
import org.classgate.filter.selftest.SelfTestRun;

/**
 * The filtering self-test's API: run it now (recorded with trusted time and who ran it) and read
 * the history, the evidence for the annual filtering review. Technicians, the online-safety officer
 * and the headteacher run it; the DSL can read the results too. Thread-safe.
 */
public final class SelfTestRoutes implements ConsoleModule {
  static final Route HISTORY =
      Route.forRoles(
          "GET",
          "/api/self-test",
          EnumSet.of(Role.TECHNICIAN, Role.ONLINE_SAFETY_OFFICER, Role.DSL, Role.HEADTEACHER));

  static final Route RUN =
      Route.forRoles(
          "POST",
          "/api/self-test",
          EnumSet.of(Role.TECHNICIAN, Role.ONLINE_SAFETY_OFFICER, Role.HEADTEACHER));

  /** Runs listed in the history. */
  static final int HISTORY_RUNS = 20;

  private final FilteringSelfTest selfTest;

  public SelfTestRoutes(FilteringSelfTest selfTest) {
    this.selfTest = Objects.requireNonNull(selfTest, "selfTest");
  }

  @Override
  public Map<Route, ApiHandler> handlers() {
    return Map.of(
        HISTORY,
        call -> history(),
        RUN,
        call -> {
          SelfTestRun run = selfTest.run(call.requireSession().user());
          call.status(201);
          return run(run, true);
        });
  }

  private Map<String, Object> history() throws Exception {
    List<SelfTestRun> runs = selfTest.history(HISTORY_RUNS);
    List<Map<String, Object>> history = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      // The newest run with its results; the older ones as a dated summary.
      history.add(run(runs.get(i), i == 0));
    }
    return Map.of("runs", history);
  }

  private static Map<String, Object> run(SelfTestRun run, boolean withResults) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("id", run.id());
    out.put("at", run.stamp().wallTime().toString());
    out.put("clockSynchronised", run.stamp().synchronised());
    out.put("by", run.by());
    out.put("passed", run.passed());
    out.put("failures", run.failures().size());
    out.put("checked", run.results().stream().filter(SelfTestRoutes::checked).count());
    if (withResults) {
      List<Map<String, Object>> results = new ArrayList<>();
      for (SelfTestResult result : run.results()) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("check", result.checkId());
        row.put("title", result.title());
        row.put("profile", result.profile());
        row.put("name", result.name());
        row.put("expected", result.expected() == null ? null : result.expected().words());
        row.put("verdict", result.verdict());
        row.put("outcome", result.outcome().label());
        row.put("detail", result.detail());
        results.add(row);
      }
      out.put("results", results);
    }
    return out;
  }

  private static boolean checked(SelfTestResult result) {
    return result.outcome() == SelfTestResult.Outcome.PASSED
        || result.outcome() == SelfTestResult.Outcome.FAILED;
  }
}
