package org.classgate.console;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.HttpString;

/**
 * Adds the security headers to every response before the wrapped handler runs. The CSP allows
 * scripts, styles and requests only from the box itself and no inline script at all, so text that
 * slips into a page unescaped still cannot run; frame-ancestors 'none' (and X-Frame-Options for old
 * browsers) stops clickjacking of the console's buttons.
 */
final class SecurityHeaders implements HttpHandler {
  static final String CSP =
      "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

  private final HttpHandler next;
  private final boolean https;

  SecurityHeaders(HttpHandler next, boolean https) {
    this.next = next;
    this.https = https;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    var headers = exchange.getResponseHeaders();
    headers.put(new HttpString("Content-Security-Policy"), CSP);
    headers.put(new HttpString("X-Content-Type-Options"), "nosniff");
    headers.put(new HttpString("X-Frame-Options"), "DENY");
    headers.put(new HttpString("Referrer-Policy"), "no-referrer");
    headers.put(new HttpString("Cross-Origin-Opener-Policy"), "same-origin");
    headers.put(new HttpString("Cache-Control"), "no-store");
    if (https) {
      headers.put(new HttpString("Strict-Transport-Security"), "max-age=31536000");
    }
    next.handleRequest(exchange);
  }
}
