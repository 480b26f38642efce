package org.classgate.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.classgate.console.auth.Accounts;
import org.classgate.console.auth.Role;
import org.classgate.console.auth.Totp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub's staff views end to end: a real box-side sender delivers real payloads over the pinned
 * TLS channel, an administrator approves the box through the web API (refused without the CSRF
 * token), then every view's JSON is checked against what the box sent, and every route against
 * every role.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HubViewsIT {
  static final String PASSWORD = "Corr3ct-Horse-Battery";
  static final String CLASSROOM = "Year 6 <b>Ash</b>";

  @TempDir static Path hubDir;
  @TempDir static Path boxDir;
  HubFixture hub;
  BoxFixture box;
  UUID boxId;
  final Map<Role, String> secrets = new EnumMap<>(Role.class);

  static String userFor(Role role) {
    return role.id().replace("-", "") + "1";
  }

  @BeforeAll
  void deliverAndApprove() throws Exception {
    hub = new HubFixture(hubDir);
    box =
        new BoxFixture(
            boxDir,
            hub.url(),
            hub.pin(),
            BoxFixture.fastSettings(64),
            Duration.ofSeconds(5),
            CLASSROOM);
    createUsers();
    SchoolRecords.appendTo(box, "<img src=x onerror=alert(1)>");
    box.sender.start();
    boxId = box.keys().id();
    Eventually.await(
        "the enrolment request",
        Duration.ofSeconds(20),
        () -> hub.hub.store().box(boxId).isPresent());

    HubWeb admin = signedIn(Role.HEADTEACHER);
    Map<String, Object> pending = admin.call("GET", "/api/boxes", null).list().get(0);
    assertEquals("pending", pending.get("status"));
    assertEquals(CLASSROOM, pending.get("classroom"));
    String code = box.keys().publicKeys().enrolmentCode();
    assertEquals(code, pending.get("code"));
    assertEquals(box.keys().publicKeys().fingerprint(), pending.get("fingerprint"));

    String approve = "/api/boxes/" + boxId + "/approve";
    Map<String, String> body = Map.of("code", code);
    assertEquals(403, admin.send("POST", approve, body, null).status(), "no CSRF token");
    assertEquals(403, admin.send("POST", approve, body, "forged").status(), "wrong CSRF token");
    assertEquals(BoxStatus.PENDING, hub.hub.store().box(boxId).orElseThrow().status());
    assertEquals(400, admin.call("POST", approve, Map.of("code", "ABCD-EFGH")).status());
    HubWeb.Answer approved = admin.call("POST", approve, body);
    assertEquals(200, approved.status(), approved.toString());
    assertEquals("approved", approved.map().get("status"));
    Eventually.await(
        "the drain", Duration.ofSeconds(30), () -> box.acknowledged() == SchoolRecords.RECORDS);
  }

  @AfterAll
  void stop() {
    box.close();
    hub.close();
  }

  private void createUsers() throws Exception {
    Accounts accounts = hub.hub.accounts();
    Totp totp = new Totp(hub.clock);
    accounts.setUp(userFor(Role.TECHNICIAN), Role.TECHNICIAN, PASSWORD, "test");
    for (Role role : Role.values()) {
      String user = userFor(role);
      if (role != Role.TECHNICIAN) {
        String temporary = accounts.create(userFor(Role.TECHNICIAN), user, role, "test");
        accounts.changePassword(user, temporary, PASSWORD, "test");
      }
      if (role.requiresTotp()) {
        String secret = accounts.newTotpSecret();
        accounts.enrolTotp(user, secret, totp.codeNow(secret), "test");
        secrets.put(role, secret);
      }
    }
  }

  HubWeb signedIn(Role role) throws Exception {
    HubWeb web = new HubWeb(hub.url(), hub.pin());
    String code = null;
    if (role.requiresTotp()) {
      hub.clock.advance(Duration.ofSeconds(30)); // a step never used before
      code = new Totp(hub.clock).codeNow(secrets.get(role));
    }
    web.signIn(userFor(role), PASSWORD, code);
    return web;
  }

  @Test
  void classroomsShowHealthLastContactAndCounts() throws Exception {
    List<Map<String, Object>> rows = signedIn(Role.DSL).call("GET", "/api/classrooms", null).list();
    assertEquals(1, rows.size());
    Map<String, Object> row = rows.get(0);
    assertEquals(CLASSROOM, row.get("classroom"));
    assertEquals("approved", row.get("status"));
    assertEquals(
        hub.clock.instant().toString().substring(0, 10),
        ((String) row.get("lastContact")).substring(0, 10));
    assertEquals(0, ((Number) row.get("waiting")).intValue());
    assertEquals(0, ((Number) row.get("lost")).intValue());
    @SuppressWarnings("unchecked")
    Map<String, Object> health = (Map<String, Object>) row.get("health");
    assertEquals("degraded", health.get("state"));
    assertEquals(23, ((Number) health.get("devicesOnline")).intValue());
    assertTrue(health.get("problems").toString().contains("list stale <img src=x"));
  }

  @Test
  void incidentsShowEachIncidentsLatestStateNewestFirstWithItsSnapshot() throws Exception {
    HubWeb dsl = signedIn(Role.DSL);
    List<Map<String, Object>> incidents = dsl.call("GET", "/api/incidents", null).list();
    assertEquals(2, incidents.size(), "two incidents, the first superseded once");
    Map<String, Object> pressed = incidents.get(0);
    assertEquals(boxId + ":1", pressed.get("key"));
    assertEquals("acknowledged", pressed.get("status"), "the later record wins");
    assertEquals(2, ((Number) pressed.get("pressCount")).intValue());
    assertEquals("Year 5 Oak", pressed.get("classroom"));
    assertEquals("closed", incidents.get(1).get("status"));

    HubWeb.Answer detail = dsl.call("GET", "/api/incidents/" + boxId + ":1", null);
    assertEquals(200, detail.status());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> snapshot = (List<Map<String, Object>>) detail.map().get("snapshot");
    assertEquals(2, snapshot.size());
    assertEquals("<img src=x onerror=alert(1)>.example", snapshot.get(1).get("name"));
    assertEquals("BLOCKED", snapshot.get(1).get("outcome"));
    assertEquals(1, ((List<?>) detail.map().get("actions")).size());
    assertEquals(404, dsl.call("GET", "/api/incidents/" + boxId + ":99", null).status());
    assertEquals(404, dsl.call("GET", "/api/incidents/not-a-key", null).status());
  }

  @Test
  void alertsAcrossClassroomsNewestFirst() throws Exception {
    List<Map<String, Object>> alerts =
        signedIn(Role.ONLINE_SAFETY_OFFICER).call("GET", "/api/alerts", null).list();
    assertEquals(2, alerts.size());
    assertEquals("locked-content", alerts.get(0).get("kind"));
    assertEquals(CLASSROOM, alerts.get(0).get("classroom"));
    assertEquals(boxId + ":1", alerts.get(1).get("incident"));
  }

  @Test
  void changeLogInSequenceWithTheChainChecked() throws Exception {
    HubWeb.Answer log = signedIn(Role.TECHNICIAN).call("GET", "/api/change-logs/" + boxId, null);
    assertEquals(200, log.status());
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows = (List<Map<String, Object>>) log.map().get("rows");
    assertEquals(
        List.of(1, 2, 3), rows.stream().map(r -> ((Number) r.get("index")).intValue()).toList());
    assertEquals(List.of(true, true, false), rows.stream().map(r -> r.get("linked")).toList());
  }

  @Test
  void termlyReportCountsTheTermAnonymously() throws Exception {
    HubWeb.Answer answer = signedIn(Role.GOVERNOR).call("GET", "/api/termly-report", null);
    assertEquals(200, answer.status());
    Map<String, Object> report = answer.map();
    assertEquals("2025-01-01", report.get("from"));
    assertEquals(List.of("2025-01", "2025-02", "2025-03"), report.get("months"));
    assertEquals(List.of(100, 250, 0), report.get("allowed"));
    assertEquals(List.of(5, 8, 0), report.get("blocked"));
    assertEquals(
        Map.of("adult", List.of(5, 3, 0), "games", List.of(0, 5, 0)),
        report.get("blockedByCategory"));
    @SuppressWarnings("unchecked")
    Map<String, Object> incidents = (Map<String, Object>) report.get("incidents");
    assertEquals(List.of(0, 1, 0), incidents.get("button"));
    assertEquals(List.of(1, 0, 0), incidents.get("staff"));
    String text = report.toString();
    assertTrue(!text.contains("dev-") && !text.contains("example") && !text.contains("Ash"), text);
    assertEquals(
        400,
        signedIn(Role.GOVERNOR).call("GET", "/api/termly-report?from=2025-13-01", null).status());
  }

  /**
   * Every route for every role and for nobody: allowed answers pass the gate, others are refused.
   */
  @Test
  void everyRouteForEveryRoleAndAnonymous() throws Exception {
    String missing = "/api/boxes/" + UUID.randomUUID();
    Map<String, List<Role>> routes =
        Map.of(
            "GET /api/classrooms",
            List.of(Role.ONLINE_SAFETY_OFFICER, Role.DSL, Role.HEADTEACHER, Role.TECHNICIAN),
            "GET /api/incidents",
            List.of(Role.ONLINE_SAFETY_OFFICER, Role.DSL, Role.HEADTEACHER),
            "GET /api/incidents/" + boxId + ":1",
            List.of(Role.ONLINE_SAFETY_OFFICER, Role.DSL, Role.HEADTEACHER),
            "GET /api/alerts",
            List.of(Role.ONLINE_SAFETY_OFFICER, Role.DSL, Role.HEADTEACHER),
            "GET /api/change-logs/" + boxId,
            List.of(Role.ONLINE_SAFETY_OFFICER, Role.DSL, Role.HEADTEACHER, Role.TECHNICIAN),
            "GET /api/termly-report",
            List.of(Role.GOVERNOR, Role.ONLINE_SAFETY_OFFICER, Role.DSL, Role.HEADTEACHER),
            "GET /api/boxes",
            List.of(Role.HEADTEACHER, Role.TECHNICIAN),
            "POST " + missing + "/approve",
            List.of(Role.HEADTEACHER, Role.TECHNICIAN),
            "POST " + missing + "/remove",
            List.of(Role.HEADTEACHER, Role.TECHNICIAN));
    HubWeb anonymous = new HubWeb(hub.url(), hub.pin());
    Map<Role, HubWeb> sessions = new EnumMap<>(Role.class);
    for (Role role : Role.values()) {
      sessions.put(role, signedIn(role));
    }
    for (Map.Entry<String, List<Role>> route : routes.entrySet()) {
      String[] parts = route.getKey().split(" ");
      Object body = parts[0].equals("POST") ? Map.of("code", "x") : null;
      assertEquals(401, anonymous.call(parts[0], parts[1], body).status(), route.getKey());
      for (Role role : Role.values()) {
        int status = sessions.get(role).call(parts[0], parts[1], body).status();
        int expected =
            route.getValue().contains(role) ? (parts[0].equals("POST") ? 404 : 200) : 403;
        assertEquals(expected, status, route.getKey() + " as " + role.id());
      }
    }
  }

  @Test
  void pagesCarryTheConsolesSecurityHeadersOverHttps() throws Exception {
    var page = new HubWeb(hub.url(), hub.pin()).get("/");
    assertEquals(200, page.statusCode());
    assertTrue(page.body().contains("ClassGate school hub"));
    String csp = page.headers().firstValue("Content-Security-Policy").orElseThrow();
    assertTrue(csp.contains("script-src 'self'") && !csp.contains("unsafe-inline"), csp);
    assertNotNull(page.headers().firstValue("Strict-Transport-Security").orElse(null));
    assertEquals(
        200, new HubWeb(hub.url(), hub.pin()).get("/app.js").statusCode(), "console shell");
    assertEquals(200, new HubWeb(hub.url(), hub.pin()).get("/pages/users.js").statusCode());
    assertEquals(
        200, new HubWeb(hub.url(), hub.pin()).get("/vendor/uplot/uPlot.esm.js").statusCode());
    assertNull(new HubWeb(hub.url(), hub.pin()).call("GET", "/api/setup", null).map().get("error"));
  }
}
