package org.classgate.console;

import static org.classgate.console.auth.Role.DSL;
import static org.classgate.console.auth.Role.GOVERNOR;
import static org.classgate.console.auth.Role.ONLINE_SAFETY_OFFICER;
import static org.classgate.console.auth.Role.TEACHER;
import static org.classgate.console.auth.Role.TECHNICIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.classgate.activity.QueryRecord;
import org.classgate.console.auth.PasswordHasher;
import org.classgate.devices.DeviceClass;
import org.classgate.devices.DeviceEvent;
import org.classgate.devices.MacAddress;
import org.classgate.dns.Outcome;
import org.classgate.dns.wire.Name;
import org.classgate.health.BoxState;
import org.classgate.health.Severity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console-core API over real HTTP with real stores: the dashboard, the live class view, the
 * filtering self-test (run, recorded, history, health problem) and settings, each for the roles
 * that may use it and refused for the others.
 */
class ConsoleCoreRoutesIT {
  private static final MacAddress TABLET = MacAddress.parse("02:00:00:00:00:05");

  @TempDir Path dir;
  private ConsoleFixture fixture;
  private CoreModules core;

  @BeforeEach
  void start() throws Exception {
    fixture =
        new ConsoleFixture(
            dir,
            new PasswordHasher.Cost(256, 1, 1),
            database -> {
              core = new CoreModules(database, dir);
              return core.modules;
            });
    fixture.createUserPerRole();
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private static Map<String, Object> json(HttpResponse<String> response) throws Exception {
    return ConsoleHttp.json(response);
  }

  private static HttpResponse<String> get(ConsoleHttp http, String path) throws Exception {
    return http.send("GET", path, (Map<String, ?>) null);
  }

  @SuppressWarnings("unchecked")
  private static <T> T at(Object map, String... keys) {
    Object value = map;
    for (String key : keys) {
      value = ((Map<String, Object>) value).get(key);
    }
    return (T) value;
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDashboardShowsHealthListsSyncDevicesBlocksAndWaitingWork() throws Exception {
    ConsoleHttp teacher = fixture.signedIn(TEACHER);
    Map<String, Object> healthy = json(get(teacher, "/api/dashboard"));
    assertEquals(BoxState.HEALTHY.name(), at(healthy, "health", "state"));
    assertEquals(List.of(), at(healthy, "health", "problems"));

    core.filterProblems.add("locked list iwf enforced from its last good copy");
    registry(TABLET, DeviceClass.PUPIL_OWNED, "10.0.0.5");
    Map<String, Object> dashboard = json(get(teacher, "/api/dashboard"));
    assertEquals("FAULT", at(dashboard, "health", "state"), "the LED's state");
    List<Map<String, Object>> problems = at(dashboard, "health", "problems");
    assertEquals(Severity.FAULT.name(), problems.get(0).get("severity"));
    assertTrue(problems.get(0).get("message").toString().contains("last good copy"));

    assertEquals(2, ((Number) at(dashboard, "filtering", "entries")).intValue());
    List<Map<String, Object>> lists = at(dashboard, "filtering", "lists");
    assertEquals("gambling", lists.get(0).get("list"));
    assertEquals(2, ((Number) lists.get(0).get("ageHours")).intValue(), "list age from its stamp");
    assertTrue(
        ((Number) at(dashboard, "sync", "queued")).intValue() >= 1,
        "the tablet's approval waits in the outbox for the hub");
    assertEquals(1, ((Number) at(dashboard, "devices", "online")).intValue());
    assertEquals(List.of(Map.of("category", "gambling", "count", 3)), at(dashboard, "blocksToday"));
    assertEquals(0, ((Number) at(dashboard, "incidents", "open")).intValue());
    assertEquals(0, ((Number) at(dashboard, "alerts", "lastWeek")).intValue());

    assertEquals(403, get(fixture.signedIn(GOVERNOR), "/api/dashboard").statusCode());
    assertEquals(401, get(new ConsoleHttp(fixture.consoleUrl()), "/api/dashboard").statusCode());
  }

  private void registry(MacAddress mac, DeviceClass deviceClass, String address) throws Exception {
    core.registry.approve(mac, deviceClass, "Amira's tablet", "tess (teacher)");
    core.registry.record(
        new DeviceEvent(
            DeviceEvent.Kind.LEASE_ADDED, mac, InetAddress.getByName(address), "tablet-5"));
  }

  private void decided(String client, String deviceId, String name, Outcome outcome, int mask)
      throws Exception {
    core.nanos[0] += 1_000_000_000L;
    core.clock.advance(Duration.ofSeconds(1));
    core.activity.record(
        new QueryRecord(
            core.nanos[0],
            InetAddress.getByName(client),
            deviceId,
            "pupil",
            Name.of(name),
            1,
            outcome,
            mask,
            1_000_000));
  }

  @Test
  void theLiveViewGroupsRecentLookUpsPerDeviceNewestFirstWithBlocksMarked() throws Exception {
    registry(TABLET, DeviceClass.PUPIL_OWNED, "10.0.0.5");
    int gambling = core.categories.bit("gambling");
    decided("10.0.0.9", null, "www.bbc.co.uk", Outcome.ALLOWED, 0);
    decided("10.0.0.5", TABLET.toString(), "maths.example", Outcome.ALLOWED, 0);
    decided("10.0.0.5", TABLET.toString(), "bet.example", Outcome.BLOCKED, gambling);

    Map<String, Object> live = json(get(fixture.signedIn(TEACHER), "/api/live"));
    List<Map<String, Object>> devices = at(live, "devices");
    assertEquals(2, devices.size());
    Map<String, Object> tablet = devices.get(0);
    assertEquals("Amira's tablet", tablet.get("name"));
    assertEquals("pupil-owned", tablet.get("deviceClass"));
    assertEquals(1, tablet.get("blocked"));
    List<Map<String, Object>> queries = at(tablet, "queries");
    assertEquals("bet.example", queries.get(0).get("name"), "newest first");
    assertEquals(true, queries.get(0).get("blocked"));
    assertEquals(List.of("gambling"), queries.get(0).get("categories"));
    assertEquals("maths.example", queries.get(1).get("name"));
    assertEquals(false, queries.get(1).get("blocked"));
    Map<String, Object> unknown = devices.get(1);
    assertEquals("Unknown device 10.0.0.9", unknown.get("name"));
    assertEquals("not registered", unknown.get("deviceClass"));

    // Older than the window: gone from the view.
    core.nanos[0] += Duration.ofMinutes(11).toNanos();
    core.clock.advance(Duration.ofMinutes(11));
    assertEquals(List.of(), at(json(get(fixture.signedIn(DSL), "/api/live")), "devices"));
    assertEquals(
        403,
        get(fixture.signedIn(TECHNICIAN), "/api/live").statusCode(),
        "pupils' activity is not a technician's");
  }

  @Test
  void theSelfTestRunsEveryCheckPerProfileRecordsWhoAndWhenAndRaisesAFailure() throws Exception {
    ConsoleHttp technician = fixture.signedIn(TECHNICIAN);
    assertEquals(List.of(), at(json(get(technician, "/api/self-test")), "runs"));
    HttpResponse<String> ran = technician.send("POST", "/api/self-test", Map.of());
    assertEquals(201, ran.statusCode(), ran.body());
    Map<String, Object> run = json(ran);
    assertEquals(ConsoleFixture.userFor(TECHNICIAN), run.get("by"));
    assertEquals(core.clock.instant().toString(), run.get("at"), "trusted time of the run");
    assertEquals(true, run.get("clockSynchronised"));

    Map<String, String> outcomes = new java.util.TreeMap<>();
    List<Map<String, Object>> results = at(run, "results");
    for (Map<String, Object> result : results) {
      outcomes.put(
          result.get("check") + "/" + result.get("profile"), (String) result.get("outcome"));
    }
    assertEquals("passed", outcomes.get("iwf/pupil"));
    assertEquals("passed", outcomes.get("iwf/staff"), "locked lists hold for every profile");
    assertEquals("not-configured", outcomes.get("ctiru/pupil"));
    assertEquals("passed", outcomes.get("adult/staff"));
    assertEquals("passed", outcomes.get("gambling/pupil"));
    assertEquals("information", outcomes.get("gambling/staff"), "gambling is a pupils' check");
    assertEquals("passed", outcomes.get("safesearch-google/pupil"));
    assertEquals("passed", outcomes.get("doh-canary/staff"));
    assertEquals("not-configured", outcomes.get("doh-resolver/pupil"), "turned off by ''");
    assertEquals(true, run.get("passed"), outcomes.toString());
    assertEquals(List.of(), core.selfTest.problems());

    // The gambling list loses its entry: the next run fails and the box reports it.
    core.replaceGamblingWith("other-casino.example");
    Map<String, Object> failed =
        json(fixture.signedIn(ONLINE_SAFETY_OFFICER).send("POST", "/api/self-test", Map.of()));
    assertEquals(false, failed.get("passed"));
    assertEquals(1, ((Number) failed.get("failures")).intValue());
    assertEquals(BoxState.DEGRADED, core.health.check().state());
    assertTrue(
        core.health.check().problems().get(0).message().contains("bet.example not blocked"),
        core.health.check().summary());

    List<Map<String, Object>> history =
        at(json(get(fixture.signedIn(DSL), "/api/self-test")), "runs");
    assertEquals(2, history.size());
    assertEquals(false, history.get(0).get("passed"), "newest first");
    assertEquals(true, history.get(1).get("passed"));
    assertEquals(ConsoleFixture.userFor(ONLINE_SAFETY_OFFICER), history.get(0).get("by"));

    assertEquals(403, fixture.signedIn(DSL).send("POST", "/api/self-test", Map.of()).statusCode());
    assertEquals(403, get(fixture.signedIn(TEACHER), "/api/self-test").statusCode());
  }

  @Test
  void settingsShowIdentityVersionUsageAndConfigurationToAdministratorsOnly() throws Exception {
    HttpResponse<String> response = get(fixture.signedIn(TECHNICIAN), "/api/settings");
    assertEquals(200, response.statusCode(), response.body());
    Map<String, Object> settings = json(response);
    assertEquals("test-version", settings.get("version"));
    assertEquals("sha256/test", at(settings, "identity", "consoleKeyPin"));
    assertTrue(((Number) at(settings, "dataUsage", "dataBytes")).longValue() > 0, "the database");
    assertTrue(((Number) at(settings, "dataUsage", "freeBytes")).longValue() > 0);
    List<Map<String, Object>> configuration = at(settings, "configuration");
    assertEquals("dns.listen", configuration.get(0).get("key"));
    assertEquals(403, get(fixture.signedIn(TEACHER), "/api/settings").statusCode());
    assertEquals(403, get(fixture.signedIn(ONLINE_SAFETY_OFFICER), "/api/settings").statusCode());
  }
}
