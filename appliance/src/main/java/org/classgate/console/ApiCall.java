package org.classgate.console;

import com.fasterxml.jackson.jr.ob.JSON;
import io.undertow.server.HttpServerExchange;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.classgate.console.auth.Role;
import org.classgate.console.auth.Session;
import org.classgate.console.auth.Sessions;
import org.classgate.console.auth.Stage;

/**
 * One API request as a route handler sees it: the caller's session, the JSON body, the client's
 * address. Belongs to one request thread.
 */
public final class ApiCall {
  /** A console request body is a few fields; anything larger is refused unread. */
  static final int MAX_BODY = 16 * 1024;

  private final HttpServerExchange exchange;
  private final Route.Match match;
  private final Optional<Session> session;
  private final SessionCookie cookie;
  private final Sessions sessions;
  private Map<String, Object> body;
  private int status = 200;

  ApiCall(
      HttpServerExchange exchange,
      Route.Match match,
      Optional<Session> session,
      SessionCookie cookie,
      Sessions sessions) {
    this.exchange = exchange;
    this.match = match;
    this.session = session;
    this.cookie = cookie;
    this.sessions = sessions;
  }

  Route route() {
    return match.route();
  }

  /** Starts a new session (ending the one the request came with) and sets its cookie. */
  public Session signIn(String user, Role role, Stage stage) {
    session.ifPresent(sessions::close);
    Session opened = sessions.open(user, role, stage);
    cookie.set(exchange, opened);
    return opened;
  }

  /** Ends the request's session and clears its cookie. */
  public void signOut() {
    session.ifPresent(sessions::close);
    cookie.clear(exchange);
  }

  /** Ends every other session of the signed-in user (after a password change). */
  public void closeOtherSessions() {
    session.ifPresent(s -> sessions.closeOthers(s.user(), s));
  }

  public Optional<Session> session() {
    return session;
  }

  /** The session; only for routes whose access guarantees one. */
  public Session requireSession() {
    return session.orElseThrow(() -> new IllegalStateException(match.route() + " has no session"));
  }

  /** The route's {@code {name}} segment, decoded. */
  public String parameter() {
    return match.parameter();
  }

  public String client() {
    return exchange.getSourceAddress() == null
        ? null
        : exchange.getSourceAddress().getAddress().getHostAddress();
  }

  /** Sets the status of a successful answer (e.g. 201). */
  public void status(int status) {
    this.status = status;
  }

  int status() {
    return status;
  }

  /**
   * A text field of the JSON body.
   *
   * @throws ApiException 400 if the body is not a JSON object, or the field is missing or not text
   */
  public String text(String field) throws ApiException, IOException {
    Object value = body().get(field);
    if (!(value instanceof String text)) {
      throw new ApiException(400, "the request needs the text field '" + field + "'");
    }
    return text;
  }

  /**
   * A query parameter of the request's URL ({@code ?name=value}), decoded; null if absent.
   *
   * @throws ApiException 400 if it is given more than once or is longer than 200 characters
   */
  public String query(String name) throws ApiException {
    java.util.Deque<String> values = exchange.getQueryParameters().get(name);
    if (values == null || values.isEmpty()) {
      return null;
    }
    if (values.size() > 1 || values.getFirst().length() > 200) {
      throw new ApiException(400, "give the parameter '" + name + "' once, at most 200 characters");
    }
    return values.getFirst();
  }

  /**
   * A field of the JSON body holding a list of objects (e.g. rows of a record); empty if absent.
   *
   * @throws ApiException 400 if it is not a list of JSON objects
   */
  @SuppressWarnings("unchecked")
  public java.util.List<Map<String, Object>> objectList(String field)
      throws ApiException, IOException {
    Object value = body().get(field);
    if (value == null) {
      return java.util.List.of();
    }
    if (!(value instanceof java.util.List<?> list)) {
      throw new ApiException(400, "the field '" + field + "' must be a list");
    }
    for (Object item : list) {
      if (!(item instanceof Map)) {
        throw new ApiException(400, "the field '" + field + "' must be a list of objects");
      }
    }
    return (java.util.List<Map<String, Object>>) list;
  }

  /** A text field that may be absent (null). */
  public String optionalText(String field) throws ApiException, IOException {
    Object value = body().get(field);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new ApiException(400, "the field '" + field + "' must be text");
    }
    return text;
  }

  private Map<String, Object> body() throws ApiException, IOException {
    if (body == null) {
      byte[] bytes = readBody();
      try {
        body =
            bytes.length == 0
                ? Map.of()
                : JSON.std.mapFrom(new String(bytes, StandardCharsets.UTF_8));
      } catch (IOException | RuntimeException e) {
        throw new ApiException(400, "the request body is not a JSON object");
      }
      if (body == null) {
        throw new ApiException(400, "the request body is not a JSON object");
      }
    }
    return body;
  }

  private byte[] readBody() throws ApiException, IOException {
    long declared = exchange.getRequestContentLength();
    if (declared > MAX_BODY) {
      throw new ApiException(413, "the request body is larger than " + MAX_BODY + " bytes");
    }
    InputStream in = exchange.getInputStream();
    byte[] bytes = in.readNBytes(MAX_BODY + 1);
    if (bytes.length > MAX_BODY) {
      throw new ApiException(413, "the request body is larger than " + MAX_BODY + " bytes");
    }
    return bytes;
  }
}
