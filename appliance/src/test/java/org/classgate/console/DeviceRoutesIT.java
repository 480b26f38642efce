package org.classgate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.classgate.console.auth.PasswordHasher;
import org.classgate.console.auth.Role;
import org.classgate.devices.ApprovalState;
import org.classgate.devices.DeviceChange;
import org.classgate.devices.DeviceClass;
import org.classgate.devices.DeviceEventCommand;
import org.classgate.devices.MacAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The devices API over real HTTP against the real registry: a device arrives through the
 * device-event command (as dnsmasq's shim sends it), waits, is approved with a class by a teacher,
 * changes class, is blocked and unblocked and forgotten; every decision is in force at once (the
 * firewall told) and names its actor. Bad input is a 4xx with words.
 */
class DeviceRoutesIT {
  private static final String MAC = "00:1b:63:84:45:e6";

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
  void aTeacherApprovesAWaitingDeviceAndChangesItsClass() throws Exception {
    new DeviceEventCommand(modules.registry, () -> {})
        .run(List.of("dhcp", "add", MAC, "192.0.2.20", "Year6-iPad"));
    ConsoleHttp teacher = SignedIn.as(fixture, Role.TEACHER);
    Map<String, Object> page =
        ConsoleHttp.json(teacher.send("GET", "/api/devices", (Map<String, ?>) null));
    List<?> waiting = (List<?>) page.get("waiting");
    assertEquals(1, waiting.size(), page.toString());
    Map<?, ?> row = (Map<?, ?>) waiting.get(0);
    assertEquals(MAC, row.get("mac"));
    assertEquals("Year6-iPad", row.get("hostname"));
    assertEquals("2025-03-03T09:10:00Z", row.get("firstSeen"));
    assertEquals(6, ((List<?>) page.get("classes")).size());

    HttpResponse<String> approved =
        teacher.send("POST", "/api/devices/" + MAC + "/approve", Map.of("class", "pupil-owned"));
    assertEquals(200, approved.statusCode(), approved.body());
    assertEquals("approved", ConsoleHttp.json(approved).get("state"));
    assertTrue(
        modules.plane.calls.stream().anyMatch(c -> c.startsWith("apply " + MAC)),
        "the firewall was told at once: " + modules.plane.calls);

    HttpResponse<String> moved =
        teacher.send("POST", "/api/devices/" + MAC + "/class", Map.of("class", "staff-owned"));
    assertEquals(200, moved.statusCode(), moved.body());
    assertEquals(
        DeviceClass.STAFF_OWNED,
        modules.registry.find(MacAddress.parse(MAC)).orElseThrow().deviceClass());

    List<DeviceChange> changes = modules.registry.changes(10);
    assertEquals("class-changed", changes.get(0).kind());
    assertEquals("teacher1 (teacher)", changes.get(0).actor());
    assertEquals("approved", changes.get(1).kind());
    assertEquals("teacher1 (teacher)", changes.get(1).actor());
    Map<String, Object> after =
        ConsoleHttp.json(teacher.send("GET", "/api/devices", (Map<String, ?>) null));
    assertEquals(List.of(), after.get("waiting"));
    assertTrue(after.get("changes").toString().contains("teacher1 (teacher)"));
  }

  @Test
  void blockUnblockAndForgetAreSeniorDecisionsExceptBlocking() throws Exception {
    new DeviceEventCommand(modules.registry, () -> {})
        .run(List.of("dhcp", "add", MAC, "192.0.2.20", "phone"));
    ConsoleHttp teacher = SignedIn.as(fixture, Role.TEACHER);
    teacher.send("POST", "/api/devices/" + MAC + "/approve", Map.of("class", "pupil-owned"));
    assertEquals(
        200, teacher.send("POST", "/api/devices/" + MAC + "/block", Map.of()).statusCode());
    assertEquals(
        ApprovalState.BLOCKED,
        modules.registry.find(MacAddress.parse(MAC)).orElseThrow().approval());
    assertEquals(
        403,
        teacher.send("POST", "/api/devices/" + MAC + "/unblock", Map.of()).statusCode(),
        "lifting a block is for senior staff");

    ConsoleHttp officer = SignedIn.as(fixture, Role.ONLINE_SAFETY_OFFICER);
    HttpResponse<String> unblocked =
        officer.send("POST", "/api/devices/" + MAC + "/unblock", Map.of());
    assertEquals(200, unblocked.statusCode(), unblocked.body());
    assertEquals("approved", ConsoleHttp.json(unblocked).get("state"));
    assertEquals("pupil-owned", ConsoleHttp.json(unblocked).get("class"), "its class back");
    assertEquals(
        409, officer.send("POST", "/api/devices/" + MAC + "/unblock", Map.of()).statusCode());

    assertEquals(200, officer.send("DELETE", "/api/devices/" + MAC, Map.of()).statusCode());
    assertTrue(modules.registry.find(MacAddress.parse(MAC)).isEmpty());
    assertTrue(modules.plane.calls.contains("forget " + MAC), modules.plane.calls.toString());
    assertEquals(404, officer.send("DELETE", "/api/devices/" + MAC, Map.of()).statusCode());
    assertEquals(
        ConsoleFixture.userFor(Role.ONLINE_SAFETY_OFFICER) + " (online-safety-officer)",
        modules.registry.changes(1).get(0).actor());
  }

  @Test
  void badInputIsRefusedInWords() throws Exception {
    ConsoleHttp teacher = SignedIn.as(fixture, Role.TEACHER);
    for (String[] bad :
        new String[][] {
          {"/api/devices/not-a-mac/approve", "{\"class\":\"pupil-owned\"}", "400"},
          {"/api/devices/" + MAC + "/approve", "{\"class\":\"<script>\"}", "400"},
          {"/api/devices/" + MAC + "/approve", "{}", "400"},
          {"/api/devices/" + MAC + "/class", "{\"class\":\"pupil-owned\"}", "404"},
          {"/api/devices/" + MAC + "/block", "{}", "404"},
          {
            "/api/devices/" + MAC + "/approve",
            "{\"class\":\"pupil-owned\",\"name\":\"\\u0007\"}",
            "400"
          },
        }) {
      HttpResponse<String> response = teacher.send("POST", bad[0], bad[1], true);
      assertEquals(Integer.parseInt(bad[2]), response.statusCode(), bad[0] + " " + bad[1]);
      assertFalse(ConsoleHttp.json(response).get("error").toString().isBlank());
      assertFalse(response.body().contains("Exception"), response.body());
    }
    assertTrue(modules.registry.all().isEmpty(), "nothing was registered by a refusal");
  }
}
