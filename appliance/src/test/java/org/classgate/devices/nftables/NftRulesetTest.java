package org.classgate.devices.nftables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.classgate.devices.DeviceAccess;
import org.classgate.devices.MacAddress;
import org.classgate.devices.network.ClassroomNetwork;
import org.classgate.dns.Subnet;
import org.junit.jupiter.api.Test;

class NftRulesetTest {
  static final MacAddress STAFF = MacAddress.parse("02:00:5e:00:0a:01");
  static final MacAddress PUPIL = MacAddress.parse("02:00:5e:00:0a:02");

  static ClassroomNetwork network() throws IOException {
    return new ClassroomNetwork(
        "cg0",
        (Inet4Address) InetAddress.getByName("192.0.2.1"),
        24,
        "up0",
        List.of(Subnet.parse("198.51.100.0/24")),
        5300,
        80,
        443);
  }

  static NftRuleset.Inputs inputs(boolean bridge) throws IOException {
    Map<MacAddress, DeviceAccess> devices =
        new TreeMap<>(Comparator.comparingLong(MacAddress::bits));
    devices.put(STAFF, DeviceAccess.FULL);
    devices.put(PUPIL, DeviceAccess.INTERNET_ONLY);
    return new NftRuleset.Inputs(
        network(),
        List.of(
            Subnet.parse("203.0.113.3"),
            Subnet.parse("45.90.28.0/24"),
            Subnet.parse("2620:fe::fe")),
        devices,
        Set.of(STAFF),
        bridge);
  }

  static String resource(String name) throws IOException {
    try (InputStream in = NftRulesetTest.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** classroom.nft was applied by real nft 1.0.6; nft-list-ruleset.json is what it read back. */
  @Test
  void rendersTheRulesetThatNftAcceptedVerbatim() throws IOException {
    assertEquals(resource("classroom.nft"), NftRuleset.render(inputs(false)).text());
  }

  @Test
  void theFileReplacesTheTableInOneTransactionThatCannotFailOnAMissingTable() throws IOException {
    List<String> lines = NftRuleset.render(inputs(true)).text().lines().toList();
    assertEquals("table inet classgate", lines.get(1));
    assertEquals("delete table inet classgate", lines.get(2));
    assertEquals("table bridge classgate", lines.get(3));
    assertEquals("delete table bridge classgate", lines.get(4));
    assertTrue(lines.contains("    meta ibrname \"cg0\" drop"));
  }

  @Test
  void policyOrderInFromClassroomPutsIsolationAndBypassRejectsBeforeTheClassAndQuarantineLast()
      throws IOException {
    String text = NftRuleset.render(inputs(false)).text();
    String chain = text.substring(text.indexOf("chain from_classroom"));
    chain = chain.substring(0, chain.indexOf("}\n"));
    List<String> rules =
        chain.lines().skip(1).map(String::strip).filter(line -> !line.isEmpty()).toList();
    assertEquals(
        List.of(
            "oifname \"cg0\" drop",
            "meta nfproto ipv6 reject with icmpx admin-prohibited",
            "meta l4proto { tcp, udp } th dport 53 reject",
            "meta l4proto { tcp, udp } th dport 853 reject",
            "ip daddr @doh_v4 meta l4proto { tcp, udp } th dport 443 reject",
            "ether saddr vmap @access",
            "goto quarantined"),
        rules);
    assertTrue(
        text.contains("iifname \"cg0\" meta l4proto { tcp, udp } th dport 53 redirect to :5300"));
    assertTrue(text.contains("oifname \"up0\" ip saddr 192.0.2.0/24 masquerade"));
    assertTrue(text.contains("02:00:5e:00:0a:01 : goto full_access"));
    assertTrue(text.contains("02:00:5e:00:0a:02 : goto internet_only"));
    assertTrue(text.contains("tcp dport 443 ether saddr @staff_console accept"));
  }

  @Test
  void countsTheRulesOfEveryChainForTheReadBack() throws IOException {
    Map<String, Integer> counts = NftRuleset.render(inputs(true)).rulesPerChain();
    assertEquals(7, counts.get("inet from_classroom"));
    assertEquals(6, counts.get("inet classroom_to_box"));
    assertEquals(1, counts.get("bridge forward"));
    assertEquals(11, counts.size());
  }

  @Test
  void aClassChangeReAddsTheBelievedElementBeforeDeletingItSoTheDeleteCannotFail() {
    assertEquals(
        "add element inet classgate access { 02:00:5e:00:0a:02 : goto internet_only }\n"
            + "delete element inet classgate access { 02:00:5e:00:0a:02 }\n"
            + "add element inet classgate access { 02:00:5e:00:0a:02 : goto full_access }\n"
            + "add element inet classgate staff_console { 02:00:5e:00:0a:02 }\n"
            + "delete element inet classgate staff_console { 02:00:5e:00:0a:02 }\n",
        NftRuleset.deviceChange(PUPIL, DeviceAccess.INTERNET_ONLY, DeviceAccess.FULL, false));
    assertEquals(
        "add element inet classgate access { 02:00:5e:00:0a:01 : goto full_access }\n"
            + "add element inet classgate staff_console { 02:00:5e:00:0a:01 }\n",
        NftRuleset.deviceChange(STAFF, null, DeviceAccess.FULL, true));
    assertEquals(
        "add element inet classgate access { 02:00:5e:00:0a:01 : goto no_access }\n"
            + "delete element inet classgate access { 02:00:5e:00:0a:01 }\n"
            + "add element inet classgate staff_console { 02:00:5e:00:0a:01 }\n"
            + "delete element inet classgate staff_console { 02:00:5e:00:0a:01 }\n",
        NftRuleset.deviceChange(STAFF, DeviceAccess.NONE, null, false));
  }

  @Test
  void theBuiltInDohListParsesAndHoldsTheBigResolvers() {
    List<Subnet> doh = DohAddresses.builtIn();
    assertTrue(doh.size() > 60, "entries: " + doh.size());
    for (String address : List.of("1.1.1.1/32", "8.8.8.8/32", "9.9.9.9/32", "94.140.14.14/32")) {
      assertTrue(doh.contains(Subnet.parse(address)), address);
    }
  }

  @Test
  void aBadDohLineNamesItsSourceAndLine() {
    IllegalArgumentException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            IllegalArgumentException.class,
            () -> DohAddresses.parse("1.1.1.1\n# comment\ndns.google\n", "my-list"));
    assertTrue(e.getMessage().startsWith("my-list line 3: "), e.getMessage());
  }
}
