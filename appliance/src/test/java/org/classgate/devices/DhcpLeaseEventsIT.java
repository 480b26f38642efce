package org.classgate.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.classgate.devices.store.SqliteDeviceRegistry;
import org.classgate.dns.Profile;
import org.classgate.dns.Subnet;
import org.classgate.dns.pipeline.ClientProfiles;
import org.classgate.store.Database;
import org.classgate.testing.Outboxes;
import org.classgate.time.ClockSync;
import org.classgate.time.TrustedTime;
import org.classgate.time.store.SqliteSequences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real lease reaches the registry: dnsmasq (DHCP only, {@code port=0}) serves a classroom subnet
 * in a network namespace the test makes, busybox's udhcpc asks for a lease from another namespace
 * over a veth pair, dnsmasq runs {@code scripts/classgate-dhcp-event} as its {@code dhcp-script},
 * and the command line the shim produces is handed to the real {@link DeviceEventCommand} (the
 * control socket in between is the panel capability's; until it lands the recorder stands in for
 * the launcher). Documentation addresses only (192.0.2.0/24, RFC 5737) and a documentation MAC
 * (00:00:5e:00:53:xx, RFC 7042). Needs root for {@code ip netns}: skipped loudly otherwise.
 */
class DhcpLeaseEventsIT {
  private static final String CLIENT_MAC = "00:00:5e:00:53:01";
  private static final long DEADLINE_NANOS = TimeUnit.SECONDS.toNanos(20);

  @TempDir Path dir;
  private final String suffix = HexFormat.of().formatHex(SecureRandom.getSeed(3));
  private final String gateway = "cgdg" + suffix;
  private final String client = "cgdc" + suffix;
  private final String gatewayLink = "cgg" + suffix;
  private final String clientLink = "cgc" + suffix;
  private final List<Process> processes = new ArrayList<>();
  private boolean namespaces;

  @BeforeEach
  void requireRoot() throws Exception {
    Object uid = Files.getAttribute(Path.of("/proc/self"), "unix:uid");
    if (!Integer.valueOf(0).equals(uid)) {
      System.err.println(
          "\n*** SKIPPED DhcpLeaseEventsIT: needs root for ip netns (uid "
              + uid
              + "). CI runs"
              + " as root and must run it. ***\n");
    }
    assumeTrue(Integer.valueOf(0).equals(uid), "needs root for ip netns");
  }

  @AfterEach
  void tearDown() throws Exception {
    for (Process process : processes) {
      process.destroy();
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    }
    if (namespaces) {
      // Deleting a namespace deletes the veth end inside it, and with it the pair.
      ip("netns", "del", gateway);
      ip("netns", "del", client);
    }
  }

  @Test
  void aLeaseFromRealDnsmasqRegistersTheDeviceAsQuarantined() throws Exception {
    classroom();
    ShimRecorder recorder = new ShimRecorder(dir);
    Process dnsmasq = dnsmasq(recorder);

    // The device asks for a lease and sends its host name; its script configures the address,
    // from which udhcpc sends its release when told to (SIGUSR2, busybox udhcpc(8)).
    Path clientScript = dir.resolve("udhcpc-script");
    Files.writeString(
        clientScript,
        "#!/bin/sh\n"
            + "case \"$1\" in\n"
            + "  bound|renew) "
            + tool("ip")
            + " addr add \"$ip/$mask\" dev \"$interface\" ;;\n"
            + "esac\n");
    Files.setPosixFilePermissions(
        clientScript, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    Process udhcpc =
        run(
            client,
            tool("busybox"),
            "udhcpc",
            "-f",
            "-i",
            clientLink,
            "-t",
            "10",
            "-T",
            "1",
            "-s",
            clientScript.toString(),
            "-x",
            "hostname:pupil-ipad");
    List<List<String>> added = awaitEvents(recorder, 1, dnsmasq);
    // dnsmasq runs its script once it has sent the ACK; udhcpc may not have taken the lease yet,
    // and a release signal before that releases nothing. Wait until the client has the address.
    awaitClientAddress(client, clientLink, added.get(0).get(5));
    // ip netns exec execs the command, so the process is udhcpc itself.
    signal("USR2", udhcpc.pid());
    List<List<String>> events = awaitEvents(recorder, 2, dnsmasq);
    List<String> add = events.get(0);
    assertEquals(List.of("control", "device-event", "dhcp", "add", CLIENT_MAC), add.subList(0, 5));
    InetAddress leased = InetAddress.getByName(add.get(5));
    assertTrue(inPool(leased), add.toString());
    assertEquals("pupil-ipad", add.get(6));
    assertEquals(
        List.of("control", "device-event", "dhcp", "del", CLIENT_MAC, add.get(5)),
        events.get(1).subList(0, 6));

    // The real command: registry, identity table and firewall as the box wires them.
    try (Database database = Database.open(dir.resolve("data"))) {
      SqliteDeviceRegistry registry =
          new SqliteDeviceRegistry(
              database,
              new TrustedTime(
                  new SqliteSequences(database),
                  "boot-a",
                  System::nanoTime,
                  Clock.systemUTC(),
                  ClockSync.ASSUMED),
              Outboxes.of(database));
      DeviceRefreshTest.RecordingPlane plane = new DeviceRefreshTest.RecordingPlane();
      DeviceIdentity identity =
          new DeviceIdentity(
              TestPolicies.stratford(),
              TestPolicies.PROFILES,
              () -> new Profile("outside", 0),
              List.of(Subnet.parse("192.0.2.0/24")));
      try (DeviceRefresh refresh =
          new DeviceRefresh(registry, identity, plane, TestPolicies.stratford())
              .start(java.time.Duration.ofHours(1))) {
        DeviceEventCommand command = new DeviceEventCommand(registry, refresh::check);
        String reply = command.run(add.subList(2, add.size()));
        assertEquals(CLIENT_MAC + " quarantined (new device, waiting for a teacher)", reply);
        Device device = registry.find(MacAddress.parse(CLIENT_MAC)).orElseThrow();
        assertEquals(ApprovalState.QUARANTINED, device.approval());
        assertEquals("pupil-ipad", device.hostname());
        assertEquals(List.of(leased), device.addresses());
        assertEquals(List.of(CLIENT_MAC + " QUARANTINED"), plane.take());
        assertEquals(ClientProfiles.QUARANTINE, identity.profileFor(leased));
        assertEquals(1, registry.quarantineEvents());

        List<String> del = events.get(1);
        command.run(del.subList(2, del.size()));
        assertEquals(
            List.of(), registry.find(MacAddress.parse(CLIENT_MAC)).orElseThrow().addresses());
      }
    }
  }

  /** The tool's path in the system directories (the test JVM's PATH may lack /usr/sbin). */
  private static String tool(String name) {
    for (String directory : List.of("/usr/sbin", "/usr/bin", "/sbin", "/bin")) {
      Path candidate = Path.of(directory, name);
      if (Files.isExecutable(candidate)) {
        return candidate.toString();
      }
    }
    throw new AssertionError(name + " is not installed (scripts/test installs it)");
  }

  private static void signal(String signal, long pid) throws Exception {
    Process kill = new ProcessBuilder(tool("kill"), "-" + signal, Long.toString(pid)).start();
    assertTrue(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0, "kill -" + signal);
  }

  private static boolean inPool(InetAddress address) {
    int last = address.getAddress()[3] & 0xFF;
    return Subnet.parse("192.0.2.0/24").contains(address) && last >= 10 && last <= 50;
  }

  /** Two namespaces joined by a veth pair; the gateway end is 192.0.2.1/24. */
  private void classroom() throws Exception {
    ip("netns", "add", gateway);
    namespaces = true;
    ip("netns", "add", client);
    ip("link", "add", gatewayLink, "type", "veth", "peer", "name", clientLink);
    ip("link", "set", gatewayLink, "netns", gateway);
    ip("link", "set", clientLink, "netns", client);
    ip("-n", gateway, "addr", "add", "192.0.2.1/24", "dev", gatewayLink);
    ip("-n", gateway, "link", "set", gatewayLink, "up");
    ip("-n", gateway, "link", "set", "lo", "up");
    ip("-n", client, "link", "set", clientLink, "address", CLIENT_MAC);
    ip("-n", client, "link", "set", clientLink, "up");
    ip("-n", client, "link", "set", "lo", "up");
  }

  private Process dnsmasq(ShimRecorder recorder) throws Exception {
    Path leases = dir.resolve("dnsmasq.leases");
    ProcessBuilder builder =
        new ProcessBuilder(
            tool("ip"),
            "netns",
            "exec",
            gateway,
            tool("dnsmasq"),
            "--keep-in-foreground",
            "--conf-file=/dev/null",
            "--port=0",
            "--interface=" + gatewayLink,
            "--bind-interfaces",
            "--dhcp-range=192.0.2.10,192.0.2.50,255.255.255.0,1h",
            "--dhcp-authoritative",
            "--dhcp-leasefile=" + leases,
            "--dhcp-script=" + ShimRecorder.DHCP_SHIM,
            "--pid-file=" + dir.resolve("dnsmasq.pid"),
            "--log-dhcp",
            "--log-facility=-");
    builder.environment().put("CLASSGATE", recorder.script.toString());
    builder.redirectErrorStream(true).redirectOutput(dir.resolve("dnsmasq.log").toFile());
    Process process = builder.start();
    processes.add(process);
    return process;
  }

  private List<List<String>> awaitEvents(ShimRecorder recorder, int count, Process dnsmasq)
      throws Exception {
    long start = System.nanoTime();
    while (System.nanoTime() - start < DEADLINE_NANOS) {
      List<List<String>> events = recorder.invocations();
      if (events.size() >= count) {
        return events;
      }
      if (!dnsmasq.isAlive()) {
        break;
      }
      TimeUnit.MILLISECONDS.sleep(50); // polling a file the script writes; not an assertion wait
    }
    throw new AssertionError(
        "expected "
            + count
            + " lease events, got "
            + recorder.invocations()
            + "; dnsmasq log:\n"
            + Files.readString(dir.resolve("dnsmasq.log")));
  }

  private static void awaitClientAddress(String namespace, String link, String address)
      throws Exception {
    long start = System.nanoTime();
    String shown = "";
    while (System.nanoTime() - start < DEADLINE_NANOS) {
      Process show =
          new ProcessBuilder(tool("ip"), "-n", namespace, "-4", "addr", "show", "dev", link)
              .redirectErrorStream(true)
              .start();
      shown = output(show);
      show.waitFor(10, TimeUnit.SECONDS);
      if (shown.contains(" " + address + "/")) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(50); // polling the client's interface; not an assertion wait
    }
    throw new AssertionError("the client never took its lease " + address + ":\n" + shown);
  }

  private Process run(String namespace, String... command) throws IOException {
    List<String> full = new ArrayList<>(List.of(tool("ip"), "netns", "exec", namespace));
    full.addAll(List.of(command));
    Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
    processes.add(process);
    return process;
  }

  private static String output(Process process) throws IOException {
    return new String(process.getInputStream().readAllBytes());
  }

  private static void ip(String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(tool("ip")));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = output(process);
    if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
      throw new IOException(String.join(" ", command) + " failed: " + output);
    }
  }
}
