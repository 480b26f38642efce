package org.classgate.console;

import io.undertow.server.HttpServerExchange;
import io.undertow.server.handlers.Cookie;
import io.undertow.server.handlers.CookieImpl;
import org.classgate.console.auth.Session;

/**
 * The session cookie: HttpOnly (scripts cannot read it), SameSite=Strict (no other site's page can
 * make the browser send it), Secure when the console is on HTTPS, for the whole site. Immutable.
 */
final class SessionCookie {
  static final String NAME = "classgate_session";

  private final boolean https;

  SessionCookie(boolean https) {
    this.https = https;
  }

  void set(HttpServerExchange exchange, Session session) {
    exchange.setResponseCookie(cookie(session.token()));
  }

  void clear(HttpServerExchange exchange) {
    exchange.setResponseCookie(cookie("").setMaxAge(0));
  }

  /** The token the request carries, or null. */
  static String read(HttpServerExchange exchange) {
    Cookie cookie = exchange.getRequestCookie(NAME);
    return cookie == null ? null : cookie.getValue();
  }

  private Cookie cookie(String value) {
    return new CookieImpl(NAME, value)
        .setPath("/")
        .setHttpOnly(true)
        .setSecure(https)
        .setSameSiteMode("Strict");
  }
}
