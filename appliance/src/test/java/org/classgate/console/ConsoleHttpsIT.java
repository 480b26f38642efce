package org.classgate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.classgate.console.auth.PasswordHasher;
import org.classgate.tls.CertificatePin;
import org.classgate.tls.PinnedTrust;
import org.classgate.tls.TlsIdentity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console over real TLS on loopback with a box-made certificate: TLS 1.3 negotiated and TLS 1.2
 * refused, HSTS sent, the session cookie Secure, and the plain-HTTP listener answering only with a
 * redirect to the HTTPS console (to one of the box's names, whatever Host says).
 */
class ConsoleHttpsIT {
  @TempDir Path dir;
  private ConsoleFixture fixture;
  private TlsIdentity identity;

  @BeforeEach
  void start() throws Exception {
    identity = TlsIdentity.make(List.of("127.0.0.1", "classgate-oak"), new SecureRandom());
    SSLContext server = identity.serverContext();
    fixture =
        new ConsoleFixture(
            dir,
            new PasswordHasher.Cost(256, 1, 1),
            database -> List.of(),
            (loopback, database) ->
                new ConsoleEndpoint(
                    loopback,
                    server,
                    new InetSocketAddress("127.0.0.1", 0),
                    List.of("127.0.0.1", "classgate-oak"),
                    ClientGate.LOOPBACK_ONLY));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private ConsoleHttp pinned() throws Exception {
    return new ConsoleHttp(fixture.consoleUrl(), PinnedTrust.clientContext(identity.pin()));
  }

  @Test
  void theConsoleSpeaksTls13WithTheBoxKeyAndSendsHsts() throws Exception {
    assertTrue(fixture.consoleUrl().startsWith("https://"));
    HttpResponse<String> response = pinned().send("GET", "/api/setup", (Map<String, ?>) null);
    assertEquals(200, response.statusCode(), response.body());
    assertEquals("TLSv1.3", response.sslSession().orElseThrow().getProtocol());
    X509Certificate served =
        (X509Certificate) response.sslSession().orElseThrow().getPeerCertificates()[0];
    assertEquals(identity.pin(), CertificatePin.of(served));
    assertEquals(
        "max-age=31536000",
        response.headers().firstValue("Strict-Transport-Security").orElse("(none)"));
    HttpResponse<String> page = pinned().send("GET", "/", (Map<String, ?>) null);
    assertEquals(200, page.statusCode());
    assertTrue(page.headers().firstValue("Strict-Transport-Security").isPresent());
    assertTrue(page.body().contains("ClassGate"), page.body());
  }

  @Test
  void aClientPinningAnotherKeyIsRefused() throws Exception {
    TlsIdentity other = TlsIdentity.make(List.of("127.0.0.1"), new SecureRandom());
    ConsoleHttp wrong =
        new ConsoleHttp(fixture.consoleUrl(), PinnedTrust.clientContext(other.pin()));
    assertThrows(SSLException.class, () -> wrong.send("GET", "/api/setup", (Map<String, ?>) null));
  }

  @Test
  void theSessionCookieIsSecureHttpOnlyAndStrict() throws Exception {
    ConsoleHttp http = pinned();
    HttpResponse<String> setup =
        http.send(
            "POST",
            "/api/setup",
            Map.of("user", "tom", "role", "technician", "password", "Network-Box-7"));
    assertEquals(201, setup.statusCode(), setup.body());
    HttpResponse<String> login =
        http.send("POST", "/api/session", Map.of("user", "tom", "password", "Network-Box-7"));
    assertEquals(200, login.statusCode(), login.body());
    String cookie =
        login.headers().allValues("Set-Cookie").stream()
            .filter(c -> c.startsWith(SessionCookie.NAME + "="))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no session cookie: " + login.headers()));
    String lower = cookie.toLowerCase(java.util.Locale.ROOT);
    assertTrue(lower.contains("; secure"), cookie);
    assertTrue(lower.contains("httponly"), cookie);
    assertTrue(lower.contains("samesite=strict"), cookie);
  }

  @Test
  void tls12IsRefused() throws Exception {
    SSLContext old = SSLContext.getInstance("TLSv1.2");
    old.init(null, new TrustManager[] {new PinnedTrust(identity.pin())}, null);
    try (SSLSocket socket =
        (SSLSocket)
            old.getSocketFactory().createSocket("127.0.0.1", fixture.server.consolePort())) {
      socket.setSoTimeout(10_000);
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      assertThrows(SSLException.class, socket::startHandshake);
    }
  }

  @Test
  void plainHttpIsRedirectedToTheSamePathOnHttps() throws Exception {
    int redirect = fixture.server.redirectPort();
    assertTrue(redirect > 0);
    HttpClient client = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();
    HttpResponse<String> response =
        client.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + redirect + "/api/setup?from=lesson%201"))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertEquals(308, response.statusCode());
    assertEquals(
        "https://127.0.0.1:" + fixture.server.consolePort() + "/api/setup?from=lesson%201",
        response.headers().firstValue("Location").orElse("(none)"));
    assertFalse(response.headers().firstValue("Set-Cookie").isPresent(), "no session over HTTP");

    // The browser's own name for the box is kept; a forged one is not followed.
    RawHttp.Response named = RawHttp.get("127.0.0.1", redirect, "/", "classgate-oak:80", null);
    assertEquals(308, named.status());
    assertEquals(
        "https://classgate-oak:" + fixture.server.consolePort() + "/",
        named.headers().get("location"));
    RawHttp.Response forged = RawHttp.get("127.0.0.1", redirect, "/", "evil.example", null);
    assertEquals(308, forged.status());
    assertEquals(
        "https://127.0.0.1:" + fixture.server.consolePort() + "/",
        forged.headers().get("location"));
  }

  @Test
  void theHttpsPortDoesNotAnswerPlainHttp() throws Exception {
    HttpClient client = HttpClient.newHttpClient();
    assertThrows(
        java.io.IOException.class,
        () ->
            client.send(
                HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + fixture.server.consolePort() + "/"))
                    .timeout(java.time.Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
  }
}
