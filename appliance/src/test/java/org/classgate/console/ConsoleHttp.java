package org.classgate.console;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** A browser-like API client for tests: keeps cookies, sends the CSRF token once it has one. */
final class ConsoleHttp {
  private final String base;
  private final HttpClient client;
  String csrfToken;

  ConsoleHttp(String base) {
    this.base = base;
    this.client = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
  }

  /** A client for an HTTPS console that trusts only {@code tls}'s server (e.g. a pinned key). */
  ConsoleHttp(String base, javax.net.ssl.SSLContext tls) {
    this.base = base;
    this.client =
        HttpClient.newBuilder()
            .cookieHandler(new CookieManager())
            .sslContext(tls)
            .sslParameters(org.classgate.tls.PinnedTrust.clientParameters())
            .build();
  }

  HttpResponse<String> send(String method, String path, String jsonBody, boolean withCsrf)
      throws IOException, InterruptedException {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path));
    if (jsonBody != null) {
      request.header("Content-Type", "application/json");
    }
    if (withCsrf && csrfToken != null) {
      request.header("X-CSRF-Token", csrfToken);
    }
    request.method(
        method,
        jsonBody == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(jsonBody));
    HttpResponse<String> response =
        client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() == 200 && response.body().contains("csrfToken")) {
      csrfToken = (String) json(response).get("csrfToken");
    }
    return response;
  }

  HttpResponse<String> send(String method, String path, Map<String, ?> body)
      throws IOException, InterruptedException {
    return send(method, path, body == null ? null : JSON.std.asString(body), true);
  }

  static Map<String, Object> json(HttpResponse<String> response) throws IOException {
    return JSON.std.mapFrom(response.body());
  }
}
