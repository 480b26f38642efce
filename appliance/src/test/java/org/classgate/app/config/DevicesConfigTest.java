package org.classgate.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classgate.devices.ApprovalState;
import org.classgate.devices.ClassRule;
import org.classgate.devices.DeviceAccess;
import org.classgate.devices.DeviceClass;
import org.classgate.devices.NetworkAccess;
import org.classgate.dns.BlockAnswer;
import org.classgate.dns.Subnet;
import org.classgate.dns.wire.Name;
import org.junit.jupiter.api.Test;

class DevicesConfigTest {
  private static final HostFacts HOST =
      new HostFacts() {
        @Override
        public List<InetSocketAddress> systemNameservers() {
          return List.of(new InetSocketAddress("192.0.2.53", 53));
        }

        @Override
        public List<Subnet> localSubnets() {
          return List.of(Subnet.parse("127.0.0.0/8"));
        }
      };

  private static DevicesConfig load(Map<String, String> raw) throws ConfigException {
    return ApplianceConfig.from(raw, HOST).devices();
  }

  @Test
  void defaultsFollowStratfordsTable() throws Exception {
    DevicesConfig devices = load(Map.of());
    assertEquals("classroom", devices.classroom());
    Map<DeviceClass, ClassRule> expected =
        Map.of(
            DeviceClass.SCHOOL_SINGLE_USER, new ClassRule(NetworkAccess.FULL, "pupil"),
            DeviceClass.SCHOOL_SHARED, new ClassRule(NetworkAccess.FULL, "pupil"),
            DeviceClass.AUTHORISED, new ClassRule(NetworkAccess.FULL, "pupil"),
            DeviceClass.PUPIL_OWNED, new ClassRule(NetworkAccess.NONE, "pupil"),
            DeviceClass.STAFF_OWNED, new ClassRule(NetworkAccess.FULL, "staff"),
            DeviceClass.VISITOR_OWNED, new ClassRule(NetworkAccess.NONE, "visitor"));
    for (DeviceClass deviceClass : DeviceClass.values()) {
      assertEquals(
          expected.get(deviceClass), devices.classes().rule(deviceClass), deviceClass.toString());
    }
    assertEquals(List.of(), devices.quarantineSubnets());
    assertEquals(List.of(), devices.boxNames());
    BlockAnswer waiting = devices.waitingPage();
    assertEquals(BlockAnswer.Mode.ADDRESS, waiting.mode());
    assertEquals(InetAddress.getByName("0.0.0.0"), waiting.ipv4(), "the block address");
    assertEquals(0, waiting.ttlSeconds());
    assertEquals(
        DeviceAccess.QUARANTINED,
        devices.classes().accessOf(ApprovalState.QUARANTINED, DeviceClass.STAFF_OWNED));
  }

  @Test
  void victoriaParksRuleAndQuarantineSettingsAreConfigurable() throws Exception {
    Map<String, String> raw = new HashMap<>();
    raw.put("classroom.name", "Class 5 Willow");
    raw.put("devices.class.staff-owned.access", "none");
    raw.put("devices.class.authorised.access", "Internet-Only");
    raw.put("devices.class.school-single-user.profile", "staff");
    raw.put("devices.quarantine.subnets", "198.51.100.0/24, 2001:db8:5::/64");
    raw.put("devices.quarantine.address", "198.51.100.1");
    raw.put("devices.quarantine.address6", "2001:db8:5::1");
    raw.put("devices.quarantine.ttl", "5s");
    raw.put("devices.quarantine.box-names", "ClassGate.VictoriaPark.example");
    DevicesConfig devices = load(raw);
    assertEquals("Class 5 Willow", devices.classroom());
    assertEquals(
        DeviceAccess.NONE,
        devices.classes().accessOf(ApprovalState.APPROVED, DeviceClass.STAFF_OWNED));
    assertEquals(
        DeviceAccess.INTERNET_ONLY,
        devices.classes().accessOf(ApprovalState.APPROVED, DeviceClass.AUTHORISED));
    assertEquals("staff", devices.classes().rule(DeviceClass.SCHOOL_SINGLE_USER).profile());
    assertEquals(
        List.of(Subnet.parse("198.51.100.0/24"), Subnet.parse("2001:db8:5::/64")),
        devices.quarantineSubnets());
    assertEquals(InetAddress.getByName("198.51.100.1"), devices.waitingPage().ipv4());
    assertEquals(InetAddress.getByName("2001:db8:5::1"), devices.waitingPage().ipv6());
    assertEquals(5, devices.waitingPage().ttlSeconds());
    assertEquals(List.of(Name.of("classgate.victoriapark.example")), devices.boxNames());
  }

  @Test
  void aMissingDefaultProfileFallsBackButANamedOneMustExist() throws Exception {
    Map<String, String> raw = new HashMap<>();
    raw.put("profile.children.block", "");
    raw.put("profile.adults.block", "");
    raw.put("devices.default-profile", "children");
    DevicesConfig devices = load(raw);
    assertEquals("children", devices.classes().rule(DeviceClass.STAFF_OWNED).profile());
    raw.put("devices.class.staff-owned.profile", "staff");
    ConfigException e = assertThrows(ConfigException.class, () -> load(raw));
    assertTrue(
        e.getMessage().startsWith("devices.class.staff-owned.profile = 'staff' is not allowed"),
        e.getMessage());
  }

  @Test
  void theConsoleClassesAreThoseWithTheStaffProfileUnlessConfigured() throws Exception {
    assertEquals(
        java.util.Set.of(DeviceClass.STAFF_OWNED), load(Map.of()).classes().consoleClasses());
    assertEquals(
        java.util.Set.of(DeviceClass.STAFF_OWNED, DeviceClass.SCHOOL_SINGLE_USER),
        load(Map.of("devices.class.school-single-user.profile", "staff"))
            .classes()
            .consoleClasses(),
        "a teacher's school laptop, as the school configured it");
    assertEquals(
        java.util.Set.of(DeviceClass.SCHOOL_SHARED),
        load(Map.of("devices.console-classes", "school-shared")).classes().consoleClasses());
    assertEquals(
        java.util.Set.of(),
        load(Map.of("devices.console-classes", "none")).classes().consoleClasses());
  }

  @Test
  void badKeysAndValuesNameTheKey() {
    Map<String, String> bad =
        Map.of(
            "devices.class.teachers.access", "full",
            "devices.class.staff-owned.colour", "red",
            "devices.class.staff-owned", "full",
            "devices.class.staff-owned.access", "some",
            "devices.quarantine.subnets", "classroom",
            "devices.quarantine.address", "::1",
            "devices.quarantine.ttl", "1h",
            "devices.quarantine.box-names", "-evil..name",
            "devices.console-classes", "teachers",
            "classroom.name", "Year 6\u001b[2J");
    for (Map.Entry<String, String> entry : bad.entrySet()) {
      ConfigException e =
          assertThrows(
              ConfigException.class,
              () -> load(Map.of(entry.getKey(), entry.getValue())),
              entry::toString);
      assertTrue(e.getMessage().startsWith(entry.getKey()), e.getMessage());
    }
  }
}
