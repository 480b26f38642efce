package org.classgate.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SubnetTest {
  @Test
  void matchesInsideThePrefixOnly() throws Exception {
    Subnet subnet = Subnet.parse("192.168.4.0/22");
    assertTrue(subnet.contains(InetAddress.getByName("192.168.4.1")));
    assertTrue(subnet.contains(InetAddress.getByName("192.168.7.254")));
    assertFalse(subnet.contains(InetAddress.getByName("192.168.8.1")));
    assertFalse(subnet.contains(InetAddress.getByName("::ffff:10.0.0.1")));
  }

  @Test
  void masksHostBitsAndPrintsCanonically() {
    assertEquals("10.1.0.0/16", Subnet.parse("10.1.2.3/16").toString());
    assertEquals(Subnet.parse("10.1.0.0/16"), Subnet.parse("10.1.9.9/16"));
  }

  @Test
  void ipv6AndBareAddresses() throws Exception {
    assertTrue(Subnet.parse("fd00:1::/64").contains(InetAddress.getByName("fd00:1::42")));
    assertFalse(Subnet.parse("fd00:1::/64").contains(InetAddress.getByName("fd00:2::42")));
    assertTrue(Subnet.parse("127.0.0.1").contains(InetAddress.getByName("127.0.0.1")));
    assertFalse(Subnet.parse("127.0.0.1").contains(InetAddress.getByName("127.0.0.2")));
    assertTrue(Subnet.parse("0.0.0.0/0").contains(InetAddress.getByName("203.0.113.9")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "example.com/24", "10.0.0.0/33", "10.0.0.0/x", "10.0.0/8x", "::/129"})
  void rejectsWhatIsNotASubnetWithAMessageNamingIt(String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> Subnet.parse(text));
    assertTrue(e.getMessage().contains("'" + text + "'"), e.getMessage());
  }
}
