package org.classgate.console;

import static org.classgate.console.auth.Role.DSL;
import static org.classgate.console.auth.Role.GOVERNOR;
import static org.classgate.console.auth.Role.HEADTEACHER;
import static org.classgate.console.auth.Role.TEACHER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.classgate.activity.QueryRecord;
import org.classgate.activity.store.SqliteActivityStore;
import org.classgate.console.auth.PasswordHasher;
import org.classgate.dns.Outcome;
import org.classgate.dns.wire.Name;
import org.classgate.incidents.Alert;
import org.classgate.incidents.AlertKind;
import org.classgate.time.Stamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Alerts (list, acknowledge, dismiss, with who) and the reports (the governors' termly report as
 * JSON and CSV, the weekly monitoring report) over real HTTP on a real SQLite database, the block
 * counts written by the real activity store.
 */
class AlertAndReportRoutesIT {
  @TempDir Path dir;
  private IncidentModules modules;
  private ConsoleFixture fixture;

  @BeforeEach
  void start() throws Exception {
    modules = new IncidentModules(dir);
    fixture = new ConsoleFixture(dir, new PasswordHasher.Cost(256, 1, 1), modules);
    fixture.createUserPerRole();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private void alert(AlertKind kind, String client, String category, String name, String detail)
      throws Exception {
    modules.alerts.add(
        List.of(new Alert(modules.time.now(), kind, client, null, category, name, 0, detail)));
  }

  @Test
  void alertsAreListedWithSeverityAndHandledOnceWithWho() throws Exception {
    alert(AlertKind.REPEATED_BLOCKS, "10.40.0.8", "gambling", "bet.test", "blocked 5 times");
    alert(AlertKind.LOCKED_CONTENT, "10.40.0.9", "illegal", "<b>x</b>.test", "locked list");
    ConsoleHttp dsl = SignedIn.as(fixture, DSL);
    List<Object> open = list(dsl, "/api/alerts");
    assertEquals(2, open.size());
    Map<?, ?> newest = (Map<?, ?>) open.get(0);
    assertEquals("locked-content", newest.get("kind"));
    assertEquals("urgent", newest.get("severity"));
    assertEquals("<b>x</b>.test", newest.get("name"));
    assertTrue(((String) newest.get("device")).matches("device [0-9a-f]{8}"), newest.toString());
    assertEquals("medium", ((Map<?, ?>) open.get(1)).get("severity"));

    long locked = ((Number) newest.get("id")).longValue();
    long repeated = ((Number) ((Map<?, ?>) open.get(1)).get("id")).longValue();
    HttpResponse<String> ack = dsl.send("POST", "/api/alerts/" + locked + "/acknowledge", Map.of());
    assertEquals(200, ack.statusCode(), ack.body());
    assertEquals("acknowledged", ConsoleHttp.json(ack).get("handling"));
    assertEquals(ConsoleFixture.userFor(DSL), ConsoleHttp.json(ack).get("handledBy"));
    assertEquals(modules.clock.instant().toString(), ConsoleHttp.json(ack).get("handledAt"));

    ConsoleHttp head = SignedIn.as(fixture, HEADTEACHER);
    HttpResponse<String> twice = head.send("POST", "/api/alerts/" + locked + "/dismiss", Map.of());
    assertEquals(409, twice.statusCode());
    assertEquals(
        "alert " + locked + " was already acknowledged by " + ConsoleFixture.userFor(DSL),
        ConsoleHttp.json(twice).get("error"));
    assertEquals(
        200, head.send("POST", "/api/alerts/" + repeated + "/dismiss", Map.of()).statusCode());

    assertEquals(List.of(), list(dsl, "/api/alerts?show=open"));
    List<Object> all = list(dsl, "/api/alerts?show=all");
    assertEquals("dismissed", ((Map<?, ?>) all.get(1)).get("handling"));
    assertEquals(ConsoleFixture.userFor(HEADTEACHER), ((Map<?, ?>) all.get(1)).get("handledBy"));
    assertEquals(400, dsl.send("GET", "/api/alerts?show=some", (Map<String, ?>) null).statusCode());
    assertEquals(404, dsl.send("POST", "/api/alerts/77/dismiss", Map.of()).statusCode());
    ConsoleHttp teacher = SignedIn.as(fixture, TEACHER);
    assertEquals(403, teacher.send("GET", "/api/alerts", (Map<String, ?>) null).statusCode());
  }

  /** Blocks as the activity writer stores them: one batch at {@code at} with {@code outcomes}. */
  private void blocks(Instant at, Name name, int categories, Outcome outcome, int count)
      throws Exception {
    SqliteActivityStore store =
        new SqliteActivityStore(
            fixture.database,
            mask -> {
              List<String> names = new ArrayList<>();
              if ((mask & 1) != 0) {
                names.add("adult");
              }
              if ((mask & 2) != 0) {
                names.add("=HYPERLINK(\"http://evil.test\",\"x\")");
              }
              return names;
            },
            IncidentModules.ZONE);
    Stamp stamp =
        new Stamp(modules.time.now().sequence(), "boot-old", 1_000L, at.toEpochMilli(), true);
    QueryRecord[] rows = new QueryRecord[count];
    for (int i = 0; i < count; i++) {
      rows[i] =
          new QueryRecord(
              1_000L,
              InetAddress.getByName("10.40.0.5"),
              "aa:bb",
              "pupil",
              name,
              1,
              outcome,
              categories,
              1);
    }
    store.append(stamp, rows, count);
  }

  @Test
  void theTermlyReportCountsByMonthAnonymouslyAsJsonAndSafeCsv() throws Exception {
    blocks(Instant.parse("2025-01-15T10:00:00Z"), Name.of("a.adult.test"), 1, Outcome.BLOCKED, 3);
    blocks(Instant.parse("2025-02-03T10:00:00Z"), Name.of("b.adult.test"), 1, Outcome.BLOCKED, 2);
    blocks(Instant.parse("2025-02-04T10:00:00Z"), Name.of("c.evil.test"), 2, Outcome.BLOCKED, 4);
    blocks(Instant.parse("2025-02-04T11:00:00Z"), Name.of("ok.test"), 0, Outcome.ALLOWED, 9);
    blocks(Instant.parse("2024-12-31T10:00:00Z"), Name.of("d.adult.test"), 1, Outcome.BLOCKED, 7);
    modules.incidents.press(0);
    modules.incidents.log("Upsetting message", "2025-03-03 08:00", "Mr Khan");

    ConsoleHttp governor = SignedIn.as(fixture, GOVERNOR);
    HttpResponse<String> response =
        governor.send("GET", "/api/reports/termly?year=2024-25&term=spring", (Map<String, ?>) null);
    assertEquals(200, response.statusCode(), response.body());
    Map<String, Object> report = ConsoleHttp.json(response);
    assertEquals("Spring term 2024-25", report.get("title"));
    assertEquals(List.of("2025-01", "2025-02", "2025-03"), report.get("months"));
    assertEquals(
        List.of(
            Map.of("name", "report button", "counts", List.of(0, 0, 1), "total", 1),
            Map.of("name", "logged by staff", "counts", List.of(0, 0, 1), "total", 1)),
        report.get("incidents"));
    assertEquals(
        List.of(
            Map.of(
                "name",
                "=HYPERLINK(\"http://evil.test\",\"x\")",
                "counts",
                List.of(0, 4, 0),
                "total",
                4),
            Map.of("name", "adult", "counts", List.of(3, 2, 0), "total", 5)),
        report.get("blocks"));
    String body = response.body();
    assertTrue(
        !body.contains("10.40.0.5") && !body.contains("aa:bb") && !body.contains("Khan"), body);

    HttpResponse<String> csv =
        governor.send(
            "GET", "/api/reports/termly.csv?year=2024-25&term=spring", (Map<String, ?>) null);
    assertEquals(200, csv.statusCode());
    assertEquals("text/csv; charset=utf-8", csv.headers().firstValue("Content-Type").orElseThrow());
    assertEquals(
        "attachment; filename=\"termly-report-2024-25-spring.csv\"",
        csv.headers().firstValue("Content-Disposition").orElseThrow());
    assertEquals(
        "Spring term 2024-25 (anonymised counts)\r\n"
            + "what,name,2025-01,2025-02,2025-03,total\r\n"
            + "incidents,report button,0,0,1,1\r\n"
            + "incidents,logged by staff,0,0,1,1\r\n"
            + "blocked requests,\"'=HYPERLINK(\"\"http://evil.test\"\",\"\"x\"\")\",0,4,0,4\r\n"
            + "blocked requests,adult,3,2,0,5\r\n",
        csv.body());

    HttpResponse<String> autumn =
        governor.send("GET", "/api/reports/termly?year=2024-25&term=autumn", (Map<String, ?>) null);
    assertEquals(
        List.of(Map.of("name", "adult", "counts", List.of(0, 0, 0, 7), "total", 7)),
        ConsoleHttp.json(autumn).get("blocks"));
    for (String bad :
        List.of(
            "?year=2024-26&term=spring", "?year=2024&term=spring", "?year=2024-25&term=winter")) {
      HttpResponse<String> refused =
          governor.send("GET", "/api/reports/termly.csv" + bad, (Map<String, ?>) null);
      assertEquals(400, refused.statusCode(), bad);
      assertTrue(refused.headers().firstValue("Content-Type").orElseThrow().contains("json"));
    }
    assertEquals(
        "Spring term 2024-25",
        ConsoleHttp.json(governor.send("GET", "/api/reports/termly", (Map<String, ?>) null))
            .get("title"),
        "without a choice: the term the clock is in");
    for (String other :
        List.of("/api/reports/weekly", "/api/incidents", "/api/alerts", "/api/users")) {
      assertEquals(403, governor.send("GET", other, (Map<String, ?>) null).statusCode(), other);
    }
  }

  @Test
  void theWeeklyReportIsForSafeguardingRoles() throws Exception {
    alert(
        AlertKind.SAFEGUARDING_CATEGORY,
        "10.40.0.9",
        "self-harm",
        "harm.test",
        "10.40.0.9 asked for harm.test");
    modules.incidents.press(0);
    ConsoleHttp dsl = SignedIn.as(fixture, DSL);
    Map<String, Object> weekly =
        ConsoleHttp.json(
            dsl.send("GET", "/api/reports/weekly?week=2025-03-05", (Map<String, ?>) null));
    assertEquals("2025-03-03", weekly.get("from"));
    assertEquals("2025-03-09", weekly.get("to"));
    String text = (String) weekly.get("text");
    assertTrue(
        text.startsWith(
            "Weekly safeguarding summary: Year 6 Birch, Mon 3 Mar 2025 to Sun 9 Mar 2025"),
        text);
    assertTrue(text.contains("Alerts: 2"), text);
    assertTrue(text.contains("10.40.0.9 asked for harm.test"), text);
    assertTrue(text.contains("Incidents opened: 1"), text);
    Map<String, Object> earlier =
        ConsoleHttp.json(
            dsl.send("GET", "/api/reports/weekly?week=2025-02-24", (Map<String, ?>) null));
    assertTrue(((String) earlier.get("text")).contains("Alerts: 0"), earlier.toString());
    assertEquals(
        400, dsl.send("GET", "/api/reports/weekly?week=last", (Map<String, ?>) null).statusCode());
    ConsoleHttp teacher = SignedIn.as(fixture, TEACHER);
    assertEquals(
        403, teacher.send("GET", "/api/reports/weekly", (Map<String, ?>) null).statusCode());
    assertEquals(
        403, teacher.send("GET", "/api/reports/termly", (Map<String, ?>) null).statusCode());
  }

  private static List<Object> list(ConsoleHttp http, String path) throws Exception {
    HttpResponse<String> response = http.send("GET", path, (Map<String, ?>) null);
    assertEquals(200, response.statusCode(), response.body());
    return JSON.std.listFrom(response.body());
  }
}
