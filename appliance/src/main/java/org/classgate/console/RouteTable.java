package org.classgate.console;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.classgate.console.auth.Session;

/**
 * All routes the console serves, from its modules, with their handlers; plus {@link #PERMISSIONS},
 * which tells the signed-in user's pages which routes they may call, so they show only what works
 * (the server still decides every call). Immutable.
 */
final class RouteTable {
  static final Route PERMISSIONS = Route.forStage("GET", "/api/permissions", Access.SESSION);

  private final Map<Route, ApiHandler> handlers;

  /**
   * @throws IllegalArgumentException if two modules declare the same method and path
   */
  RouteTable(List<ConsoleModule> modules) {
    Map<Route, ApiHandler> all = new LinkedHashMap<>();
    Map<String, Route> byName = new LinkedHashMap<>();
    all.put(PERMISSIONS, this::permissions);
    byName.put(PERMISSIONS.toString(), PERMISSIONS);
    for (ConsoleModule module : modules) {
      for (Map.Entry<Route, ApiHandler> entry : module.handlers().entrySet()) {
        Route previous = byName.putIfAbsent(entry.getKey().toString(), entry.getKey());
        if (previous != null) {
          throw new IllegalArgumentException("two modules declare " + previous);
        }
        all.put(entry.getKey(), entry.getValue());
      }
    }
    this.handlers = Map.copyOf(all);
  }

  private Object permissions(ApiCall call) {
    Optional<Session> session = Optional.of(call.requireSession());
    List<String> allowed = new ArrayList<>();
    for (Route route : handlers.keySet()) {
      if (PermissionMatrix.decide(route, session).allowed()) {
        allowed.add(route.toString());
      }
    }
    Collections.sort(allowed);
    return Map.of("allowed", allowed);
  }

  Set<Route> routes() {
    return handlers.keySet();
  }

  ApiHandler handler(Route route) {
    return handlers.get(route);
  }

  /** The route for {@code method} and {@code path}, with the value of its {@code {name}}. */
  Optional<Route.Match> match(String method, String path) {
    for (Route route : handlers.keySet()) {
      Optional<String> parameter = route.match(method, path);
      if (parameter.isPresent()) {
        return Optional.of(new Route.Match(route, parameter.get()));
      }
    }
    return Optional.empty();
  }

  /** Whether some route has this path under another method (405 rather than 404). */
  boolean pathExists(String path) {
    for (Route route : handlers.keySet()) {
      if (route.match(route.method(), path).isPresent()) {
        return true;
      }
    }
    return false;
  }
}
