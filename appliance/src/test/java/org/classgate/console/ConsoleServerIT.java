package org.classgate.console;

import static org.classgate.console.auth.Role.TEACHER;
import static org.classgate.console.auth.Role.TECHNICIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.classgate.console.auth.PasswordHasher;
import org.classgate.console.auth.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console over real HTTP on loopback: the permission matrix for every route × every role and
 * anonymous, CSRF refusal, JSON errors for bad input, the security headers and session cookie.
 */
class ConsoleServerIT {
  /**
   * The matrix as the product wants it, from {@code permission-matrix.txt}: "METHOD path" → the
   * roles a fully signed-in user may call each role-checked route with.
   */
  private static Map<String, Set<Role>> expectedMatrix() throws Exception {
    Map<String, Set<Role>> expected = new TreeMap<>();
    try (var in = ConsoleServerIT.class.getResourceAsStream("permission-matrix.txt")) {
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        String[] fields = line.trim().split("\\s+");
        if (fields[0].isEmpty() || fields[0].startsWith("#")) {
          continue;
        }
        Set<Role> roles = EnumSet.noneOf(Role.class);
        for (int i = 2; i < fields.length; i++) {
          roles.add(Role.fromId(fields[i]).orElseThrow(() -> new AssertionError(line)));
        }
        expected.put(fields[0] + " " + fields[1], roles);
      }
    }
    return expected;
  }

  @TempDir Path dir;
  private ConsoleFixture fixture;

  @BeforeEach
  void start() throws Exception {
    // The capability modules whose services a database and a configuration can build.
    IncidentModules incidents = new IncidentModules(dir);
    FilteringModules filtering = new FilteringModules(dir);
    fixture =
        new ConsoleFixture(
            dir,
            new PasswordHasher.Cost(256, 1, 1),
            database -> {
              List<ConsoleModule> modules = new ArrayList<>(incidents.on(database));
              modules.addAll(filtering.on(database));
              modules.addAll(CoreModules.on(database));
              return modules;
            });
    fixture.createUserPerRole();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void everyRouteForEveryRoleAndAnonymous() throws Exception {
    Map<String, Set<Role>> expected = expectedMatrix();
    List<String> wrong = new ArrayList<>();
    Set<String> roleChecked = new TreeSet<>();
    for (Route route : fixture.server.routes()) {
      int anonymous = call(new ConsoleHttp(fixture.consoleUrl()), route);
      boolean anonymousAllowed = route.access() == Access.PUBLIC;
      if (anonymousAllowed == (anonymous == 401)) {
        wrong.add(route + " anonymous → " + anonymous);
      }
      if (route.access() == Access.ROLE) {
        roleChecked.add(route.toString());
      }
      for (Role role : Role.values()) {
        ConsoleHttp http = signedIn(role);
        int status = call(http, route);
        boolean allowed =
            switch (route.access()) {
              case PUBLIC, SESSION, PASSWORD, ENROLMENT -> true;
              case SECOND_FACTOR -> false; // a ready session has no code waiting
              case ROLE -> expected.getOrDefault(route.toString(), Set.of()).contains(role);
            };
        boolean refused = status == 401 || status == 403;
        if (allowed == refused) {
          wrong.add(route + " as " + role.id() + " → " + status);
        }
      }
    }
    assertEquals(List.of(), wrong);
    assertEquals(
        expected.keySet(),
        roleChecked,
        "permission-matrix.txt lists exactly the role-checked routes the console serves");
  }

  @Test
  void pagesLearnWhichRoutesTheirUserMayCall() throws Exception {
    ConsoleHttp teacher = signedIn(TEACHER);
    Object allowed =
        ConsoleHttp.json(teacher.send("GET", "/api/permissions", (Map<String, ?>) null))
            .get("allowed");
    assertTrue(allowed.toString().contains("GET /api/unblock-requests"), allowed.toString());
    assertFalse(allowed.toString().contains("GET /api/users"), allowed.toString());
  }

  @Test
  void stateChangesWithoutTheCsrfTokenAreRefused() throws Exception {
    ConsoleHttp http = signedIn(TECHNICIAN);
    HttpResponse<String> without =
        http.send("POST", "/api/users", "{\"user\":\"sam\",\"role\":\"teacher\"}", false);
    assertEquals(403, without.statusCode());
    assertTrue(ConsoleHttp.json(without).get("error").toString().contains("security token"));
    assertTrue(fixture.accounts.find("sam").isEmpty(), "nothing was created");
    HttpResponse<String> withToken =
        http.send("POST", "/api/users", Map.of("user", "sam", "role", "teacher"));
    assertEquals(201, withToken.statusCode(), withToken.body());
    assertNotNull(ConsoleHttp.json(withToken).get("temporaryPassword"));
    http.csrfToken = "forged";
    assertEquals(403, http.send("DELETE", "/api/session", (Map<String, ?>) null).statusCode());
  }

  @Test
  void badInputIsAClearJsonFourHundredNeverAStackTrace() throws Exception {
    ConsoleHttp http = new ConsoleHttp(fixture.consoleUrl());
    for (String body : new String[] {"", "[1,2]", "{\"user\":", "not json", "{\"user\":5}"}) {
      HttpResponse<String> response = http.send("POST", "/api/session", body, true);
      assertEquals(400, response.statusCode(), body);
      assertTrue(response.headers().firstValue("Content-Type").orElse("").contains("json"));
      assertFalse(response.body().contains("Exception"), response.body());
      assertFalse(ConsoleHttp.json(response).get("error").toString().isBlank());
    }
    assertEquals(
        415,
        http.send("POST", "/api/session", null, true).statusCode(),
        "public state changes need a JSON body");
    HttpResponse<String> big =
        http.send("POST", "/api/session", "{\"user\":\"" + "x".repeat(20_000) + "\"}", true);
    assertEquals(413, big.statusCode());
    assertEquals(404, http.send("GET", "/api/nothing", (Map<String, ?>) null).statusCode());
    assertEquals(405, http.send("PUT", "/api/session", "{}", true).statusCode());
    HttpResponse<String> wrong =
        http.send("POST", "/api/session", Map.of("user", "nobody", "password", "x"));
    assertEquals(401, wrong.statusCode());
    assertEquals("wrong user name or password", ConsoleHttp.json(wrong).get("error"));
  }

  @Test
  void securityHeadersAndTheSessionCookie() throws Exception {
    ConsoleHttp http = new ConsoleHttp(fixture.consoleUrl());
    HttpResponse<String> page = http.send("GET", "/", (Map<String, ?>) null);
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("<script type=\"module\" src=\"/app.js\">"));
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
    assertTrue(csp.contains("frame-ancestors 'none'"), csp);
    assertEquals("nosniff", page.headers().firstValue("X-Content-Type-Options").orElseThrow());
    assertEquals("no-referrer", page.headers().firstValue("Referrer-Policy").orElseThrow());
    HttpResponse<String> login =
        http.send(
            "POST",
            "/api/session",
            Map.of("user", ConsoleFixture.userFor(TEACHER), "password", ConsoleFixture.PASSWORD));
    String cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
    assertTrue(cookie.contains("HttpOnly"), cookie);
    assertTrue(cookie.contains("SameSite=Strict"), cookie);
    assertFalse(cookie.contains("Secure"), "plain HTTP on loopback: " + cookie);
  }

  @Test
  void idleSessionsEnd() throws Exception {
    ConsoleHttp http = signedIn(TEACHER);
    assertEquals(200, http.send("GET", "/api/session", (Map<String, ?>) null).statusCode());
    fixture.nanos[0] += java.time.Duration.ofMinutes(15).toNanos();
    assertEquals(401, http.send("GET", "/api/session", (Map<String, ?>) null).statusCode());
  }

  @Test
  void theBlockPageEscapesTheHostAndRecordsMistakes() throws Exception {
    ConsoleHttp pupil = new ConsoleHttp(fixture.blockPageUrl());
    HttpResponse<String> page = pupil.send("GET", "/anything?q=1", (Map<String, ?>) null);
    assertEquals(403, page.statusCode());
    assertTrue(page.body().contains("blocked at school"));
    assertTrue(page.body().contains("tell your teacher"));
    assertTrue(page.body().contains("I think this is a mistake"));
    assertFalse(page.body().contains("<script"));
    assertTrue(
        page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("'none'"));
  }

  @Test
  void hostileHostHeadersAreShownAsTextAndMistakesBecomeRequests() throws Exception {
    String hostile = "<script>alert(1)</script>\"'.casino.test";
    String page = rawGet(fixture.server.blockPagePort(), hostile);
    assertTrue(page.startsWith("HTTP/1.1 403"), page);
    assertFalse(page.contains("<script>"), page);
    assertTrue(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;.casino.test"), page);
    assertTrue(page.contains("a site for betting money"), "the category in plain words");
    String form =
        "host=" + java.net.URLEncoder.encode(hostile, java.nio.charset.StandardCharsets.UTF_8);
    try (java.net.Socket socket =
        new java.net.Socket("127.0.0.1", fixture.server.blockPagePort())) {
      socket
          .getOutputStream()
          .write(
              ("POST /.classgate/mistake HTTP/1.1\r\nHost: x\r\nConnection: close\r\n"
                      + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                      + form.length()
                      + "\r\n\r\n"
                      + form)
                  .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
      String thanks =
          new String(
              socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
      assertTrue(thanks.contains("Thank you") && !thanks.contains("<script>"), thanks);
    }
    ConsoleHttp teacher = signedIn(TEACHER);
    HttpResponse<String> requests =
        teacher.send("GET", "/api/unblock-requests", (Map<String, ?>) null);
    assertTrue(
        requests.body().contains("casino.test") && requests.body().contains("gambling"),
        requests.body());
  }

  private static String rawGet(int port, String host) throws Exception {
    try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
      socket
          .getOutputStream()
          .write(
              ("GET / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return new String(
          socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
  }

  private ConsoleHttp signedIn(Role role) throws Exception {
    ConsoleHttp http = new ConsoleHttp(fixture.consoleUrl());
    HttpResponse<String> login =
        http.send(
            "POST",
            "/api/session",
            Map.of("user", ConsoleFixture.userFor(role), "password", ConsoleFixture.PASSWORD));
    assertEquals(200, login.statusCode(), login.body());
    if (role.requiresTotp()) {
      HttpResponse<String> code =
          http.send("POST", "/api/session/totp", Map.of("code", fixture.freshCode(role)));
      assertEquals(200, code.statusCode(), code.body());
    }
    assertEquals(
        "ready",
        ConsoleHttp.json(http.send("GET", "/api/session", (Map<String, ?>) null)).get("stage"));
    return http;
  }

  private static int call(ConsoleHttp http, Route route) throws Exception {
    String path = route.path().replace("{name}", "nobody");
    return route.changesState()
        ? http.send(route.method(), path, "{}", true).statusCode()
        : http.send(route.method(), path, (Map<String, ?>) null).statusCode();
  }
}
