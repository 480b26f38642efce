package org.classgate.hub;

import com.fasterxml.jackson.jr.ob.JSON;
import java.net.CookieManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.classgate.tls.CertificatePin;
import org.classgate.tls.PinnedTrust;

/**
 * One browser-like client of the hub's staff API over the hub's pinned TLS: its own cookie jar, and
 * the CSRF token of its session once signed in. One test thread.
 */
final class HubWeb {
  private final URI base;
  private final HttpClient http;
  private String csrf;

  /** A JSON answer; {@code body} is a Map, a List or null. */
  record Answer(int status, Object body) {
    @SuppressWarnings("unchecked")
    Map<String, Object> map() {
      return (Map<String, Object>) body;
    }

    @SuppressWarnings("unchecked")
    java.util.List<Map<String, Object>> list() {
      return (java.util.List<Map<String, Object>>) body;
    }
  }

  HubWeb(URI base, String pin) throws Exception {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .sslContext(PinnedTrust.clientContext(CertificatePin.parse(pin)))
            .sslParameters(PinnedTrust.clientParameters())
            .cookieHandler(new CookieManager())
            .connectTimeout(Duration.ofSeconds(5))
            .build();
  }

  /** Signs in; {@code totp} is null for roles without a second factor. Fails unless ready. */
  void signIn(String user, String password, String totp) throws Exception {
    Answer answer = call("POST", "/api/session", Map.of("user", user, "password", password));
    if (totp != null) {
      answer = call("POST", "/api/session/totp", Map.of("code", totp));
    }
    if (answer.status() != 200 || !"ready".equals(answer.map().get("stage"))) {
      throw new AssertionError("sign-in of " + user + ": " + answer);
    }
  }

  /** A call carrying the session's CSRF token on state changes (as the pages do). */
  Answer call(String method, String path, Object body) throws Exception {
    return send(method, path, body, csrf);
  }

  /** A call with exactly {@code token} as the CSRF header (null: none). */
  Answer send(String method, String path, Object body, String token) throws Exception {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20));
    if (body != null) {
      request.header("Content-Type", "application/json");
    }
    if (token != null && !method.equals("GET")) {
      request.header("X-CSRF-Token", token);
    }
    request.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(JSON.std.asString(body)));
    HttpResponse<String> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    Object json = response.body().isEmpty() ? null : JSON.std.anyFrom(response.body());
    if (json instanceof Map<?, ?> map && map.get("csrfToken") instanceof String token2) {
      csrf = token2;
    }
    return new Answer(response.statusCode(), json);
  }

  /** A raw GET, for the security headers and static files. */
  HttpResponse<String> get(String path) throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(20)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  String csrf() {
    return csrf;
  }
}
