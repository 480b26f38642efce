package org.classgate.console;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.tinylog.TaggedLogger;

/**
 * Lets a request through to the console only from a client its {@link ClientGate} allows; anyone
 * else gets 403 and a plain page (JSON under {@code /api/}) telling them to ask a teacher, and
 * nothing else: no sign-in page, no script, no API. Runs before sessions, so a pupil's device
 * cannot even try passwords. Thread-safe.
 */
final class StaffOnly implements HttpHandler {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("console");

  static final String REFUSED_PAGE =
      "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
          + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
          + "<title>Staff only</title></head><body>"
          + "<h1>This page is for school staff</h1>"
          + "<p>The ClassGate console only opens on staff devices. If you need something, please"
          + " ask your teacher.</p></body></html>\n";

  private final HttpHandler next;
  private final ClientGate gate;

  StaffOnly(HttpHandler next, ClientGate gate) {
    this.next = next;
    this.gate = gate;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    InetSocketAddress source = exchange.getSourceAddress();
    if (source != null && source.getAddress() != null && gate.allows(source.getAddress())) {
      next.handleRequest(exchange);
      return;
    }
    LOG.info(
        "console refused to {}: not a staff device or management address",
        source == null ? "an unknown client" : source.getAddress().getHostAddress());
    exchange.setStatusCode(403);
    if (exchange.getRequestPath().startsWith("/api/")) {
      ConsoleApi.send(
          exchange,
          403,
          Map.of("error", "the console only opens on staff devices: please ask a teacher"));
      return;
    }
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
    exchange.getResponseSender().send(REFUSED_PAGE, StandardCharsets.UTF_8);
  }
}
