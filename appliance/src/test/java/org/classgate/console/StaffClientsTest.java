package org.classgate.console;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.classgate.devices.DeviceClass;
import org.classgate.devices.DeviceEvent;
import org.classgate.devices.MacAddress;
import org.classgate.devices.store.SqliteDeviceRegistry;
import org.classgate.dns.Subnet;
import org.classgate.store.Database;
import org.classgate.testing.Outboxes;
import org.classgate.time.BootId;
import org.classgate.time.ClockSync;
import org.classgate.time.TrustedTime;
import org.classgate.time.store.SqliteSequences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console's client gate over a real device registry, for addresses beyond loopback. */
class StaffClientsTest {
  @TempDir Path dir;
  private Database database;
  private SqliteDeviceRegistry registry;
  private StaffClients gate;

  @BeforeEach
  void open() throws Exception {
    database = Database.open(dir);
    registry =
        new SqliteDeviceRegistry(
            database,
            new TrustedTime(
                new SqliteSequences(database),
                BootId.current(),
                System::nanoTime,
                Clock.systemUTC(),
                ClockSync.ASSUMED),
            Outboxes.of(database));
    gate =
        new StaffClients(
            registry,
            CoreModules.classes(),
            List.of(Subnet.parse("192.168.250.0/24")),
            List.of(Subnet.parse("10.1.0.0/16")));
  }

  @AfterEach
  void close() {
    database.close();
  }

  private static InetAddress at(String text) throws Exception {
    return InetAddress.getByName(text);
  }

  private void lease(String mac, DeviceClass deviceClass, String address) throws Exception {
    MacAddress parsed = MacAddress.parse(mac);
    if (deviceClass != null) {
      registry.approve(parsed, deviceClass, null, "tom (technician)");
    }
    registry.record(new DeviceEvent(DeviceEvent.Kind.LEASE_ADDED, parsed, at(address), "host"));
  }

  @Test
  void managementNetworksAndLoopbackGetInAndEverywhereElseDoesNot() throws Exception {
    assertTrue(gate.allows(at("10.1.4.20")), "management network");
    assertTrue(gate.allows(at("127.0.0.1")));
    assertTrue(gate.allows(at("::1")));
    assertFalse(gate.allows(at("10.2.0.1")), "the school network beyond the management range");
    assertFalse(gate.allows(at("192.0.2.7")), "the internet");
    assertFalse(gate.allows(at("192.168.250.77")), "an unknown device in the classroom");
  }

  @Test
  void classroomDevicesAreDecidedByTheirClass() throws Exception {
    lease("02:00:00:00:00:01", DeviceClass.STAFF_OWNED, "192.168.250.10");
    lease("02:00:00:00:00:02", DeviceClass.PUPIL_OWNED, "192.168.250.11");
    lease("02:00:00:00:00:03", DeviceClass.SCHOOL_SHARED, "192.168.250.12");
    lease("02:00:00:00:00:04", null, "192.168.250.13");
    assertTrue(gate.allows(at("192.168.250.10")));
    assertFalse(gate.allows(at("192.168.250.11")));
    assertFalse(gate.allows(at("192.168.250.12")), "a pupils' shared tablet");
    assertFalse(gate.allows(at("192.168.250.13")), "waiting for approval");
    // A pupil's device on the management network is still a pupil's device.
    lease("02:00:00:00:00:05", DeviceClass.PUPIL_OWNED, "10.1.4.21");
    assertFalse(gate.allows(at("10.1.4.21")));
  }

  @Test
  void aRegistryThatCannotBeReadLetsOnlyTheBoxItselfIn() throws Exception {
    lease("02:00:00:00:00:01", DeviceClass.STAFF_OWNED, "192.168.250.10");
    database.close();
    assertFalse(gate.allows(at("192.168.250.10")), "fails closed");
    assertFalse(gate.allows(at("10.1.4.20")), "fails closed");
    assertTrue(gate.allows(at("127.0.0.1")));
  }
}
