package org.classgate.console;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.util.List;
import java.util.Locale;

/**
 * The console's plain-HTTP listener: answers every request with a permanent redirect to the same
 * path on the HTTPS console, and nothing else (no page, no API, no cookie). The target host is the
 * one the browser asked for when it is one of the box's certificate names, else the certificate's
 * first name: a forged Host header cannot send anyone elsewhere. 308 keeps the method (RFC 9110
 * §15.4.9). Thread-safe.
 */
final class HttpsRedirect implements HttpHandler {
  private final List<String> names;
  private final int httpsPort;

  /**
   * @param names the box's names and addresses, as in its certificate; at least one
   * @param httpsPort the port the HTTPS console is reached on
   */
  HttpsRedirect(List<String> names, int httpsPort) {
    if (names.isEmpty()) {
      throw new IllegalArgumentException("the redirect needs at least one name of the box");
    }
    this.names = List.copyOf(names);
    this.httpsPort = httpsPort;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) {
    String asked = hostOf(exchange.getRequestHeaders().getFirst(Headers.HOST));
    String host = asked != null && known(asked) ? asked : names.get(0);
    if (host.contains(":") && !host.startsWith("[")) {
      host = "[" + host + "]"; // an IPv6 literal in a URL (RFC 3986 §3.2.2)
    }
    String query = exchange.getQueryString();
    String target =
        "https://"
            + host
            + (httpsPort == 443 ? "" : ":" + httpsPort)
            + path(exchange.getRequestURI())
            + (query == null || query.isEmpty() ? "" : "?" + query);
    exchange.setStatusCode(308);
    exchange.getResponseHeaders().put(Headers.LOCATION, target);
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    exchange.endExchange();
  }

  private boolean known(String host) {
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    for (String name : names) {
      if (name.equalsIgnoreCase(bare)) {
        return true;
      }
    }
    return false;
  }

  /**
   * The path as the browser sent it (still percent-encoded, so nothing is decoded into the Location
   * header); "/" for a request in absolute form or anything odd.
   */
  private static String path(String uri) {
    return uri != null && uri.startsWith("/") && !uri.startsWith("//") ? uri : "/";
  }

  /** The host part of a Host header (without its port), lower case; null if absent or odd. */
  static String hostOf(String header) {
    if (header == null || header.isBlank()) {
      return null;
    }
    String value = header.strip().toLowerCase(Locale.ROOT);
    if (value.startsWith("[")) {
      int close = value.indexOf(']');
      return close < 0 ? null : value.substring(0, close + 1);
    }
    int colon = value.indexOf(':');
    return colon < 0 ? value : value.substring(0, colon);
  }
}
