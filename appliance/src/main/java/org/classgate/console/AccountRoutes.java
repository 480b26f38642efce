package org.classgate.console;

import static org.classgate.console.auth.Role.DSL;
import static org.classgate.console.auth.Role.HEADTEACHER;
import static org.classgate.console.auth.Role.ONLINE_SAFETY_OFFICER;
import static org.classgate.console.auth.Role.TECHNICIAN;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.classgate.console.auth.Account;
import org.classgate.console.auth.AccountException;
import org.classgate.console.auth.Accounts;
import org.classgate.console.auth.LoginEvent;
import org.classgate.console.auth.Role;
import org.classgate.console.auth.Session;
import org.classgate.console.auth.Stage;

/**
 * The handlers of the account routes: setup, login and its second factor, password change, TOTP
 * enrolment, users and the login record. Stateless apart from the services it is given;
 * thread-safe.
 */
final class AccountRoutes implements ConsoleModule {
  static final Route SETUP_STATUS = Route.forStage("GET", "/api/setup", Access.PUBLIC);
  static final Route SETUP = Route.forStage("POST", "/api/setup", Access.PUBLIC);
  static final Route LOGIN = Route.forStage("POST", "/api/session", Access.PUBLIC);
  static final Route SESSION_SHOW = Route.forStage("GET", "/api/session", Access.SESSION);
  static final Route LOGOUT = Route.forStage("DELETE", "/api/session", Access.SESSION);
  static final Route TOTP_CODE = Route.forStage("POST", "/api/session/totp", Access.SECOND_FACTOR);
  static final Route PASSWORD_CHANGE = Route.forStage("POST", "/api/password", Access.PASSWORD);
  static final Route TOTP_SECRET = Route.forStage("POST", "/api/totp/secret", Access.ENROLMENT);
  static final Route TOTP_ENROL = Route.forStage("POST", "/api/totp", Access.ENROLMENT);
  static final Route USERS = Route.forRoles("GET", "/api/users", Route.ADMINISTRATORS);
  static final Route USER_CREATE = Route.forRoles("POST", "/api/users", Route.ADMINISTRATORS);
  static final Route USER_UNLOCK =
      Route.forRoles("POST", "/api/users/{name}/unlock", Route.ADMINISTRATORS);

  /** The seeds' record of user log-ins: for those who review logs, not for governors. */
  static final Route LOGIN_RECORD =
      Route.forRoles(
          "GET",
          "/api/login-record",
          EnumSet.of(HEADTEACHER, TECHNICIAN, ONLINE_SAFETY_OFFICER, DSL));

  /** Every role may see which roles exist (the user form); governors included. */
  static final Route ROLES = Route.forRoles("GET", "/api/roles", EnumSet.allOf(Role.class));

  /** Rows of the login record shown at once. */
  static final int RECORD_ROWS = 200;

  private final Accounts accounts;

  AccountRoutes(Accounts accounts) {
    this.accounts = accounts;
  }

  @Override
  public Map<Route, ApiHandler> handlers() {
    Map<Route, ApiHandler> h = new LinkedHashMap<>();
    h.put(SETUP_STATUS, call -> Map.of("setupNeeded", accounts.setupNeeded()));
    h.put(SETUP, this::setUp);
    h.put(LOGIN, this::login);
    h.put(SESSION_SHOW, call -> view(call.requireSession()));
    h.put(LOGOUT, this::logout);
    h.put(TOTP_CODE, this::totpCode);
    h.put(PASSWORD_CHANGE, this::changePassword);
    h.put(TOTP_SECRET, this::offerSecret);
    h.put(TOTP_ENROL, this::enrol);
    h.put(USERS, call -> users());
    h.put(USER_CREATE, this::createUser);
    h.put(USER_UNLOCK, this::unlock);
    h.put(LOGIN_RECORD, call -> loginRecord());
    h.put(ROLES, call -> roleIds());
    return h;
  }

  private Object setUp(ApiCall call) throws Exception {
    Role role = role(call.text("role"));
    Account account =
        refusedAs(
            () -> accounts.setUp(call.text("user"), role, call.text("password"), call.client()));
    call.status(201);
    return Map.of("user", account.name(), "role", account.role().id());
  }

  private Object login(ApiCall call) throws Exception {
    String user = call.text("user");
    Stage stage = refusedAs(() -> accounts.login(user, call.text("password"), call.client()));
    Account account = accounts.find(user).orElseThrow();
    return view(call.signIn(account.name(), account.role(), stage));
  }

  private Object totpCode(ApiCall call) throws Exception {
    Session session = call.requireSession();
    Stage stage =
        refusedAs(() -> accounts.verifyTotp(session.user(), call.text("code"), call.client()));
    // A new session (and token) once fully signed in: the half-signed-in token is not reused.
    return view(call.signIn(session.user(), session.role(), stage));
  }

  private Object logout(ApiCall call) throws Exception {
    accounts.loggedOut(call.requireSession().user(), call.client());
    call.signOut();
    return Map.of();
  }

  private Object changePassword(ApiCall call) throws Exception {
    Session session = call.requireSession();
    Stage stage =
        refusedAs(
            () ->
                accounts.changePassword(
                    session.user(), call.text("current"), call.text("password"), call.client()));
    session.advance(stage);
    call.closeOtherSessions();
    return view(session);
  }

  private Object offerSecret(ApiCall call) {
    Session session = call.requireSession();
    String secret = accounts.newTotpSecret();
    session.offerTotpSecret(secret);
    String label = URLEncoder.encode("ClassGate:" + session.user(), StandardCharsets.UTF_8);
    return Map.of(
        "secret",
        secret,
        "uri",
        "otpauth://totp/" + label + "?secret=" + secret + "&issuer=ClassGate");
  }

  private Object enrol(ApiCall call) throws Exception {
    Session session = call.requireSession();
    String secret = session.pendingTotpSecret();
    if (secret == null) {
      throw new ApiException(409, "ask for a new secret first");
    }
    Stage stage =
        refusedAs(
            () -> accounts.enrolTotp(session.user(), secret, call.text("code"), call.client()));
    session.offerTotpSecret(null);
    session.advance(stage);
    return view(session);
  }

  private Object users() throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Account.Summary account : accounts.list()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("user", account.name());
      row.put("role", account.role().id());
      row.put("temporary", account.temporary());
      row.put("passwordChanged", account.passwordChanged().toString());
      row.put("locked", account.locked());
      row.put("totp", account.totpEnrolled());
      rows.add(row);
    }
    return rows;
  }

  private Object createUser(ApiCall call) throws Exception {
    Role role = role(call.text("role"));
    String user = call.text("user");
    String temporary =
        refusedAs(() -> accounts.create(call.requireSession().user(), user, role, call.client()));
    call.status(201);
    return Map.of("user", user, "role", role.id(), "temporaryPassword", temporary);
  }

  private Object unlock(ApiCall call) throws Exception {
    refusedAs(
        () -> {
          accounts.unlock(call.requireSession().user(), call.parameter(), call.client());
          return null;
        });
    return Map.of("user", call.parameter(), "locked", false);
  }

  private Object loginRecord() throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (LoginEvent event : accounts.recentEvents(RECORD_ROWS)) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("at", event.at().toString());
      row.put("user", event.user());
      row.put("kind", event.kind().id());
      row.put("client", event.client());
      row.put("detail", event.detail());
      rows.add(row);
    }
    return rows;
  }

  static Map<String, Object> view(Session session) {
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("user", session.user());
    view.put("role", session.role().id());
    view.put("stage", session.stage().name().toLowerCase(Locale.ROOT).replace('_', '-'));
    view.put("csrfToken", session.csrfToken());
    return view;
  }

  private static Role role(String id) throws ApiException {
    return Role.fromId(id)
        .orElseThrow(
            () -> new ApiException(400, "unknown role; one of " + String.join(", ", roleIds())));
  }

  /** Work that may be refused by the account rules. */
  @FunctionalInterface
  private interface AccountWork<T> {
    T run() throws Exception;
  }

  /** Runs {@code work}, turning an account refusal into the API's 4xx. */
  private static <T> T refusedAs(AccountWork<T> work) throws Exception {
    try {
      return work.run();
    } catch (AccountException e) {
      int status =
          switch (e.reason()) {
            case INVALID -> 400;
            case REFUSED -> 401;
            case LOCKED -> 403;
            case NOT_FOUND -> 404;
            case CONFLICT -> 409;
          };
      throw new ApiException(status, e.getMessage(), e.problems());
    }
  }

  private static List<String> roleIds() {
    return Arrays.stream(Role.values()).map(Role::id).toList();
  }
}
