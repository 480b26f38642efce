package org.classgate.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.classgate.dns.Profile;
import org.classgate.dns.Subnet;
import org.classgate.dns.pipeline.ClientProfiles;
import org.classgate.time.Stamp;
import org.junit.jupiter.api.Test;

class DeviceIdentityTest {
  private static final Stamp AT = new Stamp(1, "boot-a", 0, 0, true);
  private static final Profile LOOPBACK_DEFAULT = new Profile("pupil-default", 0b1);

  private final DeviceIdentity identity =
      new DeviceIdentity(
          TestPolicies.stratford(),
          TestPolicies.PROFILES,
          () -> LOOPBACK_DEFAULT,
          List.of(Subnet.parse("192.0.2.0/24"), Subnet.parse("2001:db8:6::/64")));

  static Device device(
      String mac, ApprovalState approval, DeviceClass deviceClass, String... addresses)
      throws Exception {
    List<InetAddress> held = new ArrayList<>();
    for (String address : addresses) {
      held.add(InetAddress.getByName(address));
    }
    return new Device(
        MacAddress.parse(mac), null, deviceClass, null, approval, null, null, AT, AT, AT, held);
  }

  @Test
  void mapsAddressToDeviceToClassToProfile() throws Exception {
    identity.update(
        List.of(
            device(
                "00:1b:63:84:45:e6",
                ApprovalState.APPROVED,
                DeviceClass.STAFF_OWNED,
                "192.0.2.20",
                "2001:db8:6::20"),
            device(
                "00:1b:63:84:45:e7",
                ApprovalState.APPROVED,
                DeviceClass.SCHOOL_SHARED,
                "192.0.2.21"),
            device(
                "00:1b:63:84:45:e8",
                ApprovalState.APPROVED,
                DeviceClass.VISITOR_OWNED,
                "192.0.2.22"),
            device("00:1b:63:84:45:e9", ApprovalState.QUARANTINED, null, "192.0.2.23"),
            device(
                "00:1b:63:84:45:ea",
                ApprovalState.BLOCKED,
                DeviceClass.STAFF_OWNED,
                "192.0.2.24")));
    assertSame(TestPolicies.STAFF, identity.profileFor(InetAddress.getByName("192.0.2.20")));
    assertSame(TestPolicies.STAFF, identity.profileFor(InetAddress.getByName("2001:db8:6::20")));
    assertSame(TestPolicies.PUPIL, identity.profileFor(InetAddress.getByName("192.0.2.21")));
    assertSame(TestPolicies.VISITOR, identity.profileFor(InetAddress.getByName("192.0.2.22")));
    assertSame(ClientProfiles.QUARANTINE, identity.profileFor(InetAddress.getByName("192.0.2.23")));
    assertSame(ClientProfiles.QUARANTINE, identity.profileFor(InetAddress.getByName("192.0.2.24")));
    assertEquals(6, identity.size());
  }

  @Test
  void unknownAddressesInTheClassroomAreQuarantinedOthersGetTheDefault() throws Exception {
    assertSame(ClientProfiles.QUARANTINE, identity.profileFor(InetAddress.getByName("192.0.2.99")));
    assertSame(
        ClientProfiles.QUARANTINE, identity.profileFor(InetAddress.getByName("2001:db8:6::99")));
    assertSame(LOOPBACK_DEFAULT, identity.profileFor(InetAddress.getByName("127.0.0.1")));
    assertSame(LOOPBACK_DEFAULT, identity.profileFor(InetAddress.getByName("::1")));
    assertSame(LOOPBACK_DEFAULT, identity.profileFor(InetAddress.getByName("198.51.100.7")));
  }

  @Test
  void anUpdateReplacesTheWholeTableAndADisputedAddressIsQuarantined() throws Exception {
    identity.update(
        List.of(
            device(
                "00:1b:63:84:45:e6",
                ApprovalState.APPROVED,
                DeviceClass.STAFF_OWNED,
                "192.0.2.20")));
    assertSame(TestPolicies.STAFF, identity.profileFor(InetAddress.getByName("192.0.2.20")));
    identity.update(
        List.of(
            device(
                "00:1b:63:84:45:e6", ApprovalState.APPROVED, DeviceClass.STAFF_OWNED, "192.0.2.20"),
            device(
                "00:1b:63:84:45:e7",
                ApprovalState.APPROVED,
                DeviceClass.PUPIL_OWNED,
                "192.0.2.20")));
    assertSame(ClientProfiles.QUARANTINE, identity.profileFor(InetAddress.getByName("192.0.2.20")));
    identity.update(List.of());
    assertSame(ClientProfiles.QUARANTINE, identity.profileFor(InetAddress.getByName("192.0.2.20")));
    assertEquals(0, identity.size());
  }

  @Test
  void aClassWhoseProfileIsMissingIsRefusedAtConstruction() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new DeviceIdentity(
                TestPolicies.stratford(),
                Map.of("pupil", () -> TestPolicies.PUPIL),
                () -> LOOPBACK_DEFAULT,
                List.of()));
  }

  /**
   * The cost of one lookup with a full classroom (60 devices, two addresses each): a known device,
   * an unknown classroom address, and an address outside. Printed, not asserted: the machine is
   * shared. The results are checked so the work cannot be optimised away.
   */
  @Test
  void lookupCost() throws Exception {
    List<Device> devices = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      devices.add(
          device(
              String.format("00:1b:63:84:46:%02x", i),
              ApprovalState.APPROVED,
              i % 2 == 0 ? DeviceClass.SCHOOL_SHARED : DeviceClass.STAFF_OWNED,
              "192.0.2." + (10 + i),
              "2001:db8:6::" + Integer.toHexString(10 + i)));
    }
    identity.update(devices);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    StringBuilder report = new StringBuilder("Device identity lookup, ns per query (CPU):");
    Object[][] cases = {
      {"known IPv4", InetAddress.getByName("192.0.2.11"), TestPolicies.STAFF},
      {"known IPv6", InetAddress.getByName("2001:db8:6::b"), TestPolicies.STAFF},
      {"unknown in classroom", InetAddress.getByName("192.0.2.200"), ClientProfiles.QUARANTINE},
      {"outside (default)", InetAddress.getByName("127.0.0.1"), LOOPBACK_DEFAULT}
    };
    int ops = 1_000_000;
    for (Object[] c : cases) {
      InetAddress address = (InetAddress) c[1];
      assertSame(c[2], identity.profileFor(address), (String) c[0]);
      double best = Double.MAX_VALUE;
      for (int round = 0; round < 5; round++) {
        long start = threads.getCurrentThreadCpuTime();
        int sink = 0;
        for (int i = 0; i < ops; i++) {
          sink += identity.profileFor(address).blockedCategories();
        }
        best = Math.min(best, (threads.getCurrentThreadCpuTime() - start) / (double) ops);
        assertEquals(((Profile) c[2]).blockedCategories() * ops, sink);
      }
      report.append(String.format("%n  %-22s %.1f", c[0], best));
    }
    System.out.println(report);
  }
}
