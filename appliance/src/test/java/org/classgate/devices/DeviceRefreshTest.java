package org.classgate.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.classgate.devices.store.SqliteDeviceRegistry;
import org.classgate.dns.Profile;
import org.classgate.dns.Subnet;
import org.classgate.dns.pipeline.ClientProfiles;
import org.classgate.store.Database;
import org.classgate.testing.Outboxes;
import org.classgate.testing.SteppedWallClock;
import org.classgate.time.ClockSync;
import org.classgate.time.TrustedTime;
import org.classgate.time.store.SqliteSequences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DeviceRefreshTest {
  private static final MacAddress TABLET = MacAddress.parse("00:1b:63:84:45:e6");
  private static final MacAddress PHONE = MacAddress.parse("da:a1:19:0b:33:7c");
  private static final Profile OUTSIDE = new Profile("outside", 0);

  /** The firewall as a list of what it was told; can be made to refuse. */
  static final class RecordingPlane implements AccessControlPlane {
    final List<String> calls = new ArrayList<>();
    boolean refuse;

    @Override
    public synchronized void apply(MacAddress mac, DeviceAccess access) {
      if (refuse) {
        throw new IllegalStateException("nft: Could not process rule");
      }
      calls.add(mac + " " + access);
    }

    @Override
    public synchronized void forget(MacAddress mac) {
      calls.add(mac + " forget");
    }

    @Override
    public synchronized void setConsoleAccess(MacAddress mac, boolean allowed) {
      if (refuse) {
        throw new IllegalStateException("nft: Could not process rule");
      }
      calls.add(mac + " console " + (allowed ? "on" : "off"));
    }

    synchronized List<String> take() {
      List<String> taken = List.copyOf(calls);
      calls.clear();
      return taken;
    }
  }

  @TempDir Path dir;
  private final AtomicLong nanos = new AtomicLong();
  private final SteppedWallClock clock =
      new SteppedWallClock(Instant.parse("2026-11-23T09:00:00Z"));
  private Database box;
  private Database command;
  private SqliteDeviceRegistry boxRegistry;
  private SqliteDeviceRegistry commandRegistry;
  private final RecordingPlane plane = new RecordingPlane();
  private final DeviceIdentity identity =
      new DeviceIdentity(
          TestPolicies.stratford(),
          TestPolicies.PROFILES,
          () -> OUTSIDE,
          List.of(Subnet.parse("192.0.2.0/24")));
  private DeviceRefresh refresh;

  @BeforeEach
  void open() throws Exception {
    box = Database.open(dir);
    command = Database.open(dir);
    boxRegistry = registry(box);
    commandRegistry = registry(command);
  }

  private SqliteDeviceRegistry registry(Database database) throws Exception {
    return new SqliteDeviceRegistry(
        database,
        new TrustedTime(
            new SqliteSequences(database), "boot-a", nanos::get, clock, ClockSync.ASSUMED),
        Outboxes.of(database));
  }

  @AfterEach
  void close() {
    if (refresh != null) {
      refresh.close();
    }
    box.close();
    command.close();
  }

  @Test
  void leaseEventsAndTeacherDecisionsReachTheIdentityTableAndTheFirewall() throws Exception {
    commandRegistry.approve(PHONE, DeviceClass.STAFF_OWNED, "Mr Jones's phone", "test");
    refresh =
        new DeviceRefresh(boxRegistry, identity, plane, TestPolicies.stratford())
            .start(java.time.Duration.ofHours(1)); // rounds are driven by the test
    assertEquals(
        List.of(PHONE + " FULL", PHONE + " console on"),
        plane.take(),
        "the first round applies every device; a staff device with full access gets the console");

    DeviceEventCommand events = new DeviceEventCommand(boxRegistry, refresh::check);
    String reply = events.run(List.of("dhcp", "add", TABLET.toString(), "192.0.2.20", "ipad"));
    assertEquals(TABLET + " quarantined (new device, waiting for a teacher)", reply);
    assertEquals(List.of(TABLET + " QUARANTINED"), plane.take());
    InetAddress tablet = InetAddress.getByName("192.0.2.20");
    assertSame(ClientProfiles.QUARANTINE, identity.profileFor(tablet));
    assertEquals(List.of(TABLET), refresh.waiting().stream().map(Device::mac).toList());

    // The teacher approves from the command line (another connection, as another process).
    commandRegistry.approve(TABLET, DeviceClass.SCHOOL_SHARED, "Trolley iPad 3", "test");
    assertSame(ClientProfiles.QUARANTINE, identity.profileFor(tablet), "not before the round");
    refresh.check();
    assertSame(TestPolicies.PUPIL, identity.profileFor(tablet));
    assertEquals(List.of(TABLET + " FULL"), plane.take());

    refresh.check();
    assertEquals(List.of(), plane.take(), "nothing changed, nothing applied");

    commandRegistry.approve(TABLET, DeviceClass.AUTHORISED, null, "test");
    refresh.check();
    assertEquals(List.of(TABLET + " INTERNET_ONLY"), plane.take(), "a class change is one update");

    commandRegistry.block(TABLET, "test");
    refresh.check();
    assertEquals(List.of(TABLET + " NONE"), plane.take());
    assertSame(ClientProfiles.QUARANTINE, identity.profileFor(tablet));

    commandRegistry.forget(TABLET, "test");
    refresh.check();
    assertEquals(List.of(TABLET + " forget"), plane.take());
    assertSame(ClientProfiles.QUARANTINE, identity.profileFor(tablet), "unknown in the classroom");

    events.run(List.of("dhcp", "del", PHONE.toString(), "192.0.2.30"));
    assertEquals(
        List.of(), plane.take(), "a renewal or release of a known device changes no access");
  }

  @Test
  void aRefusingFirewallIsRetriedWithoutARegistryChange() throws Exception {
    refresh =
        new DeviceRefresh(boxRegistry, identity, plane, TestPolicies.stratford())
            .start(java.time.Duration.ofHours(1));
    plane.refuse = true;
    commandRegistry.approve(TABLET, DeviceClass.STAFF_OWNED, null, "test");
    refresh.check();
    assertEquals(List.of(), plane.take());
    assertEquals(
        List.of(
            "the firewall refused the access of device "
                + TABLET
                + ": nft: Could not process rule"),
        refresh.problems());
    plane.refuse = false;
    refresh.check();
    assertEquals(List.of(TABLET + " FULL", TABLET + " console on"), plane.take());
    assertEquals(List.of(), refresh.problems());
  }

  @Test
  void onlyApprovedDevicesOfAConsoleClassWithFullAccessReachTheConsole() throws Exception {
    refresh =
        new DeviceRefresh(boxRegistry, identity, plane, TestPolicies.stratford())
            .start(java.time.Duration.ofHours(1));
    commandRegistry.approve(TABLET, DeviceClass.SCHOOL_SHARED, null, "test");
    refresh.check();
    assertEquals(List.of(TABLET + " FULL"), plane.take(), "full access, but a pupil's class");

    commandRegistry.approve(TABLET, DeviceClass.STAFF_OWNED, null, "test");
    refresh.check();
    assertEquals(List.of(TABLET + " console on"), plane.take(), "same access, console added");

    // Blocked: the console goes first, then the access.
    commandRegistry.block(TABLET, "test");
    refresh.check();
    assertEquals(List.of(TABLET + " console off", TABLET + " NONE"), plane.take());

    // Approved again: the access first, then the console.
    commandRegistry.approve(TABLET, DeviceClass.STAFF_OWNED, null, "test");
    refresh.check();
    assertEquals(List.of(TABLET + " FULL", TABLET + " console on"), plane.take());

    // A refused withdrawal is retried until it takes.
    commandRegistry.approve(TABLET, DeviceClass.AUTHORISED, null, "test");
    plane.refuse = true;
    refresh.check();
    assertEquals(List.of(), plane.take());
    assertEquals(1, refresh.problems().size());
    plane.refuse = false;
    refresh.check();
    assertEquals(List.of(TABLET + " console off", TABLET + " INTERNET_ONLY"), plane.take());
    assertEquals(List.of(), refresh.problems());

    commandRegistry.forget(TABLET, "test");
    refresh.check();
    assertEquals(List.of(TABLET + " forget"), plane.take());
  }

  @Test
  void hostileEventsAreRefusedAndChangeNothing() throws Exception {
    refresh =
        new DeviceRefresh(boxRegistry, identity, plane, TestPolicies.stratford())
            .start(java.time.Duration.ofHours(1));
    DeviceEventCommand events = new DeviceEventCommand(boxRegistry, refresh::check);
    long revision = boxRegistry.revision();
    for (List<String> args :
        List.of(
            List.of("dhcp", "add", TABLET.toString(), "192.0.2.20", "\u001b]0;pwned\u0007"),
            List.of("dhcp", "add", "zz:zz:zz:zz:zz:zz", "192.0.2.20"),
            List.of("dhcp", "add", TABLET.toString(), "192.0.2.999"),
            List.of("dhcp"))) {
      try {
        events.run(args);
        throw new AssertionError("accepted " + args);
      } catch (DeviceEventRejected expected) {
        // refused, as it should be
      }
    }
    assertEquals(revision, boxRegistry.revision());
    assertEquals(List.of(), boxRegistry.all());
  }
}
