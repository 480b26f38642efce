package org.classgate.devices.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.classgate.devices.DeviceAccess;
import org.classgate.devices.MacAddress;
import org.classgate.devices.dnsmasq.DhcpSettings;
import org.classgate.devices.dnsmasq.DnsmasqConfig;
import org.classgate.devices.nftables.NftablesFirewall;
import org.classgate.devices.nftables.RulesetSnapshot;
import org.classgate.dns.Subnet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A classroom built from network namespaces, with the real thing everywhere: ClassGate's generated
 * ruleset applied by real {@code nft} in the gateway, real dnsmasq running ClassGate's generated
 * DHCP configuration, busybox udhcpc as the clients' DHCP client, and the real ClassGate appliance
 * (its jar, {@code ip netns exec}-ed into the gateway) answering DNS.
 *
 * <pre>
 *   client A ─┐                                        ┌─ internet 203.0.113.2 (web, DoT, decoy DNS)
 *   client B ─┼─ cg0 bridge ─ gateway ─ up0 ── school 198.51.100.1 ─┤   203.0.113.3 (a DoH resolver)
 *   client C ─┘  192.0.2.1/24          198.51.100.2
 * </pre>
 *
 * The bridge stands in for the access point's radio with {@code ap_isolate} honoured (its client
 * ports are isolated); everything routed is ClassGate's ruleset's business. Only documentation
 * ranges (RFC 5737) are used. A is a staff device with full access, B internet-only, C unknown.
 */
class ClassroomIT {
  private static final String ID = "cgt" + ProcessHandle.current().pid() % 100_000;

  private static final MacAddress MAC_A = MacAddress.parse("02:00:5e:00:0a:01");
  private static final MacAddress MAC_B = MacAddress.parse("02:00:5e:00:0a:02");
  private static final MacAddress MAC_C = MacAddress.parse("02:00:5e:00:0a:03");

  private static final String INTERNET = Classroom.INTERNET;
  private static final String DOH_RESOLVER = Classroom.DOH_RESOLVER;
  private static final String SCHOOL_SERVER = Classroom.SCHOOL_SERVER;
  private static final String BOX = Classroom.BOX;
  private static final String DECOY_ADDRESS = Classroom.DECOY_ADDRESS;
  private static final int DNS_PORT = 5300;
  private static final String BLOCKED = "www.demo-blocked.classgate.test";

  private static Classroom classroom;
  private static Namespaces namespaces;
  private static Path dir;
  private static String GW;
  private static String SCHOOL;
  private static String NET;
  private static String A;
  private static String B;
  private static String C;
  private static NftablesFirewall firewall;
  private static final java.util.Map<String, String> leases = new java.util.HashMap<>();
  private static long applyMillis;

  @BeforeAll
  static void buildClassroom() throws Exception {
    String reason = Namespaces.unavailableReason();
    if (reason != null) {
      System.err.println(
          "\n**********************************************************************\n"
              + "*** SKIPPING ClassroomIT: the classroom namespace tests need root and\n"
              + "*** ip netns + nft; "
              + reason
              + "\n"
              + "*** CI runs as root and MUST run them.\n"
              + "**********************************************************************\n");
    }
    assumeTrue(reason == null, "classroom namespaces unavailable: " + reason);
    Map<String, MacAddress> clients = new java.util.LinkedHashMap<>();
    clients.put("a", MAC_A);
    clients.put("b", MAC_B);
    clients.put("c", MAC_C);
    classroom = Classroom.build(ID, clients, true);
    namespaces = classroom.namespaces;
    dir = classroom.dir;
    GW = classroom.gateway;
    SCHOOL = classroom.school;
    NET = classroom.internet;
    A = classroom.client("a");
    B = classroom.client("b");
    C = classroom.client("c");
    services();
    ClassroomNetwork network =
        new ClassroomNetwork(
            "cg0",
            (Inet4Address) InetAddress.getByName(BOX),
            24,
            "up0",
            List.of(Subnet.parse("198.51.100.0/24")),
            DNS_PORT,
            80,
            443);
    firewall =
        NftablesFirewall.live(
            network,
            List.of(Subnet.parse(DOH_RESOLVER)),
            dir.resolve("classgate.nft"),
            namespaces.runner(GW),
            System::nanoTime);
    firewall.preload(
        Map.of(MAC_A, DeviceAccess.FULL, MAC_B, DeviceAccess.INTERNET_ONLY), Set.of(MAC_A));
    long started = System.nanoTime();
    firewall.applyRuleset();
    applyMillis = (System.nanoTime() - started) / 1_000_000;
    System.out.println("ClassroomIT: full ruleset applied and read back in " + applyMillis + " ms");
    dhcp(network);
  }

  /** The servers: web-ish listeners, a decoy DNS server on the internet, ClassGate itself. */
  private static void services() throws IOException {
    classroom.standardServices();
    classroom.serve(B, "client-b", "0.0.0.0:8080");
    classroom.decoyDns();
    Path config = dir.resolve("classgate.properties");
    Files.writeString(
        config,
        String.join(
            "\n",
            "data.dir=" + dir.resolve("data"),
            "dns.listen=0.0.0.0:" + DNS_PORT,
            "dns.upstream=" + INTERNET + ":53",
            "dns.allowed-clients=192.0.2.0/24,127.0.0.0/8",
            "lists.demo=builtin:demo",
            ""));
    classroom.startClassGate(config);
    Namespaces.await(
        "ClassGate to answer DNS in the gateway",
        Duration.ofSeconds(60),
        () -> dig(GW, BOX + " -p " + DNS_PORT, BLOCKED, false).equals("0.0.0.0"));
  }

  /** Real dnsmasq with ClassGate's generated DHCP configuration; udhcpc in each client. */
  private static void dhcp(ClassroomNetwork network) throws IOException {
    Path events = dir.resolve("dhcp-events.log");
    Path script = dir.resolve("dhcp-event");
    Files.writeString(script, "#!/bin/sh\necho \"$@\" >> " + events + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    DhcpSettings settings =
        new DhcpSettings(
            network,
            (Inet4Address) InetAddress.getByName("192.0.2.100"),
            (Inet4Address) InetAddress.getByName("192.0.2.150"),
            Duration.ofHours(1),
            dir.resolve("dnsmasq.leases"),
            script);
    Path config = dir.resolve("dnsmasq.conf");
    AtomicFiles.write(config, DnsmasqConfig.render(settings), false);
    namespaces.start(
        GW,
        dir.resolve("dnsmasq.log"),
        "dnsmasq",
        "--keep-in-foreground",
        "--conf-file=" + config,
        "--user=root",
        "--pid-file=" + dir.resolve("dnsmasq.pid"),
        "--log-facility=-");
    for (String client : List.of(A, B, C)) {
      leases.put(client, classroom.lease(client, null));
    }
  }

  @AfterAll
  static void tearDown() throws IOException {
    if (classroom != null) {
      classroom.close();
    }
  }

  private static String connect(String ns, String address, int port) {
    return classroom.connect(ns, address, port);
  }

  private static String dig(String ns, String server, String name, boolean tcp) {
    return classroom.dig(ns, server, name, tcp);
  }

  @Test
  void everyClientGotALeaseFromDnsmasqNamingTheBoxAsRouterAndDnsAndTheEventScriptHeardIt()
      throws IOException {
    Path events = dir.resolve("dhcp-events.log");
    for (Map.Entry<String, MacAddress> client : Map.of(A, MAC_A, B, MAC_B, C, MAC_C).entrySet()) {
      String lease = Files.readString(dir.resolve(client.getKey() + ".lease")).strip();
      String address = leases.get(client.getKey());
      assertTrue(lease.startsWith("ip=192.0.2.1"), lease);
      assertTrue(lease.endsWith("router=" + BOX + " dns=" + BOX), lease);
      assertTrue(
          Namespaces.contains(dir.resolve("dnsmasq.leases"), client.getValue() + " " + address));
      Namespaces.await(
          "the dhcp-script event for " + client.getValue(),
          Duration.ofSeconds(10),
          () -> Namespaces.contains(events, "add " + client.getValue() + " " + address));
    }
  }

  @Test
  void clientToClientThroughTheBoxIsDroppedThoughTheRouteWorksWithoutClassGate()
      throws IOException {
    String addressA = leases.get(A);
    String addressB = leases.get(B);
    // Both devices send each other's traffic via the box (the radio will not carry it directly).
    namespaces.in(A, "ip", "route", "replace", addressB + "/32", "via", BOX);
    namespaces.in(B, "ip", "route", "replace", addressA + "/32", "via", BOX);
    assertEquals("timeout", connect(A, addressB, 8080), "dropped silently by from_classroom");

    namespaces.in(GW, "nft", "delete", "table", "inet", "classgate");
    try {
      assertEquals(
          "connected client-b 0.0.0.0:8080", connect(A, addressB, 8080), "control: no rules");
    } finally {
      firewall.applyRuleset();
    }
    assertEquals("timeout", connect(A, addressB, 8080));
  }

  @Test
  void dnsSentToAnOutsideResolverIsAnsweredByClassGateOverUdpAndTcp() {
    // Control: the decoy on the internet answers with its own address when asked directly.
    assertEquals(DECOY_ADDRESS, dig(NET, INTERNET, BLOCKED, false));
    for (String client : List.of(A, B, C)) {
      for (boolean tcp : new boolean[] {false, true}) {
        assertEquals("0.0.0.0", dig(client, INTERNET, BLOCKED, tcp), client + " tcp=" + tcp);
      }
    }
    // A name ClassGate allows is resolved by its upstream (here the decoy) and passed on.
    assertEquals(DECOY_ADDRESS, dig(A, INTERNET, "open.allowed.test", false));
    assertEquals(DECOY_ADDRESS, dig(C, "198.51.100.1", "open.allowed.test", true));
  }

  @Test
  void dnsOverTlsAndQuicAndKnownDohResolversAreRefused() {
    // Control: from outside the classroom both listeners answer.
    assertTrue(connect(SCHOOL, INTERNET, 853).startsWith("connected"));
    assertTrue(connect(SCHOOL, DOH_RESOLVER, 443).startsWith("connected"));
    assertEquals("refused", connect(A, INTERNET, 853));
    assertEquals("refused", connect(A, DOH_RESOLVER, 443));
    // Port 443 elsewhere is ordinary HTTPS.
    assertEquals("connected internet " + INTERNET + ":443", connect(A, INTERNET, 443));
  }

  @Test
  void aQuarantinedClientReachesOnlyTheWaitingPageDhcpAndDns() {
    assertEquals("connected box " + BOX + ":80", connect(C, BOX, 80));
    assertEquals("unreachable", connect(C, INTERNET, 80));
    assertEquals("unreachable", connect(C, SCHOOL_SERVER, 80));
    assertEquals("unreachable", connect(C, BOX, 443), "not the console");
    assertEquals("unreachable", connect(C, "198.51.100.2", 22), "nothing else on the box");
  }

  @Test
  void internetOnlyReachesTheInternetButNotTheSchoolAndFullReachesBoth() {
    firewall.apply(MAC_B, DeviceAccess.INTERNET_ONLY);
    firewall.apply(MAC_A, DeviceAccess.FULL);
    assertEquals("connected internet " + INTERNET + ":80", connect(B, INTERNET, 80));
    assertEquals("unreachable", connect(B, SCHOOL_SERVER, 80));
    assertEquals("connected internet " + INTERNET + ":80", connect(A, INTERNET, 80));
    assertEquals("connected school " + SCHOOL_SERVER + ":80", connect(A, SCHOOL_SERVER, 80));
  }

  @Test
  void onlyAStaffDeviceWithFullAccessReachesTheConsole() {
    firewall.apply(MAC_A, DeviceAccess.FULL);
    firewall.setConsoleAccess(MAC_A, true);
    assertEquals("connected box " + BOX + ":443", connect(A, BOX, 443));
    assertEquals("unreachable", connect(B, BOX, 443));
    firewall.apply(MAC_A, DeviceAccess.INTERNET_ONLY);
    try {
      assertEquals("unreachable", connect(A, BOX, 443), "staff, but no longer full access");
    } finally {
      firewall.apply(MAC_A, DeviceAccess.FULL);
    }
    assertEquals("connected box " + BOX + ":443", connect(A, BOX, 443));
  }

  @Test
  void aClassChangeTakesEffectAsAnElementUpdateWithoutReloadingTheTable() throws IOException {
    firewall.apply(MAC_B, DeviceAccess.INTERNET_ONLY);
    RulesetSnapshot before = snapshot();
    assertEquals("unreachable", connect(B, SCHOOL_SERVER, 80));

    long started = System.nanoTime();
    firewall.apply(MAC_B, DeviceAccess.FULL);
    long micros = (System.nanoTime() - started) / 1000;
    System.out.println(
        "ClassroomIT: one class change (nft element transaction) took " + micros + " µs");
    try {
      assertEquals("connected school " + SCHOOL_SERVER + ":80", connect(B, SCHOOL_SERVER, 80));
      RulesetSnapshot after = snapshot();
      assertEquals(before.tables(), after.tables(), "same table handle: not reloaded");
      assertEquals(before.rules(), after.rules(), "rules untouched");
      assertTrue(after.elements().get("inet access").contains(MAC_A + " : goto full_access"));
      assertTrue(after.elements().get("inet access").contains(MAC_B + " : goto full_access"));
      assertEquals(List.of(), firewall.checkDrift());
    } finally {
      firewall.apply(MAC_B, DeviceAccess.INTERNET_ONLY);
    }
    assertEquals("unreachable", connect(B, SCHOOL_SERVER, 80));

    firewall.apply(MAC_C, DeviceAccess.NONE);
    assertEquals("unreachable", connect(C, INTERNET, 80));
    assertEquals("connected box " + BOX + ":80", connect(C, BOX, 80), "block page still there");
    firewall.forget(MAC_C);
    assertFalse(
        snapshot().elements().get("inet access").stream()
            .anyMatch(e -> e.startsWith(MAC_C.toString())));
    assertEquals(before.tables(), snapshot().tables());
  }

  @Test
  void driftDetectionFindsARuleDeletedByHandAndReapplyingRepairsIt() throws IOException {
    assertEquals(List.of(), firewall.checkDrift());
    String listing =
        namespaces.in(GW, "nft", "-a", "list", "chain", "inet", "classgate", "from_classroom");
    String handle =
        listing
            .lines()
            .filter(line -> line.contains("853"))
            .map(line -> line.substring(line.lastIndexOf("handle ") + 7).strip())
            .findFirst()
            .orElseThrow();
    namespaces.in(
        GW, "nft", "delete", "rule", "inet", "classgate", "from_classroom", "handle", handle);
    List<String> drift = firewall.checkDrift();
    assertEquals(List.of("chain inet from_classroom changed: 1 rule(s) deleted"), drift);
    assertEquals(drift, firewall.problems());
    assertTrue(connect(A, INTERNET, 853).startsWith("connected"), "the hole is real");

    firewall.applyRuleset();
    assertEquals(List.of(), firewall.checkDrift());
    assertEquals("refused", connect(A, INTERNET, 853));
  }

  private static RulesetSnapshot snapshot() throws IOException {
    return RulesetSnapshot.parse(namespaces.in(GW, "nft", "-j", "list", "ruleset"));
  }
}
