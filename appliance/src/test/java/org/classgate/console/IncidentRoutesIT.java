package org.classgate.console;

import static org.classgate.console.auth.Role.DSL;
import static org.classgate.console.auth.Role.GOVERNOR;
import static org.classgate.console.auth.Role.TEACHER;
import static org.classgate.console.auth.Role.TECHNICIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.classgate.activity.QueryRecord;
import org.classgate.console.auth.PasswordHasher;
import org.classgate.devices.DeviceClass;
import org.classgate.devices.DeviceEvent;
import org.classgate.devices.MacAddress;
import org.classgate.dns.Outcome;
import org.classgate.dns.wire.Name;
import org.classgate.health.BoxState;
import org.classgate.incidents.IncidentLog;
import org.classgate.panel.LedColour;
import org.classgate.panel.LedPattern;
import org.classgate.panel.Panel;
import org.classgate.panel.PanelTimings;
import org.classgate.panel.PressReceipt;
import org.classgate.panel.ReportSink;
import org.classgate.panel.simulated.SimulatedPanelHardware;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The incident routes over real HTTP with a real SQLite database: a press waits for staff on the
 * panel's LED until a teacher acknowledges it in the console; status moves one step at a time; the
 * two-reviewer rule; who may do what; the activity snapshot with device names and blocks marked;
 * hand-logged incidents checked; refusals as JSON 4xx.
 */
class IncidentRoutesIT {
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

  /** The panel's report port answered by the incident log, as the appliance wires it. */
  private static ReportSink sink(IncidentLog log) {
    return new ReportSink() {
      @Override
      public Recorded record(Press press) throws ReportException {
        try {
          IncidentLog.PressRecorded recorded = log.press(press.reportId());
          return new Recorded(
              recorded.incidentId(), recorded.pressCount(), recorded.stamp().sequence());
        } catch (Exception e) {
          throw new ReportException(e.getMessage(), e);
        }
      }

      @Override
      public boolean awaitingStaff(long reportId) throws ReportException {
        try {
          return log.awaitingStaff(reportId);
        } catch (Exception e) {
          throw new ReportException(e.getMessage(), e);
        }
      }
    };
  }

  @Test
  void aPressWaitsForStaffUntilATeacherAcknowledgesItInTheConsole() throws Exception {
    SimulatedPanelHardware hardware = new SimulatedPanelHardware("simulated");
    long[] nanos = {1_000_000_000L};
    Panel panel =
        new Panel(
            hardware,
            sink(modules.incidents),
            () -> BoxState.HEALTHY,
            () -> false,
            PanelTimings.defaults(),
            () -> nanos[0],
            Runnable::run,
            null);
    modules.onAcknowledged = panel::staffAcknowledged;

    PressReceipt receipt = panel.press().get(5, TimeUnit.SECONDS);
    nanos[0] += PanelTimings.defaults().acknowledgeTime().toNanos();
    panel.tick();
    assertEquals(LedPattern.WAITING_FOR_STAFF, panel.status().pattern());
    assertEquals(LedColour.AMBER, hardware.shown());

    ConsoleHttp teacher = SignedIn.as(fixture, TEACHER);
    List<Object> waiting = list(teacher, "/api/incidents?status=new");
    assertEquals(1, waiting.size());
    Map<?, ?> press = (Map<?, ?>) waiting.get(0);
    assertEquals(receipt.reportId(), ((Number) press.get("id")).longValue());
    assertEquals("button", press.get("source"));
    assertEquals(1, ((Number) press.get("pressCount")).intValue());

    HttpResponse<String> ack =
        teacher.send("POST", "/api/incidents/" + receipt.reportId() + "/acknowledge", Map.of());
    assertEquals(200, ack.statusCode(), ack.body());
    assertEquals("acknowledged", ConsoleHttp.json(ack).get("status"));
    // No tick, no status poll: the console's acknowledgement reached the panel directly.
    assertEquals(LedPattern.HEALTHY, panel.status().pattern());
    assertEquals(LedColour.GREEN, hardware.shown());
    assertFalse(panel.status().awaitingStaff());

    HttpResponse<String> again =
        teacher.send("POST", "/api/incidents/" + receipt.reportId() + "/acknowledge", Map.of());
    assertEquals(409, again.statusCode());
    assertTrue(error(again).contains("is acknowledged"), again.body());
    assertEquals(List.of(), list(teacher, "/api/incidents?status=new"));
  }

  @Test
  void statusMovesOneStepAtATimeUnderTheTwoReviewerRule() throws Exception {
    ConsoleHttp teacher = SignedIn.as(fixture, TEACHER);
    HttpResponse<String> logged =
        teacher.send(
            "POST",
            "/api/incidents",
            Map.of(
                "date", "2025-03-03",
                "time", "08:40",
                "incident", "A pupil saw a violent video on a shared tablet",
                "reportedBy", "Mrs Patel"));
    assertEquals(201, logged.statusCode(), logged.body());
    long id = ((Number) ConsoleHttp.json(logged).get("id")).longValue();
    String base = "/api/incidents/" + id;

    ConsoleHttp dsl = SignedIn.as(fixture, DSL);
    assertEquals(409, dsl.send("POST", base + "/close", Map.of("conclusion", "x")).statusCode());
    assertEquals(
        409, dsl.send("POST", base + "/review", review("Ann Lee", "Sam Cole")).statusCode());
    assertEquals(403, teacher.send("GET", base, (Map<String, ?>) null).statusCode());
    assertEquals(403, teacher.send("POST", base + "/review", review("A", "B")).statusCode());
    assertEquals(200, teacher.send("POST", base + "/acknowledge", Map.of()).statusCode());

    HttpResponse<String> samePerson =
        dsl.send("POST", base + "/review", review("Ann Lee", " ann  LEE "));
    assertEquals(400, samePerson.statusCode());
    assertTrue(error(samePerson).contains("two different reviewing people"), samePerson.body());
    Map<String, Object> noPosition = review("Ann Lee", "Sam Cole");
    noPosition.remove("secondPosition");
    HttpResponse<String> missing = dsl.send("POST", base + "/review", noPosition);
    assertEquals(400, missing.statusCode());
    assertEquals("the second reviewer's position is required", error(missing));

    HttpResponse<String> reviewed =
        dsl.send("POST", base + "/review", review("Ann Lee", "Sam Cole"));
    assertEquals(200, reviewed.statusCode(), reviewed.body());
    Map<String, Object> details = ConsoleHttp.json(reviewed);
    assertEquals("under-review", ((Map<?, ?>) details.get("incident")).get("status"));
    Map<?, ?> record = (Map<?, ?>) ((List<?>) details.get("reviews")).get(0);
    assertEquals("Year 6", record.get("group"));
    assertEquals(Map.of("name", "Sam Cole", "position", "Headteacher"), record.get("second"));
    assertEquals("Office PC, room 2", record.get("reviewDevice"));
    assertEquals(
        List.of(Map.of("siteOrDevice", "video.example", "reason", "graphic violence")),
        record.get("concerns"));

    assertEquals(400, dsl.send("POST", base + "/actions", Map.of("action", "expel")).statusCode());
    HttpResponse<String> action =
        dsl.send(
            "POST",
            base + "/actions",
            Map.of("action", "inform-parents", "what", "Phoned the parents at 15:30"));
    assertEquals(201, action.statusCode(), action.body());
    assertEquals(400, dsl.send("POST", base + "/close", Map.of("conclusion", "  ")).statusCode());
    HttpResponse<String> closed =
        dsl.send(
            "POST",
            base + "/close",
            Map.of(
                "conclusion",
                "Site added to the block list; parents informed",
                "signature",
                "A. Lee"));
    assertEquals(200, closed.statusCode(), closed.body());
    Map<String, Object> after = ConsoleHttp.json(closed);
    assertEquals("closed", ((Map<?, ?>) after.get("incident")).get("status"));
    assertNull(after.get("next"));
    List<String> trail = new ArrayList<>();
    for (Object event : (List<?>) after.get("events")) {
      Map<?, ?> e = (Map<?, ?>) event;
      trail.add(
          (e.get("status") != null ? e.get("status") : e.get("action")) + " by " + e.get("byWhom"));
    }
    String teacherUser = ConsoleFixture.userFor(TEACHER);
    String dslUser = ConsoleFixture.userFor(DSL);
    assertEquals(
        List.of(
            "acknowledged by " + teacherUser,
            "under-review by " + dslUser,
            "inform-parents by " + dslUser,
            "closed by " + dslUser),
        trail);
    HttpResponse<String> late = dsl.send("POST", base + "/actions", Map.of("action", "warning"));
    assertEquals(409, late.statusCode());
    assertTrue(error(late).contains("closed"), late.body());
  }

  private static Map<String, Object> review(String first, String second) {
    Map<String, Object> review = new HashMap<>();
    review.put("group", "Year 6");
    review.put("reason", "A pupil reported a violent video");
    review.put("firstName", first);
    review.put("firstPosition", "Designated Safeguarding Lead");
    review.put("secondName", second);
    review.put("secondPosition", "Headteacher");
    review.put("reviewDevice", "Office PC, room 2");
    review.put(
        "concerns", List.of(Map.of("siteOrDevice", "video.example", "reason", "graphic violence")));
    return review;
  }

  @Test
  void whoMayDoWhat() throws Exception {
    long id = modules.incidents.press(0).incidentId();
    String base = "/api/incidents/" + id;
    for (var role : List.of(TECHNICIAN, GOVERNOR)) {
      ConsoleHttp http = SignedIn.as(fixture, role);
      assertEquals(403, http.send("GET", "/api/incidents", (Map<String, ?>) null).statusCode());
      assertEquals(403, http.send("GET", base, (Map<String, ?>) null).statusCode());
      assertEquals(403, http.send("POST", base + "/acknowledge", Map.of()).statusCode());
    }
    ConsoleHttp teacher = SignedIn.as(fixture, TEACHER);
    assertEquals(
        403, teacher.send("POST", base + "/actions", Map.of("action", "warning")).statusCode());
    assertEquals(
        403, teacher.send("POST", base + "/close", Map.of("conclusion", "x")).statusCode());
    assertEquals(List.of(), modules.acknowledged, "no refused call reached the panel");
    ConsoleHttp dsl = SignedIn.as(fixture, DSL);
    assertEquals(200, dsl.send("GET", base, (Map<String, ?>) null).statusCode());
  }

  @Test
  void handLoggedIncidentsAreCheckedAndListedNewestFirst() throws Exception {
    ConsoleHttp teacher = SignedIn.as(fixture, TEACHER);
    Map<String, String> good =
        Map.of("date", "2025-03-03", "time", "08:15", "incident", "first", "reportedBy", "Tom");
    assertEquals(201, teacher.send("POST", "/api/incidents", good).statusCode());
    Map<String, String> second = new HashMap<>(good);
    second.put("incident", "second");
    assertEquals(201, teacher.send("POST", "/api/incidents", second).statusCode());

    for (String[] bad :
        new String[][] {
          {"date", "03/03/2025", "the date is written like"},
          {"time", "quarter past", "the time is written like"},
          {"date", "2025-03-04", "in the future"},
          {"reportedBy", "  ", "who reported it is required"},
          {"incident", "x".repeat(4001), "longer than 4000"},
        }) {
      Map<String, String> body = new HashMap<>(good);
      body.put(bad[0], bad[1]);
      HttpResponse<String> refused = teacher.send("POST", "/api/incidents", body);
      assertEquals(400, refused.statusCode(), bad[0]);
      assertTrue(error(refused).contains(bad[2]), refused.body());
    }
    List<Object> all = list(teacher, "/api/incidents");
    assertEquals(
        List.of("second", "first"),
        all.stream().map(i -> ((Map<?, ?>) i).get("description")).toList());
    Map<?, ?> newest = (Map<?, ?>) all.get(0);
    assertEquals("2025-03-03 08:15", newest.get("occurredAt"));
    assertEquals("Tom", newest.get("reportedBy"));
    assertEquals("staff", newest.get("source"));
    assertEquals(List.of(), list(teacher, "/api/incidents?status=closed"));
    assertEquals(
        400, teacher.send("GET", "/api/incidents?status=lost", (Map<String, ?>) null).statusCode());
    assertEquals(
        404, teacher.send("POST", "/api/incidents/999/acknowledge", Map.of()).statusCode());
    assertEquals(
        404, teacher.send("POST", "/api/incidents/1e3/acknowledge", Map.of()).statusCode());
  }

  @Test
  void theSnapshotNamesDevicesAndMarksWhatWasBlocked() throws Exception {
    MacAddress mac = MacAddress.parse("02:00:00:00:00:07");
    InetAddress tablet = InetAddress.getByName("10.40.0.7");
    modules.registry.record(new DeviceEvent(DeviceEvent.Kind.LEASE_ADDED, mac, tablet, "ipad-7"));
    modules.registry.approve(mac, DeviceClass.SCHOOL_SHARED, "Tablet 7", "tess (teacher)");
    long now = modules.nanos.get();
    modules.activity.record(
        new QueryRecord(
            now - 60_000_000_000L,
            tablet,
            mac.toString(),
            "pupil",
            Name.of("www.allowed.test"),
            1,
            Outcome.ALLOWED,
            0,
            1000));
    modules.activity.record(
        new QueryRecord(
            now - 30_000_000_000L,
            tablet,
            mac.toString(),
            "pupil",
            Name.of("bad.adult.test"),
            1,
            Outcome.BLOCKED,
            1,
            1000));
    modules.activity.record(
        new QueryRecord(
            now - 10_000_000_000L,
            InetAddress.getByName("10.40.0.99"),
            null,
            "pupil",
            Name.of("unknown.test"),
            28,
            Outcome.ALLOWED,
            0,
            1000));
    long id = modules.incidents.press(0).incidentId();

    ConsoleHttp dsl = SignedIn.as(fixture, DSL);
    Map<String, Object> details =
        ConsoleHttp.json(dsl.send("GET", "/api/incidents/" + id, (Map<String, ?>) null));
    List<?> snapshot = (List<?>) details.get("snapshot");
    assertEquals(3, snapshot.size());
    Map<?, ?> allowed = (Map<?, ?>) snapshot.get(0);
    Map<?, ?> blocked = (Map<?, ?>) snapshot.get(1);
    Map<?, ?> unknown = (Map<?, ?>) snapshot.get(2);
    assertEquals("Tablet 7", allowed.get("device"));
    assertEquals("www.allowed.test", allowed.get("name"));
    assertEquals(false, allowed.get("blocked"));
    assertEquals("blocked", blocked.get("outcome"));
    assertEquals(true, blocked.get("blocked"));
    assertEquals(List.of("adult"), blocked.get("categories"));
    assertEquals(modules.clock.instant().minusSeconds(30).toString(), blocked.get("at"));
    String pseudonym = (String) unknown.get("device");
    assertTrue(pseudonym.matches("device [0-9a-f]{8}"), pseudonym);
    assertEquals(10, ((List<?>) details.get("actionChoices")).size());
    assertEquals("acknowledged", details.get("next"));
  }

  private static List<Object> list(ConsoleHttp http, String path) throws Exception {
    HttpResponse<String> response = http.send("GET", path, (Map<String, ?>) null);
    assertEquals(200, response.statusCode(), response.body());
    return JSON.std.listFrom(response.body());
  }

  private static String error(HttpResponse<String> response) throws Exception {
    return String.valueOf(ConsoleHttp.json(response).get("error"));
  }
}
