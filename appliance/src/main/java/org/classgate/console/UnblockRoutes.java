package org.classgate.console;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import org.classgate.console.auth.Session;
import org.classgate.dns.wire.Name;
import org.classgate.filter.allowance.Allowance;
import org.classgate.filter.allowance.AllowanceRefused;
import org.classgate.filter.allowance.AllowanceRequest;
import org.classgate.filter.allowance.AllowanceScope;
import org.classgate.filter.allowance.AllowanceStore;
import org.classgate.filter.allowance.Person;
import org.classgate.filter.allowance.Role;

/**
 * Temporary unblocks on the console, fast enough for a lesson: grant (domain, scope, a preset
 * duration, a short reason), list the ones in force, revoke; and the pupils' unblock-request queue,
 * where granting opens the unblock form prefilled and refusing needs a reason. Every grant and
 * revocation goes through the {@link AllowanceStore}, which applies the approval rules (a teacher's
 * own low-risk unblock of up to an hour goes through at once; longer or high-risk ones need the
 * Online Safety Officer or the Headteacher) and writes the change-control log in the same
 * transaction. Locked (illegal-content) names are refused before anything else. Part of {@link
 * FilteringRoutes}; thread-safe.
 */
final class UnblockRoutes implements ConsoleModule {
  static final Route ALLOWANCES = Route.forRoles("GET", "/api/allowances", Route.STAFF);
  static final Route GRANT = Route.forRoles("POST", "/api/allowances", Route.STAFF);
  static final Route REVOKE = Route.forRoles("POST", "/api/allowances/{name}/revoke", Route.STAFF);
  static final Route REQUESTS = Route.forRoles("GET", "/api/unblock-requests", Route.STAFF);
  static final Route REFUSE =
      Route.forRoles("POST", "/api/unblock-requests/{name}/refuse", Route.STAFF);

  /** Open requests shown at once. */
  static final int REQUEST_ROWS = 200;

  /** A reason typed in a lesson: short, but enough to say why (the policy: "clear reasons"). */
  static final int MAX_REASON = 200;

  private final FilteringPolicy policy;
  private final AllowanceStore allowances;
  private final UnblockRequests requests;
  private final Runnable allowancesChanged;
  private final Clock clock;

  UnblockRoutes(
      FilteringPolicy policy,
      AllowanceStore allowances,
      UnblockRequests requests,
      Runnable allowancesChanged,
      Clock clock) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.allowances = Objects.requireNonNull(allowances, "allowances");
    this.requests = Objects.requireNonNull(requests, "requests");
    this.allowancesChanged = Objects.requireNonNull(allowancesChanged, "allowancesChanged");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public Map<Route, ApiHandler> handlers() {
    Map<Route, ApiHandler> h = new LinkedHashMap<>();
    h.put(ALLOWANCES, call -> active());
    h.put(GRANT, this::grant);
    h.put(REVOKE, this::revoke);
    h.put(REQUESTS, call -> openRequests());
    h.put(REFUSE, this::refuse);
    return h;
  }

  private Object active() throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Allowance allowance : allowances.active()) {
      rows.add(view(allowance));
    }
    return rows;
  }

  /**
   * Body: {@code domain}, {@code scope} ({@code classroom} or {@code profile:NAME}), {@code
   * duration} ({@code lesson}, {@code hour} or {@code today}), {@code reason}, and optionally
   * {@code request} (the id of the pupil's request this answers, closed as granted).
   */
  private Object grant(ApiCall call) throws Exception {
    Name domain = FilteringRoutes.name(call.text("domain"));
    // Refused first and in words: nobody may unblock illegal content, whatever else is asked.
    if (policy.isLocked(domain)) {
      throw lockedRefusal(domain);
    }
    AllowanceScope scope = scope(call.text("scope"));
    UnblockDuration duration =
        UnblockDuration.fromId(call.text("duration"))
            .orElseThrow(() -> new ApiException(400, "the duration is lesson, hour or today"));
    String reason = reason(call.text("reason"));
    Long requestId = requestId(call.optionalText("request"));
    if (requestId != null) {
      UnblockRequest request =
          requests
              .find(requestId)
              .orElseThrow(() -> new ApiException(404, "no unblock request " + requestId));
      if (!request.status().equals("open")) {
        throw new ApiException(409, "request " + requestId + " is already " + request.status());
      }
    }
    Person person = person(call.requireSession());
    Instant now = clock.instant();
    AllowanceRequest request;
    try {
      request =
          new AllowanceRequest(
              domain,
              scope,
              now,
              duration.expiry(now, policy.timetable()),
              reason,
              person,
              new TreeSet<>(policy.categoriesOf(domain)));
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, e.getMessage());
    }
    Allowance allowance;
    try {
      allowance = allowances.create(request, person, policy::isLocked);
    } catch (AllowanceRefused e) {
      throw refusal(e);
    }
    allowancesChanged.run();
    if (requestId != null) {
      requests.close(requestId, true, DeviceRoutes.actor(call), reason, now, allowance.id());
    }
    call.status(201);
    return view(allowance);
  }

  private Object revoke(ApiCall call) throws Exception {
    long id = id(call.parameter(), "unblock");
    String given = call.optionalText("reason");
    String reason =
        given == null || given.isBlank() ? "ended early from the console" : reason(given);
    Optional<Allowance> revoked = allowances.revoke(id, person(call.requireSession()), reason);
    if (revoked.isEmpty()) {
      throw new ApiException(404, "no unblock " + id + " in force");
    }
    allowancesChanged.run();
    return view(revoked.get());
  }

  private Object openRequests() throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (UnblockRequest request : requests.open(REQUEST_ROWS)) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", request.id());
      row.put("at", request.at().toString());
      row.put("host", request.host());
      row.put("category", request.category());
      row.put("client", request.client());
      // The scope the grant form suggests: the requesting device's profile, when known.
      row.put(
          "profile",
          request.client() == null ? null : policy.profileOf(request.client()).orElse(null));
      rows.add(row);
    }
    return rows;
  }

  private Object refuse(ApiCall call) throws Exception {
    long id = id(call.parameter(), "request");
    String reason = reason(call.text("reason"));
    if (!requests.close(id, false, DeviceRoutes.actor(call), reason, clock.instant(), null)) {
      throw new ApiException(404, "no open unblock request " + id);
    }
    return Map.of("id", id, "status", "refused");
  }

  private Map<String, Object> view(Allowance allowance) {
    AllowanceRequest request = allowance.approval().request();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", allowance.id());
    row.put("domain", FilteringRoutes.text(allowance.domain()));
    row.put("scope", allowance.scope().kind());
    row.put("scopeValue", allowance.scope().value());
    row.put("start", allowance.start().toString());
    row.put("expiry", allowance.expiry().toString());
    row.put("reason", request.reason());
    row.put("requestedBy", request.requestedBy().id());
    row.put("approvedBy", allowance.approval().approvedBy().id());
    row.put("risk", allowance.approval().risk().name().toLowerCase(java.util.Locale.ROOT));
    row.put("categories", List.copyOf(request.categories()));
    return row;
  }

  private AllowanceScope scope(String text) throws ApiException {
    if (text.equals("classroom")) {
      return AllowanceScope.CLASSROOM;
    }
    if (text.startsWith("profile:")) {
      String profile = text.substring("profile:".length());
      if (policy.profiles().contains(profile)) {
        return new AllowanceScope.ProfileScope(profile);
      }
    }
    throw new ApiException(
        400,
        "the scope is classroom or profile:NAME with one of "
            + String.join(", ", policy.profiles()));
  }

  private static String reason(String text) throws ApiException {
    String reason = text.strip();
    if (reason.isEmpty()) {
      throw new ApiException(400, "say why in a few words (the reason is required)");
    }
    if (reason.length() > MAX_REASON || reason.chars().anyMatch(Character::isISOControl)) {
      throw new ApiException(
          400, "the reason is one line of at most " + MAX_REASON + " characters");
    }
    return reason;
  }

  private static Long requestId(String text) throws ApiException {
    return text == null || text.isBlank() ? null : id(text, "request");
  }

  private static long id(String text, String what) throws ApiException {
    try {
      long id = Long.parseLong(text);
      if (id > 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // Refused below.
    }
    throw new ApiException(404, "no " + what + " " + text);
  }

  /** The member of staff as the approval rules know them. */
  static Person person(Session session) {
    Role role =
        switch (session.role()) {
          case TEACHER -> Role.TEACHER;
          case ONLINE_SAFETY_OFFICER -> Role.ONLINE_SAFETY_OFFICER;
          case HEADTEACHER -> Role.HEADTEACHER;
          case DSL -> Role.DSL;
          case TECHNICIAN -> Role.TECHNICIAN;
            // Governors have no route here (the permission matrix), so this is never reached.
          case GOVERNOR -> throw new IllegalStateException("a governor cannot unblock");
        };
    return new Person(session.user(), role);
  }

  private static ApiException lockedRefusal(Name domain) {
    return new ApiException(
        403,
        FilteringRoutes.text(domain)
            + " is on a locked list (illegal content): it can never be unblocked, by anyone");
  }

  private static ApiException refusal(AllowanceRefused e) {
    int status =
        switch (e.kind()) {
          case ALREADY_EXPIRED, TOO_LONG -> 400;
          case LOCK_CHECK_FAILED -> 503;
          default -> 403;
        };
    return new ApiException(status, e.getMessage());
  }
}
