package org.classgate.console;

import static org.classgate.console.FilteringModules.BLOCKED;
import static org.classgate.console.FilteringModules.HIGH_RISK;
import static org.classgate.console.FilteringModules.LOCKED;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.classgate.console.auth.PasswordHasher;
import org.classgate.console.auth.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The filtering API over real HTTP, on the box's own filtering module over a real configuration and
 * database: the policy view, explain, unblocks with the approval rules (teacher fast path, senior
 * approval, locked names never), expiry by the stepped clock, the pupils' request queue (grant and
 * refuse, both recorded) and the change-control log with its verification.
 */
class FilteringRoutesIT {
  @TempDir Path dir;
  private FilteringModules modules;
  private ConsoleFixture fixture;

  @BeforeEach
  void start() throws Exception {
    modules = new FilteringModules(dir);
    fixture = new ConsoleFixture(dir, new PasswordHasher.Cost(256, 1, 1), modules::on);
    fixture.createUserPerRole();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  @Test
  void thePolicyInForceIsShownReadOnly() throws Exception {
    ConsoleHttp teacher = SignedIn.as(fixture, Role.TEACHER);
    Map<String, Object> policy = get(teacher, "/api/filtering/policy");
    assertEquals(List.of("illegal"), policy.get("lockedLists"));
    assertEquals("Europe/London", policy.get("zone"));
    assertEquals("pupil", policy.get("defaultProfile"));
    String text = policy.toString();
    assertTrue(text.contains("name=lessons"), text);
    Map<?, ?> pupil =
        ((List<?>) policy.get("profiles"))
            .stream()
                .map(p -> (Map<?, ?>) p)
                .filter(p -> p.get("name").equals("pupil"))
                .findFirst()
                .orElseThrow();
    assertEquals(List.of(FilteringModules.ALLOWED_ENTRY), pupil.get("allow"));
    assertEquals(List.of(FilteringModules.DENIED), pupil.get("deny"));
    String blocked = pupil.get("blocked").toString();
    assertTrue(blocked.contains("games") && blocked.contains("gambling"), blocked);
  }

  @Test
  void aTeacherUnblocksForTheRestOfTheLessonAndItExpires() throws Exception {
    ConsoleHttp teacher = SignedIn.as(fixture, Role.TEACHER);
    assertEquals("blocked", explain(teacher, "www." + BLOCKED).get("verdict"));

    HttpResponse<String> granted = grant(teacher, BLOCKED, "profile:pupil", "lesson", "Y6 quiz");
    assertEquals(201, granted.statusCode(), granted.body());
    Map<String, Object> allowance = ConsoleHttp.json(granted);
    assertEquals("2025-03-03T10:00:00Z", allowance.get("expiry"), "the lesson's end");
    assertEquals("teacher1", allowance.get("approvedBy"));
    assertEquals(
        "allowed_by_allowance", explain(teacher, "www." + BLOCKED).get("verdict"), "in force");
    List<?> active = list(teacher, "/api/allowances");
    assertEquals(1, active.size());

    modules.clock.advance(Duration.ofMinutes(51));
    assertEquals("blocked", explain(teacher, "www." + BLOCKED).get("verdict"), "expired");
    assertEquals(
        409,
        grant(teacher, BLOCKED, "classroom", "lesson", "break").statusCode(),
        "no lesson at 10:01");
  }

  @Test
  void theApprovalRulesAndTheLockedListsHold() throws Exception {
    ConsoleHttp teacher = SignedIn.as(fixture, Role.TEACHER);
    HttpResponse<String> locked = grant(teacher, "www." + LOCKED, "classroom", "hour", "test");
    assertEquals(403, locked.statusCode());
    assertTrue(error(locked).contains("locked list (illegal content)"), error(locked));
    Map<String, Object> why = explain(teacher, LOCKED);
    assertEquals(true, why.get("locked"));
    assertTrue(why.get("explanation").toString().contains("LOCKED"), why.toString());

    HttpResponse<String> allDay = grant(teacher, BLOCKED, "classroom", "today", "research");
    assertEquals(403, allDay.statusCode());
    assertTrue(error(allDay).contains("at most 60 minutes"), error(allDay));
    HttpResponse<String> highRisk = grant(teacher, HIGH_RISK, "classroom", "hour", "maths");
    assertEquals(403, highRisk.statusCode());
    assertTrue(error(highRisk).contains("high-risk"), error(highRisk));
    HttpResponse<String> denied =
        grant(teacher, FilteringModules.DENIED, "profile:pupil", "hour", "chat lesson");
    assertEquals(403, denied.statusCode());
    assertTrue(error(denied).contains("deny entries"), error(denied));
    assertEquals(400, grant(teacher, BLOCKED, "profile:nobody", "hour", "x").statusCode());
    assertEquals(400, grant(teacher, BLOCKED, "classroom", "week", "x").statusCode());
    assertEquals(400, grant(teacher, BLOCKED, "classroom", "hour", "  ").statusCode());
    assertEquals(400, grant(teacher, "com", "classroom", "hour", "x").statusCode());

    ConsoleHttp officer = SignedIn.as(fixture, Role.ONLINE_SAFETY_OFFICER);
    HttpResponse<String> today = grant(officer, BLOCKED, "classroom", "today", "project week");
    assertEquals(201, today.statusCode(), today.body());
    assertEquals("2025-03-04T00:00:00Z", ConsoleHttp.json(today).get("expiry"));
    assertEquals(1, list(teacher, "/api/allowances").size(), "refusals made nothing");
  }

  @Test
  void pupilsRequestsAreGrantedOrRefusedAndEverythingIsLogged() throws Exception {
    mistake(BLOCKED);
    mistake(HIGH_RISK);
    ConsoleHttp teacher = SignedIn.as(fixture, Role.TEACHER);
    List<?> queue = list(teacher, "/api/unblock-requests");
    assertEquals(2, queue.size(), queue.toString());
    Map<?, ?> quiz = find(queue, BLOCKED);
    assertEquals("pupil", quiz.get("profile"), "the grant form's suggested scope");

    HttpResponse<String> granted =
        teacher.send(
            "POST",
            "/api/allowances",
            Map.of(
                "domain", BLOCKED,
                "scope", "profile:pupil",
                "duration", "hour",
                "reason", "quiz for Y6",
                "request", quiz.get("id").toString()));
    assertEquals(201, granted.statusCode(), granted.body());
    Object pokerId = find(queue, HIGH_RISK).get("id");
    assertEquals(
        400,
        teacher
            .send("POST", "/api/unblock-requests/" + pokerId + "/refuse", Map.of("reason", ""))
            .statusCode(),
        "a refusal needs a reason");
    assertEquals(
        200,
        teacher
            .send(
                "POST", "/api/unblock-requests/" + pokerId + "/refuse", Map.of("reason", "betting"))
            .statusCode());
    assertEquals(List.of(), list(teacher, "/api/unblock-requests"), "both closed");
    assertEquals(
        404,
        teacher
            .send("POST", "/api/unblock-requests/" + pokerId + "/refuse", Map.of("reason", "again"))
            .statusCode());
    assertTrue(
        modules
            .requestsClosedBy(fixture.database)
            .containsAll(
                List.of(
                    "granted teacher1 (teacher) quiz for Y6",
                    "refused teacher1 (teacher) betting")),
        modules.requestsClosedBy(fixture.database).toString());

    long id = ((Number) ConsoleHttp.json(granted).get("id")).longValue();
    HttpResponse<String> revoked =
        teacher.send("POST", "/api/allowances/" + id + "/revoke", Map.of("reason", "done early"));
    assertEquals(200, revoked.statusCode(), revoked.body());
    assertEquals("blocked", explain(teacher, "www." + BLOCKED).get("verdict"));

    assertEquals(403, teacher.send("GET", "/api/change-log", (Map<String, ?>) null).statusCode());
    ConsoleHttp officer = SignedIn.as(fixture, Role.ONLINE_SAFETY_OFFICER);
    Map<String, Object> log = get(officer, "/api/change-log");
    assertEquals(true, log.get("intact"), log.toString());
    assertTrue(log.get("verification").toString().startsWith("change log intact: 2 rows"));
    List<?> entries = (List<?>) log.get("entries");
    assertEquals("allowance.revoke", ((Map<?, ?>) entries.get(0)).get("action"), "newest first");
    assertEquals("done early", ((Map<?, ?>) entries.get(0)).get("reason"));
    assertEquals("allowance.create", ((Map<?, ?>) entries.get(1)).get("action"));
    assertEquals("teacher1 (TEACHER)", ((Map<?, ?>) entries.get(1)).get("actor"));
  }

  private HttpResponse<String> grant(
      ConsoleHttp http, String domain, String scope, String duration, String reason)
      throws Exception {
    return http.send(
        "POST",
        "/api/allowances",
        Map.of("domain", domain, "scope", scope, "duration", duration, "reason", reason));
  }

  private static Map<String, Object> explain(ConsoleHttp http, String name) throws Exception {
    HttpResponse<String> response =
        http.send("POST", "/api/filtering/explain", Map.of("name", name, "profile", "pupil"));
    assertEquals(200, response.statusCode(), response.body());
    return ConsoleHttp.json(response);
  }

  /** "I think this is a mistake" from the block page, as a pupil's browser posts it. */
  private void mistake(String host) throws Exception {
    HttpResponse<String> thanks =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(fixture.blockPageUrl() + BlockPage.MISTAKE_PATH))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(
                        HttpRequest.BodyPublishers.ofString(
                            "host=" + URLEncoder.encode(host, StandardCharsets.UTF_8)))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertEquals(200, thanks.statusCode(), thanks.body());
  }

  private static Map<?, ?> find(List<?> rows, String host) {
    return rows.stream()
        .map(r -> (Map<?, ?>) r)
        .filter(r -> host.equals(r.get("host")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(host + " not in " + rows));
  }

  private static Map<String, Object> get(ConsoleHttp http, String path) throws Exception {
    HttpResponse<String> response = http.send("GET", path, (Map<String, ?>) null);
    assertEquals(200, response.statusCode(), response.body());
    return ConsoleHttp.json(response);
  }

  private static List<?> list(ConsoleHttp http, String path) throws Exception {
    HttpResponse<String> response = http.send("GET", path, (Map<String, ?>) null);
    assertEquals(200, response.statusCode(), response.body());
    return com.fasterxml.jackson.jr.ob.JSON.std.listFrom(response.body());
  }

  private static String error(HttpResponse<String> response) throws Exception {
    String error = String.valueOf(ConsoleHttp.json(response).get("error"));
    assertFalse(error.isBlank());
    return error;
  }
}
