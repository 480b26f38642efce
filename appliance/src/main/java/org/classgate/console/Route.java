package org.classgate.console;

import static org.classgate.console.auth.Role.DSL;
import static org.classgate.console.auth.Role.GOVERNOR;
import static org.classgate.console.auth.Role.HEADTEACHER;
import static org.classgate.console.auth.Role.ONLINE_SAFETY_OFFICER;
import static org.classgate.console.auth.Role.TEACHER;
import static org.classgate.console.auth.Role.TECHNICIAN;

import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import org.classgate.console.auth.Role;

/**
 * Every API route of the console, with who may call it: the permission matrix is this table, and
 * {@link PermissionMatrix} the one place that reads it. A route not listed here does not exist
 * (404), so nothing can be reached without a decision. Paths may hold one {@code {name}} segment.
 */
public enum Route {
  SETUP_STATUS("GET", "/api/setup", Access.PUBLIC),
  SETUP("POST", "/api/setup", Access.PUBLIC),
  LOGIN("POST", "/api/session", Access.PUBLIC),
  SESSION_SHOW("GET", "/api/session", Access.SESSION),
  LOGOUT("DELETE", "/api/session", Access.SESSION),
  TOTP_CODE("POST", "/api/session/totp", Access.SECOND_FACTOR),
  PASSWORD_CHANGE("POST", "/api/password", Access.PASSWORD),
  TOTP_SECRET("POST", "/api/totp/secret", Access.ENROLMENT),
  TOTP_ENROL("POST", "/api/totp", Access.ENROLMENT),
  USERS("GET", "/api/users", Access.ROLE, HEADTEACHER, TECHNICIAN),
  USER_CREATE("POST", "/api/users", Access.ROLE, HEADTEACHER, TECHNICIAN),
  USER_UNLOCK("POST", "/api/users/{name}/unlock", Access.ROLE, HEADTEACHER, TECHNICIAN),
  /** The seeds' record of user log-ins: for those who review logs, not for governors. */
  LOGIN_RECORD(
      "GET", "/api/login-record", Access.ROLE, HEADTEACHER, TECHNICIAN, ONLINE_SAFETY_OFFICER, DSL),
  UNBLOCK_REQUESTS(
      "GET",
      "/api/unblock-requests",
      Access.ROLE,
      TEACHER,
      ONLINE_SAFETY_OFFICER,
      DSL,
      HEADTEACHER,
      TECHNICIAN),
  /** Every role may see which roles exist (the user form); governors included. */
  ROLES(
      "GET",
      "/api/roles",
      Access.ROLE,
      TEACHER,
      ONLINE_SAFETY_OFFICER,
      DSL,
      HEADTEACHER,
      TECHNICIAN,
      GOVERNOR);

  private final String method;
  private final String path;
  private final Access access;
  private final Set<Role> roles;

  Route(String method, String path, Access access, Role... roles) {
    this.method = method;
    this.path = path;
    this.access = access;
    this.roles = roles.length == 0 ? EnumSet.noneOf(Role.class) : EnumSet.of(roles[0], roles);
    if ((access == Access.ROLE) == (roles.length == 0)) {
      throw new IllegalStateException(this + ": roles are given exactly for ROLE access");
    }
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  public Access access() {
    return access;
  }

  /** The roles allowed, for {@link Access#ROLE} routes; empty otherwise. */
  public Set<Role> roles() {
    return EnumSet.copyOf(roles.isEmpty() ? EnumSet.noneOf(Role.class) : roles);
  }

  /** Whether the request changes state, and so must carry the CSRF token. */
  public boolean changesState() {
    return !method.equals("GET");
  }

  /** The route for {@code method} and {@code path}, with the value of its {@code {name}}. */
  public static Optional<Match> match(String method, String path) {
    String[] given = path.split("/", -1);
    for (Route route : values()) {
      if (!route.method.equals(method)) {
        continue;
      }
      String[] pattern = route.path.split("/", -1);
      if (pattern.length != given.length) {
        continue;
      }
      String parameter = null;
      boolean matches = true;
      for (int i = 0; i < pattern.length && matches; i++) {
        if (pattern[i].equals("{name}")) {
          parameter = given[i];
          matches = !given[i].isEmpty();
        } else {
          matches = pattern[i].equals(given[i]);
        }
      }
      if (matches) {
        return Optional.of(new Match(route, parameter));
      }
    }
    return Optional.empty();
  }

  /** Whether some route has this path under another method (405 rather than 404). */
  public static boolean pathExists(String path) {
    for (Route route : values()) {
      if (match(route.method, path).isPresent()) {
        return true;
      }
    }
    return false;
  }

  /**
   * @param parameter the decoded {@code {name}} segment, or null if the route has none
   */
  public record Match(Route route, String parameter) {}
}
