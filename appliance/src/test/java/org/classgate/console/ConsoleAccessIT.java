package org.classgate.console;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.classgate.console.auth.PasswordHasher;
import org.classgate.devices.DeviceClass;
import org.classgate.devices.DeviceEvent;
import org.classgate.devices.MacAddress;
import org.classgate.devices.store.SqliteDeviceRegistry;
import org.classgate.dns.Subnet;
import org.classgate.testing.Outboxes;
import org.classgate.time.BootId;
import org.classgate.time.ClockSync;
import org.classgate.time.TrustedTime;
import org.classgate.time.store.SqliteSequences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who reaches the console, over real sockets from distinct loopback addresses (127.0.0.x) that the
 * real device registry gives to devices: a staff device gets the console; a pupil's, a visitor's, a
 * waiting device and an unknown address in the classroom subnet get 403 and the "ask your teacher"
 * page (JSON for the API), before any sign-in. The box itself (127.0.0.1) always gets in.
 */
class ConsoleAccessIT {
  private static final String STAFF = "127.0.0.6";
  private static final String PUPIL = "127.0.0.5";
  private static final String VISITOR = "127.0.0.8";
  private static final String WAITING = "127.0.0.7";
  private static final String UNKNOWN_IN_CLASSROOM = "127.0.0.70";
  private static final String UNREGISTERED = "127.0.0.9";

  @TempDir Path dir;
  private ConsoleFixture fixture;
  private SqliteDeviceRegistry registry;

  @BeforeEach
  void start() throws Exception {
    fixture =
        new ConsoleFixture(
            dir,
            new PasswordHasher.Cost(256, 1, 1),
            database -> List.of(),
            (loopback, database) -> {
              TrustedTime time =
                  new TrustedTime(
                      new SqliteSequences(database),
                      BootId.current(),
                      System::nanoTime,
                      java.time.Clock.systemUTC(),
                      ClockSync.ASSUMED);
              registry = new SqliteDeviceRegistry(database, time, Outboxes.of(database));
              return ConsoleEndpoint.plain(
                  loopback,
                  new StaffClients(
                      registry,
                      CoreModules.classes(),
                      // The classroom: where an address no device holds is an unknown device.
                      List.of(Subnet.parse("127.0.0.64/26")),
                      List.of()));
            });
    device("02:00:00:00:00:06", DeviceClass.STAFF_OWNED, STAFF);
    device("02:00:00:00:00:05", DeviceClass.PUPIL_OWNED, PUPIL);
    device("02:00:00:00:00:08", DeviceClass.VISITOR_OWNED, VISITOR);
    MacAddress waiting = MacAddress.parse("02:00:00:00:00:07");
    registry.record(
        new DeviceEvent(
            DeviceEvent.Kind.LEASE_ADDED, waiting, InetAddress.getByName(WAITING), "new-phone"));
  }

  private void device(String mac, DeviceClass deviceClass, String address) throws Exception {
    MacAddress parsed = MacAddress.parse(mac);
    registry.approve(parsed, deviceClass, deviceClass + " device", "tom (technician)");
    registry.record(
        new DeviceEvent(
            DeviceEvent.Kind.LEASE_ADDED, parsed, InetAddress.getByName(address), "host"));
  }

  @AfterEach
  void stop() {
    fixture.close();
  }

  private RawHttp.Response get(String from, String path) throws Exception {
    return RawHttp.get(from, fixture.server.consolePort(), path, "127.0.0.1", null);
  }

  @Test
  void aStaffDeviceAndTheBoxItselfGetTheConsole() throws Exception {
    for (String client : List.of(STAFF, "127.0.0.1", UNREGISTERED)) {
      RawHttp.Response page = get(client, "/");
      assertEquals(200, page.status(), client);
      assertTrue(page.body().contains("id=\"login\""), client + ": the sign-in page");
      assertEquals(200, get(client, "/api/setup").status(), client);
    }
  }

  @Test
  void pupilsVisitorsWaitingAndUnknownDevicesAreSentToATeacher() throws Exception {
    for (String client : List.of(PUPIL, VISITOR, WAITING, UNKNOWN_IN_CLASSROOM)) {
      RawHttp.Response page = get(client, "/");
      assertEquals(403, page.status(), client);
      assertTrue(page.body().contains("ask your teacher"), client + ": " + page.body());
      assertFalse(page.body().contains("<script"), "nothing runs on the refusal page");
      assertFalse(page.body().contains("login"), "no sign-in form for a pupil's device");
      RawHttp.Response api = get(client, "/api/setup");
      assertEquals(403, api.status(), client);
      assertTrue(api.headers().get("content-type").startsWith("application/json"));
      assertTrue(api.body().contains("ask a teacher"), api.body());
      assertEquals(403, get(client, "/app.js").status(), client + ": not even the script");
    }
  }

  @Test
  void aDeviceApprovedAsStaffGetsInAndLosesItWhenBlocked() throws Exception {
    assertEquals(403, get(WAITING, "/").status());
    registry.approve(
        MacAddress.parse("02:00:00:00:00:07"),
        DeviceClass.STAFF_OWNED,
        "Mr Lee",
        "tom (technician)");
    assertEquals(200, get(WAITING, "/").status(), "the registry's new revision is read at once");
    registry.block(MacAddress.parse("02:00:00:00:00:07"), "tom (technician)");
    assertEquals(403, get(WAITING, "/").status());
  }
}
