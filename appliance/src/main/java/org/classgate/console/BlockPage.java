package org.classgate.console;

import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Locale;
import java.util.Optional;
import org.classgate.store.StoreException;
import org.tinylog.TaggedLogger;

/**
 * The pupils' block page, served on the block-page port for any Host and any path: a browser sent
 * here by a blocked name's DNS answer asked for that site, so the Host header names it. It says, in
 * plain words, that the site is blocked at school and what kind of site it is, asks the pupil to
 * tell their teacher, and offers "I think this is a mistake", which records an unblock request.
 * Every piece of request text it shows is escaped; the page has no script. Thread-safe.
 */
final class BlockPage implements HttpHandler {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("console");

  static final String STYLE_PATH = "/.classgate/block.css";
  static final String MISTAKE_PATH = "/.classgate/mistake";
  private static final int MAX_FORM = 2048;

  private final BlockReasons reasons;
  private final UnblockRequests requests;
  private final Clock clock;
  private final byte[] style;

  BlockPage(BlockReasons reasons, UnblockRequests requests, Clock clock) {
    this.reasons = reasons;
    this.requests = requests;
    this.clock = clock;
    try (InputStream in = BlockPage.class.getResourceAsStream("/console/block.css")) {
      this.style = in == null ? new byte[0] : in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException("reading the block page's style", e);
    }
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    exchange.startBlocking();
    String client = exchange.getSourceAddress().getAddress().getHostAddress();
    try {
      if (exchange.getRequestPath().equals(STYLE_PATH)) {
        exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/css; charset=utf-8");
        exchange.getOutputStream().write(style);
        return;
      }
      if (exchange.getRequestMethod().equals(Methods.POST)
          && exchange.getRequestPath().equals(MISTAKE_PATH)) {
        String host = hostName(formField(exchange, "host"));
        Optional<String> category = reasons.categoryOf(host, client);
        boolean added = requests.add(clock.instant(), host, category.orElse(null), client);
        LOG.info("unblock request for {} from {} ({})", host, client, added ? "new" : "repeat");
        page(exchange, 200, BlockPageText.thanks(host));
        return;
      }
      String host = hostName(exchange.getRequestHeaders().getFirst(Headers.HOST));
      String kind = KidWords.kindOf(reasons.categoryOf(host, client).orElse(null));
      // 403 tells scripts and tools the truth; browsers still show the page.
      page(exchange, 403, BlockPageText.blocked(host, kind, MISTAKE_PATH));
    } catch (StoreException | RuntimeException e) {
      LOG.error(e, "block page for {} failed", client);
      page(exchange, 500, BlockPageText.sorry());
    }
  }

  private static void page(HttpServerExchange exchange, int status, String html)
      throws IOException {
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "text/html; charset=utf-8");
    exchange.getOutputStream().write(html.getBytes(StandardCharsets.UTF_8));
  }

  /**
   * The site's name from a Host header or the form: the port dropped, at most 253 characters, lower
   * case. Anything else is kept as text (escaped when shown): a hostile name is shown as the
   * harmless text it is.
   */
  static String hostName(String raw) {
    if (raw == null || raw.isBlank()) {
      return "";
    }
    String host = raw.strip();
    if (!host.startsWith("[")) {
      int colon = host.lastIndexOf(':');
      if (colon > 0 && host.indexOf(':') == colon) {
        host = host.substring(0, colon);
      }
    }
    if (host.length() > 253) {
      host = host.substring(0, 253);
    }
    return host.toLowerCase(Locale.ROOT);
  }

  private static String formField(HttpServerExchange exchange, String name) throws IOException {
    byte[] body = exchange.getInputStream().readNBytes(MAX_FORM);
    for (String pair : new String(body, StandardCharsets.ISO_8859_1).split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0 && pair.substring(0, eq).equals(name)) {
        try {
          return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
          return "";
        }
      }
    }
    return "";
  }
}
