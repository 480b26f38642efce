package org.classgate.console;

import com.fasterxml.jackson.jr.ob.JSON;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.classgate.console.auth.Session;
import org.classgate.console.auth.Sessions;
import org.tinylog.TaggedLogger;

/**
 * The JSON API under {@code /api/}: finds the {@link Route}, asks the {@link PermissionMatrix},
 * checks every state change for its CSRF token, then runs the route's handler. Every answer is
 * JSON; a refusal is {@code {"error": "..."}} with a 4xx status; an unexpected failure is logged
 * and answered 500 without any detail (never a stack trace). Thread-safe.
 */
final class ConsoleApi implements HttpHandler {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("console");

  /** The header a state change carries the session's CSRF token in. */
  static final String CSRF_HEADER = "X-CSRF-Token";

  private final RouteTable routes;
  private final Sessions sessions;
  private final SessionCookie cookie;

  ConsoleApi(RouteTable routes, Sessions sessions, SessionCookie cookie) {
    this.routes = routes;
    this.sessions = sessions;
    this.cookie = cookie;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (exchange.isInIoThread()) {
      // Handlers read bodies and hash passwords: never on an I/O thread.
      exchange.dispatch(this);
      return;
    }
    exchange.startBlocking();
    try {
      ApiCall call = authorise(exchange);
      Object result = routes.handler(call.route()).handle(call);
      if (result instanceof Download file) {
        sendFile(exchange, file);
      } else {
        send(exchange, call.status(), result);
      }
    } catch (ApiException e) {
      Map<String, Object> error = new LinkedHashMap<>();
      error.put("error", e.getMessage());
      if (!e.problems().isEmpty()) {
        error.put("problems", e.problems());
      }
      send(exchange, e.status(), error);
    } catch (Exception e) {
      LOG.error(
          e,
          "console request {} {} failed",
          exchange.getRequestMethod(),
          exchange.getRequestPath());
      send(exchange, 500, Map.of("error", "the box could not do this; the problem is in its log"));
    }
  }

  private ApiCall authorise(HttpServerExchange exchange) throws ApiException {
    String method = exchange.getRequestMethod().toString();
    String path = exchange.getRequestPath();
    Optional<Route.Match> match = routes.match(method, path);
    if (match.isEmpty()) {
      throw routes.pathExists(path)
          ? new ApiException(405, method + " is not allowed on " + path)
          : new ApiException(404, "no such API: " + path);
    }
    Route route = match.get().route();
    Optional<Session> session = sessions.find(SessionCookie.read(exchange));
    PermissionMatrix.Decision decision = PermissionMatrix.decide(route, session);
    if (!decision.allowed()) {
      throw new ApiException(decision.status(), decision.message());
    }
    if (route.changesState()) {
      checkStateChange(exchange, route, session);
    }
    return new ApiCall(exchange, match.get(), session, cookie, sessions);
  }

  /**
   * A signed-in state change needs the session's CSRF token in {@value #CSRF_HEADER} (a header no
   * other site can set). The public ones (setup, login) have no session yet; they need a JSON body,
   * which a cross-site form cannot send without a CORS preflight the box never grants.
   */
  private static void checkStateChange(
      HttpServerExchange exchange, Route route, Optional<Session> session) throws ApiException {
    if (route.access() != Access.PUBLIC) {
      String token = exchange.getRequestHeaders().getFirst(CSRF_HEADER);
      if (session.isEmpty() || !session.get().csrfMatches(token)) {
        throw new ApiException(
            403,
            "this change is refused: the page's security token is missing or stale; reload the"
                + " page");
      }
      return;
    }
    String type = exchange.getRequestHeaders().getFirst(Headers.CONTENT_TYPE);
    if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      throw new ApiException(415, "send the request as application/json");
    }
  }

  /** A file to save: its own type, and attachment so the browser never renders it as a page. */
  static void sendFile(HttpServerExchange exchange, Download file) {
    exchange.setStatusCode(200);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, file.contentType());
    exchange
        .getResponseHeaders()
        .put(Headers.CONTENT_DISPOSITION, "attachment; filename=\"" + file.fileName() + "\"");
    exchange.getResponseSender().send(java.nio.ByteBuffer.wrap(file.body()));
  }

  static void send(HttpServerExchange exchange, int status, Object body) throws IOException {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json; charset=utf-8");
    String json = body == null ? "{}" : JSON.std.asString(body);
    exchange.getResponseSender().send(json, StandardCharsets.UTF_8);
  }
}
