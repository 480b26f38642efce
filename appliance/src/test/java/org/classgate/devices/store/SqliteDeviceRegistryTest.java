package org.classgate.devices.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.classgate.devices.ApprovalState;
import org.classgate.devices.Device;
import org.classgate.devices.DeviceChange;
import org.classgate.devices.DeviceClass;
import org.classgate.devices.DeviceEvent;
import org.classgate.devices.DeviceImport;
import org.classgate.devices.DeviceRegistry;
import org.classgate.devices.MacAddress;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.testing.Outboxes;
import org.classgate.testing.SteppedWallClock;
import org.classgate.time.ClockSync;
import org.classgate.time.TrustedTime;
import org.classgate.time.store.SqliteSequences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDeviceRegistryTest {
  static final MacAddress TABLET = MacAddress.parse("00:1b:63:84:45:e6");
  static final MacAddress PHONE = MacAddress.parse("da:a1:19:0b:33:7c"); // randomised

  @TempDir Path dir;
  private final SteppedWallClock clock =
      new SteppedWallClock(Instant.parse("2026-11-23T08:50:00Z"));
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private Database database;
  private SqliteDeviceRegistry registry;

  @BeforeEach
  void open() throws Exception {
    database = Database.open(dir);
    registry = registry(database);
  }

  private SqliteDeviceRegistry registry(Database db) throws StoreException {
    return new SqliteDeviceRegistry(
        db,
        new TrustedTime(new SqliteSequences(db), "boot-a", nanos::get, clock, ClockSync.ASSUMED),
        Outboxes.of(db));
  }

  @AfterEach
  void close() {
    database.close();
  }

  private void step() {
    clock.advance(Duration.ofMinutes(1));
    nanos.addAndGet(60_000_000_000L);
  }

  static DeviceEvent lease(DeviceEvent.Kind kind, MacAddress mac, String address, String host)
      throws Exception {
    return new DeviceEvent(kind, mac, InetAddress.getByName(address), host);
  }

  @Test
  void anUnknownDeviceIsQuarantinedOnceWithItsAddressHostnameAndStamps() throws Exception {
    DeviceRegistry.Sighting first =
        registry.record(lease(DeviceEvent.Kind.LEASE_ADDED, TABLET, "192.0.2.20", "ipad-3"));
    assertTrue(first.newlyQuarantined());
    Device device = first.device();
    assertEquals(ApprovalState.QUARANTINED, device.approval());
    assertNull(device.deviceClass());
    assertEquals("ipad-3", device.hostname());
    assertEquals(List.of(InetAddress.getByName("192.0.2.20")), device.addresses());
    assertEquals(clock.instant(), device.firstSeen().wallTime());
    assertEquals("boot-a", device.firstSeen().bootId());
    assertTrue(device.firstSeen().synchronised());
    assertFalse(device.randomised());

    step();
    DeviceRegistry.Sighting again =
        registry.record(new DeviceEvent(DeviceEvent.Kind.CONNECTED, TABLET, null, null));
    assertFalse(again.newlyQuarantined());
    assertEquals(device.firstSeen(), again.device().firstSeen());
    assertEquals(clock.instant(), again.device().lastSeen().wallTime());
    assertTrue(again.device().lastSeen().sequence() > device.lastSeen().sequence());
    assertEquals("ipad-3", again.device().hostname(), "a Wi-Fi event keeps the host name");
    assertEquals(1, registry.quarantineEvents());
  }

  @Test
  void addressesMoveBetweenDevicesAndLeaveOnRelease() throws Exception {
    long start = registry.revision();
    registry.record(lease(DeviceEvent.Kind.LEASE_ADDED, TABLET, "192.0.2.20", null));
    long afterNew = registry.revision();
    assertTrue(afterNew > start);
    registry.record(lease(DeviceEvent.Kind.LEASE_RENEWED, TABLET, "192.0.2.20", null));
    assertEquals(afterNew, registry.revision(), "a renewal of the same address changes nobody");
    registry.record(lease(DeviceEvent.Kind.LEASE_ADDED, TABLET, "2001:db8::20", null));
    assertEquals(
        List.of(InetAddress.getByName("192.0.2.20"), InetAddress.getByName("2001:db8::20")),
        registry.find(TABLET).orElseThrow().addresses());

    registry.record(lease(DeviceEvent.Kind.LEASE_ADDED, PHONE, "192.0.2.20", "phone"));
    assertEquals(
        List.of(InetAddress.getByName("2001:db8::20")),
        registry.find(TABLET).orElseThrow().addresses());
    assertEquals(
        List.of(InetAddress.getByName("192.0.2.20")),
        registry.find(PHONE).orElseThrow().addresses());
    assertTrue(registry.find(PHONE).orElseThrow().randomised());

    long beforeRelease = registry.revision();
    registry.record(lease(DeviceEvent.Kind.LEASE_ENDED, TABLET, "192.0.2.20", null));
    assertEquals(beforeRelease, registry.revision(), "releasing an address it no longer holds");
    assertEquals(1, registry.find(PHONE).orElseThrow().addresses().size());
    registry.record(lease(DeviceEvent.Kind.LEASE_ENDED, PHONE, "192.0.2.20", null));
    assertTrue(registry.revision() > beforeRelease);
    assertEquals(List.of(), registry.find(PHONE).orElseThrow().addresses());
  }

  @Test
  void approveChangeClassBlockAndForgetAreRecordedAndRaiseTheRevision() throws Exception {
    registry.record(lease(DeviceEvent.Kind.LEASE_ADDED, TABLET, "192.0.2.20", null));
    long revision = registry.revision();
    step();
    Device approved = registry.approve(TABLET, DeviceClass.SCHOOL_SHARED, "Trolley iPad 3", "test");
    assertEquals(ApprovalState.APPROVED, approved.approval());
    assertEquals(DeviceClass.SCHOOL_SHARED, approved.deviceClass());
    assertEquals("Trolley iPad 3", approved.name());
    assertEquals(clock.instant(), approved.changed().wallTime());
    assertTrue(registry.revision() > revision);

    Device moved = registry.approve(TABLET, DeviceClass.PUPIL_OWNED, null, "test");
    assertEquals("Trolley iPad 3", moved.name(), "no --name keeps the name");
    assertEquals(DeviceClass.PUPIL_OWNED, moved.deviceClass());

    Device blocked = registry.block(TABLET, "test");
    assertEquals(ApprovalState.BLOCKED, blocked.approval());
    registry.record(lease(DeviceEvent.Kind.LEASE_RENEWED, TABLET, "192.0.2.20", null));
    assertEquals(ApprovalState.BLOCKED, registry.find(TABLET).orElseThrow().approval());

    assertTrue(registry.forget(TABLET, "test"));
    assertFalse(registry.forget(TABLET, "test"));
    assertTrue(registry.find(TABLET).isEmpty());
    DeviceRegistry.Sighting back =
        registry.record(lease(DeviceEvent.Kind.LEASE_RENEWED, TABLET, "192.0.2.20", null));
    assertTrue(back.newlyQuarantined(), "a forgotten device is unknown again");
    assertEquals(2, registry.quarantineEvents());
    assertEquals(
        List.of("quarantined", "approved", "class-changed", "blocked", "forgotten", "quarantined"),
        eventKinds());
  }

  @Test
  void unblockRestoresTheClassOrTheWaitingListAndEveryDecisionNamesItsActor() throws Exception {
    registry.record(lease(DeviceEvent.Kind.LEASE_ADDED, TABLET, "192.0.2.20", "ipad"));
    registry.approve(TABLET, DeviceClass.SCHOOL_SHARED, null, "tess (teacher)");
    registry.block(TABLET, "sam (technician)");
    Device back = registry.unblock(TABLET, "ola (online-safety-officer)").orElseThrow();
    assertEquals(ApprovalState.APPROVED, back.approval());
    assertEquals(DeviceClass.SCHOOL_SHARED, back.deviceClass(), "the class it had");
    assertThrows(IllegalStateException.class, () -> registry.unblock(TABLET, "x"));

    registry.block(PHONE, "sam (technician)");
    Device waiting = registry.unblock(PHONE, "sam (technician)").orElseThrow();
    assertEquals(ApprovalState.QUARANTINED, waiting.approval(), "no class: waits again");
    assertTrue(registry.unblock(MacAddress.parse("00:00:5e:00:53:01"), "x").isEmpty());
    assertThrows(IllegalArgumentException.class, () -> registry.block(TABLET, " "));

    List<DeviceChange> changes = registry.changes(10);
    assertEquals(
        List.of("unblocked", "blocked", "unblocked", "blocked", "approved", "quarantined"),
        changes.stream().map(DeviceChange::kind).toList(),
        "newest first");
    assertEquals("ola (online-safety-officer)", changes.get(2).actor());
    assertEquals("back in class school-shared", changes.get(2).detail());
    assertEquals("tess (teacher)", changes.get(4).actor());
    assertNull(changes.get(5).actor(), "the network, not a person, quarantined it");
    assertEquals(TABLET.toString(), changes.get(5).mac());
    assertEquals(2, registry.changes(2).size());
  }

  @Test
  void aDeviceApprovedBeforeItIsSeenGetsItsFirstSightingLater() throws Exception {
    Device approved = registry.approve(PHONE, DeviceClass.STAFF_OWNED, null, "test");
    assertNull(approved.firstSeen());
    assertNull(approved.lastSeen());
    step();
    DeviceRegistry.Sighting seen =
        registry.record(lease(DeviceEvent.Kind.LEASE_ADDED, PHONE, "192.0.2.30", null));
    assertFalse(seen.newlyQuarantined());
    assertEquals(ApprovalState.APPROVED, seen.device().approval());
    assertEquals(clock.instant(), seen.device().firstSeen().wallTime());
    assertEquals(0, registry.quarantineEvents());
  }

  @Test
  void importIsAllOrNothingAndKeepsHostileTextByteExact() throws Exception {
    String hostile = "Rob\u202Eert'); DROP TABLE device;--\n\u001b[31m\u0000\"";
    registry.approve(TABLET, DeviceClass.PUPIL_OWNED, "kept", "test");
    int added =
        registry.importAll(
            List.of(
                new DeviceImport(2, TABLET, DeviceClass.SCHOOL_SHARED, null, "Class 6", null),
                new DeviceImport(3, PHONE, DeviceClass.STAFF_OWNED, hostile, hostile, hostile)));
    assertEquals(1, added);
    Device tablet = registry.find(TABLET).orElseThrow();
    assertEquals("kept", tablet.name(), "an empty field keeps what the registry has");
    assertEquals("Class 6", tablet.owner());
    assertEquals(DeviceClass.SCHOOL_SHARED, tablet.deviceClass());
    Device phone = registry.find(PHONE).orElseThrow();
    assertEquals(hostile, phone.name());
    assertEquals(hostile, phone.owner());
    assertEquals(hostile, phone.notes());

    MacAddress third = MacAddress.parse("00:1b:63:84:45:e7");
    long revision = registry.revision();
    assertThrows(
        StoreException.class,
        () ->
            registry.importAll(
                List.of(
                    new DeviceImport(2, third, DeviceClass.SCHOOL_SHARED, "new", null, null),
                    new DeviceImport(3, third, DeviceClass.STAFF_OWNED, null, null, null))));
    assertTrue(registry.find(third).isEmpty(), "nothing of a failed import is kept");
    assertEquals(revision, registry.revision());
  }

  @Test
  void aSecondProcessSeesChangesThroughTheRevision() throws Exception {
    try (Database other = Database.open(dir)) {
      SqliteDeviceRegistry command = registry(other);
      long before = registry.revision();
      command.approve(TABLET, DeviceClass.SCHOOL_SINGLE_USER, "Mrs Khan's laptop", "test");
      assertTrue(registry.revision() > before);
      assertEquals(
          DeviceClass.SCHOOL_SINGLE_USER, registry.find(TABLET).orElseThrow().deviceClass());
    }
  }

  @Test
  void listingPutsWaitingDevicesFirst() throws Exception {
    registry.approve(TABLET, DeviceClass.SCHOOL_SHARED, "A", "test");
    registry.record(lease(DeviceEvent.Kind.LEASE_ADDED, PHONE, "192.0.2.30", null));
    List<Device> all = registry.all();
    assertEquals(List.of(PHONE, TABLET), all.stream().map(Device::mac).toList());
    assertNotNull(all.get(0).firstSeen());
  }

  private List<String> eventKinds() throws StoreException {
    return database.transaction(
        "reading events",
        c -> {
          List<String> kinds = new java.util.ArrayList<>();
          try (var select = c.prepareStatement("SELECT kind FROM device_event ORDER BY id");
              var rows = select.executeQuery()) {
            while (rows.next()) {
              kinds.add(rows.getString(1));
            }
          }
          return kinds;
        });
  }
}
