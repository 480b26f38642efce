package org.classgate.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeviceEventParserTest {
  @Test
  void readsDnsmasqAndHostapdEvents() throws Exception {
    DeviceEvent add =
        DeviceEventParser.parse(
            List.of("dhcp", "add", "02:00:5E:10:00:01", "192.0.2.20", "Pupils-iPad"));
    assertEquals(DeviceEvent.Kind.LEASE_ADDED, add.kind());
    assertEquals(MacAddress.parse("02:00:5e:10:00:01"), add.mac());
    assertEquals(InetAddress.getByName("192.0.2.20"), add.address());
    assertEquals("Pupils-iPad", add.hostname());
    assertEquals("dhcp add 02:00:5e:10:00:01 192.0.2.20 Pupils-iPad", add.toString());

    DeviceEvent del =
        DeviceEventParser.parse(List.of("dhcp", "del", "02:00:5e:10:00:01", "2001:db8::20"));
    assertEquals(DeviceEvent.Kind.LEASE_ENDED, del.kind());
    assertNull(del.hostname());
    assertEquals(InetAddress.getByName("2001:db8::20"), del.address());

    DeviceEvent old =
        DeviceEventParser.parse(List.of("dhcp", "old", "02:00:5e:10:00:01", "198.51.100.7"));
    assertEquals(DeviceEvent.Kind.LEASE_RENEWED, old.kind());

    DeviceEvent connected =
        DeviceEventParser.parse(List.of("wifi", "connected", "02-00-5e-10-00-01"));
    assertEquals(DeviceEvent.Kind.CONNECTED, connected.kind());
    assertNull(connected.address());
    assertEquals(
        DeviceEvent.Kind.DISCONNECTED,
        DeviceEventParser.parse(List.of("wifi", "disconnected", "02:00:5e:10:00:01")).kind());
  }

  @Test
  void refusesHostileAndMalformedArgumentsWithAReason() {
    String mac = "02:00:5e:10:00:01";
    List<List<String>> bad =
        List.of(
            List.of(),
            List.of("ftp", "add", mac, "192.0.2.1"),
            List.of("dhcp", "add", mac),
            List.of("dhcp", "add", mac, "192.0.2.1", "host", "extra"),
            List.of("dhcp", "tftp", mac, "192.0.2.1"),
            List.of("dhcp", "add", "02:00:5e:10:00", "192.0.2.1"),
            List.of("dhcp", "add", "02:00:5e:10:00:0g", "192.0.2.1"),
            List.of("dhcp", "add", "ff:ff:ff:ff:ff:ff", "192.0.2.1"),
            List.of("dhcp", "add", mac, "192.0.2.256"),
            List.of("dhcp", "add", mac, "192.0.2.01"),
            List.of("dhcp", "add", mac, "192.0.2"),
            List.of("dhcp", "add", mac, "localhost"),
            List.of("dhcp", "add", mac, "example.com"),
            List.of("dhcp", "add", mac, "fe80::1%eth0"),
            List.of("dhcp", "add", mac, "0.0.0.0"),
            List.of("dhcp", "add", mac, "255.255.255.255"),
            List.of("dhcp", "add", mac, "224.0.0.1"),
            List.of("dhcp", "add", mac, "ff02::1"),
            List.of("dhcp", "add", mac, ":::"),
            List.of("dhcp", "add", mac, "1".repeat(100)),
            List.of("dhcp", "add", mac, "192.0.2.1", "-rf"),
            List.of("dhcp", "add", mac, "192.0.2.1", "--set"),
            List.of("dhcp", "add", mac, "192.0.2.1", ".hidden"),
            List.of("dhcp", "add", mac, "192.0.2.1", "evil\u001b[2Jname"),
            List.of("dhcp", "add", mac, "192.0.2.1", "bidi\u202Eexe"),
            List.of("dhcp", "add", mac, "192.0.2.1", "two words"),
            List.of("dhcp", "add", mac, "192.0.2.1", "a;reboot"),
            List.of("dhcp", "add", mac, "192.0.2.1", "x".repeat(254)),
            List.of("dhcp", "add", mac, "192.0.2.1", ""),
            List.of("wifi", "connected", mac, "192.0.2.1"),
            List.of("wifi", "AP-STA-CONNECTED", mac));
    for (List<String> args : bad) {
      DeviceEventRejected e =
          assertThrows(
              DeviceEventRejected.class, () -> DeviceEventParser.parse(args), args::toString);
      String message = e.getMessage();
      assertTrue(message.length() < 200, message);
      for (char c : message.toCharArray()) {
        assertTrue(c >= 0x20 && c < 0x7f, () -> "unprintable character in: " + message);
      }
    }
  }

  @Test
  void refusalsQuoteShortenedEscapedText() {
    assertEquals("'a\\u001bb'", DeviceEventParser.quote("a\u001bb"));
    assertEquals("'" + "x".repeat(40) + "...(41 chars)'", DeviceEventParser.quote("x".repeat(41)));
  }
}
