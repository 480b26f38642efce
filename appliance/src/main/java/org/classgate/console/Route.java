package org.classgate.console;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.classgate.console.auth.Role;

/**
 * One API route with who may call it. Each capability declares its routes as constants next to
 * their handlers (a {@link ConsoleModule}); {@link RouteTable} holds all of them and {@link
 * PermissionMatrix} is the one place that reads the access rules. A route not declared does not
 * exist (404), so nothing can be reached without a decision. Paths may hold one {@code {name}}
 * segment. Immutable.
 *
 * @param roles the roles allowed, for {@link Access#ROLE} routes; empty otherwise
 */
public record Route(String method, String path, Access access, Set<Role> roles) {
  /** Every role that works in school: all but governors, who only read reports. */
  public static final Set<Role> STAFF =
      EnumSet.of(
          Role.TEACHER, Role.ONLINE_SAFETY_OFFICER, Role.DSL, Role.HEADTEACHER, Role.TECHNICIAN);

  /** Those who review incidents and monitoring (the seeds' safeguarding roles). */
  public static final Set<Role> SAFEGUARDING =
      EnumSet.of(Role.ONLINE_SAFETY_OFFICER, Role.DSL, Role.HEADTEACHER);

  /** Those who manage the box, its users and its settings. */
  public static final Set<Role> ADMINISTRATORS = EnumSet.of(Role.HEADTEACHER, Role.TECHNICIAN);

  public Route {
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(access, "access");
    roles = roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
    if ((access == Access.ROLE) == roles.isEmpty()) {
      throw new IllegalArgumentException(path + ": roles are given exactly for ROLE access");
    }
    if (!path.startsWith("/api/")) {
      throw new IllegalArgumentException(path + ": API paths start with /api/");
    }
  }

  /** A route any fully signed-in user of one of {@code roles} may call. */
  public static Route forRoles(String method, String path, Set<Role> roles) {
    return new Route(method, path, Access.ROLE, roles);
  }

  /** A route decided by the session's stage alone ({@code access} is not {@link Access#ROLE}). */
  public static Route forStage(String method, String path, Access access) {
    return new Route(method, path, access, Set.of());
  }

  @Override
  public Set<Role> roles() {
    return roles.isEmpty() ? EnumSet.noneOf(Role.class) : EnumSet.copyOf(roles);
  }

  /** Whether the request changes state, and so must carry the CSRF token. */
  public boolean changesState() {
    return !method.equals("GET");
  }

  /**
   * Whether {@code method} and {@code path} name this route.
   *
   * @return empty if not; otherwise the {@code {name}} segment's value, or "" if the route has none
   */
  Optional<String> match(String method, String path) {
    if (!this.method.equals(method)) {
      return Optional.empty();
    }
    String[] pattern = this.path.split("/", -1);
    String[] given = path.split("/", -1);
    if (pattern.length != given.length) {
      return Optional.empty();
    }
    String parameter = "";
    for (int i = 0; i < pattern.length; i++) {
      if (pattern[i].equals("{name}")) {
        if (given[i].isEmpty()) {
          return Optional.empty();
        }
        parameter = given[i];
      } else if (!pattern[i].equals(given[i])) {
        return Optional.empty();
      }
    }
    return Optional.of(parameter);
  }

  @Override
  public String toString() {
    return method + " " + path;
  }

  /**
   * @param parameter the decoded {@code {name}} segment, or null if the route has none
   */
  public record Match(Route route, String parameter) {}
}
