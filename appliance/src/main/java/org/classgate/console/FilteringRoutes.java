package org.classgate.console;

import static org.classgate.console.auth.Role.TECHNICIAN;

import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.classgate.console.auth.Role;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.WireFormatException;
import org.classgate.filter.Decision;
import org.classgate.filter.allowance.AllowanceStore;
import org.classgate.filter.changelog.ChainVerification;
import org.classgate.filter.changelog.ChangeEntry;
import org.classgate.filter.changelog.ChangeLog;
import org.classgate.filter.changelog.LoggedChange;

/**
 * The filtering page's API: the policy in force (profiles, categories, timetable, allow and deny
 * entries; read-only), "why is this blocked?" (the explain function), the change-control log with
 * its chain verification, and, through {@link UnblockRoutes}, temporary unblocks and the pupils'
 * unblock requests. Thread-safe: every service it holds is.
 */
public final class FilteringRoutes implements ConsoleModule {
  static final Route POLICY = Route.forRoles("GET", "/api/filtering/policy", Route.STAFF);

  /** A question, not a change; POST because it carries a name and a profile in its body. */
  static final Route EXPLAIN = Route.forRoles("POST", "/api/filtering/explain", Route.STAFF);

  /** The seeds: the logs are reviewed by the Online Safety Group; the technician keeps the box. */
  static final Route CHANGE_LOG = Route.forRoles("GET", "/api/change-log", reviewers());

  /** Rows of the change-control log shown at once, newest first. */
  static final int LOG_ROWS = 100;

  private final FilteringPolicy policy;
  private final ChangeLog log;
  private final UnblockRoutes unblocks;

  /**
   * All non-null.
   *
   * @param policy the filtering policy in force
   * @param allowances where temporary unblocks are made, revoked and listed (with their change-log
   *     rows)
   * @param log the change-control log
   * @param requests the pupils' unblock requests
   * @param allowancesChanged puts a new or revoked unblock in force at once (the box's allowance
   *     refresh); must not throw
   * @param clock the wall clock unblocks are timed by
   */
  public FilteringRoutes(
      FilteringPolicy policy,
      AllowanceStore allowances,
      ChangeLog log,
      UnblockRequests requests,
      Runnable allowancesChanged,
      Clock clock) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.log = Objects.requireNonNull(log, "log");
    this.unblocks = new UnblockRoutes(policy, allowances, requests, allowancesChanged, clock);
  }

  @Override
  public Map<Route, ApiHandler> handlers() {
    Map<Route, ApiHandler> h = new LinkedHashMap<>();
    h.put(POLICY, call -> policy());
    h.put(EXPLAIN, this::explain);
    h.put(CHANGE_LOG, call -> changeLog());
    h.putAll(unblocks.handlers());
    return h;
  }

  private Object policy() {
    FilteringPolicy.Overview overview = policy.overview();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("lockedLists", overview.lockedLists());
    result.put("zone", overview.zone());
    List<Map<String, Object>> periods = new ArrayList<>();
    for (FilteringPolicy.Period period : overview.periods()) {
      periods.add(Map.of("name", period.name(), "ranges", period.ranges()));
    }
    result.put("periods", periods);
    List<Map<String, Object>> profiles = new ArrayList<>();
    for (FilteringPolicy.ProfileView profile : overview.profiles()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", profile.name());
      List<Map<String, Object>> blocked = new ArrayList<>();
      profile
          .blockedByPeriod()
          .forEach(
              (period, categories) ->
                  blocked.add(Map.of("period", period, "categories", categories)));
      row.put("blocked", blocked);
      row.put("safeSearch", profile.safeSearch());
      row.put("allow", profile.allow());
      row.put("deny", profile.deny());
      row.put("refusedAllow", profile.refusedAllow());
      profiles.add(row);
    }
    result.put("profiles", profiles);
    result.put("defaultProfile", overview.defaultProfile());
    result.put("problems", overview.problems());
    return result;
  }

  private Object explain(ApiCall call) throws Exception {
    Name name = name(call.text("name"));
    String profile = call.optionalText("profile");
    if (profile == null || profile.isBlank()) {
      profile = policy.overview().defaultProfile();
    }
    if (!policy.profiles().contains(profile)) {
      throw new ApiException(
          400, "unknown profile; one of " + String.join(", ", policy.profiles()));
    }
    Decision decision = policy.explain(name, profile);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("name", text(decision.name()));
    result.put("profile", decision.profile());
    result.put("at", decision.at().toString());
    result.put("period", decision.period());
    result.put("verdict", decision.verdict().name().toLowerCase(java.util.Locale.ROOT));
    result.put("locked", decision.verdict() == Decision.Verdict.LOCKED);
    result.put(
        "blocked",
        !decision.blockReasons().isEmpty() || decision.verdict() == Decision.Verdict.SPECIAL);
    List<Map<String, Object>> categories = new ArrayList<>();
    for (Decision.CategoryMatch match : decision.categories()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("category", match.category());
      row.put("locked", match.locked());
      row.put("blocks", match.blocks());
      row.put("listedAs", text(match.listedAs()));
      categories.add(row);
    }
    result.put("categories", categories);
    result.put("explanation", decision.explanation());
    return result;
  }

  private Object changeLog() throws Exception {
    ChainVerification verification = log.verify();
    // Read only the tail when the chain says how long it is; otherwise page through all of it.
    long after =
        verification instanceof ChainVerification.Intact intact
            ? Math.max(0, intact.rows() - LOG_ROWS)
            : 0;
    List<LoggedChange> rows = new ArrayList<>();
    List<LoggedChange> page;
    do {
      page = log.read(after, 1000);
      rows.addAll(page);
      after = page.isEmpty() ? after : page.get(page.size() - 1).id();
    } while (page.size() == 1000);
    List<Map<String, Object>> entries = new ArrayList<>();
    for (int i = rows.size() - 1; i >= 0 && entries.size() < LOG_ROWS; i--) {
      LoggedChange change = rows.get(i);
      ChangeEntry entry = change.entry();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", change.id());
      row.put("at", entry.at().toString());
      row.put("actor", entry.actor());
      row.put("action", entry.action());
      row.put("before", entry.before());
      row.put("after", entry.after());
      row.put("reason", entry.reason());
      row.put("approvedBy", entry.approvedBy());
      entries.add(row);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("intact", verification.intact());
    result.put("verification", verification.toString());
    result.put("entries", entries);
    return result;
  }

  /** A domain name typed or sent by someone: refused with a 400 when it is not one. */
  static Name name(String text) throws ApiException {
    String trimmed = text.strip();
    if (trimmed.endsWith(".")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    if (trimmed.isEmpty() || trimmed.length() > 253 || trimmed.contains("..")) {
      throw new ApiException(400, "not a site name (such as example.org)");
    }
    try {
      return Name.of(trimmed).toLowerCase();
    } catch (WireFormatException | RuntimeException e) {
      throw new ApiException(400, "not a site name (such as example.org)");
    }
  }

  /** A name without its root dot, as people write it. */
  static String text(Name name) {
    String text = name.toString();
    return text.endsWith(".") && text.length() > 1 ? text.substring(0, text.length() - 1) : text;
  }

  private static Set<Role> reviewers() {
    Set<Role> roles = EnumSet.copyOf(Route.SAFEGUARDING);
    roles.add(TECHNICIAN);
    return roles;
  }
}
