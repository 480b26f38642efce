package org.classgate.devices.network;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.classgate.devices.MacAddress;

/**
 * The classroom the namespace tests share: a gateway with a {@code cg0} bridge standing in for the
 * access point's radio (client ports isolated, as {@code ap_isolate} on a radio that honours it),
 * client namespaces on it, an uplink to a "school network" namespace that routes on to an
 * "internet" namespace. Documentation ranges only (RFC 5737):
 *
 * <pre>
 *   clients ── cg0 bridge ─ gateway ─ up0 ── school 198.51.100.1 ── internet 203.0.113.2 (web, DoT,
 *              192.0.2.1/24          198.51.100.2                  decoy DNS), 203.0.113.3 (DoH)
 * </pre>
 *
 * Also the helpers every such test needs: the python listeners and connector ({@code netcheck.py}),
 * a decoy DNS server on the internet, udhcpc leases, dig and connect from a namespace. {@link
 * #close()} ends every process and removes every namespace and file. Needs root. Not thread-safe.
 */
final class Classroom implements AutoCloseable {
  static final String BOX = "192.0.2.1";
  static final String INTERNET = "203.0.113.2";
  static final String DOH_RESOLVER = "203.0.113.3";
  static final String SCHOOL_SERVER = "198.51.100.1";
  static final String UPLINK = "198.51.100.2";

  /** What the decoy resolver on the internet answers for every name under {@code test}. */
  static final String DECOY_ADDRESS = "203.0.113.66";

  final String gateway;
  final String school;
  final String internet;

  /** Client namespace → its MAC address, in creation order. */
  final Map<String, MacAddress> clients;

  final Namespaces namespaces = new Namespaces();
  final Path dir;
  private final Path netcheck;

  private Classroom(String id, Map<String, MacAddress> clients, Path dir) {
    this.gateway = id + "-gw";
    this.school = id + "-school";
    this.internet = id + "-net";
    this.clients = clients;
    this.dir = dir;
    this.netcheck = dir.resolve("netcheck.py");
  }

  /**
   * Builds the namespaces and links. IPv4 forwarding is turned on in the school router, and in the
   * gateway only when {@code forwardInGateway} (a test of the box turning it on itself says no).
   *
   * @param id a short prefix unique to this test run (namespace names are at most 15 characters
   *     with their suffixes)
   * @param clients client name suffix → MAC address
   */
  static Classroom build(String id, Map<String, MacAddress> clients, boolean forwardInGateway)
      throws IOException {
    Map<String, MacAddress> named = new LinkedHashMap<>();
    clients.forEach((suffix, mac) -> named.put(id + "-" + suffix, mac));
    Classroom classroom =
        new Classroom(id, named, Files.createTempDirectory("classgate-classroom"));
    try {
      try (InputStream in = Classroom.class.getResourceAsStream("netcheck.py")) {
        Files.copy(in, classroom.netcheck);
      }
      classroom.topology(forwardInGateway);
    } catch (IOException | RuntimeException e) {
      classroom.close();
      throw e;
    }
    return classroom;
  }

  /** The namespace of the client whose suffix is {@code suffix}. */
  String client(String suffix) {
    String name = gateway.substring(0, gateway.length() - 2) + suffix;
    if (!clients.containsKey(name)) {
      throw new IllegalArgumentException("no client " + suffix);
    }
    return name;
  }

  private void topology(boolean forwardInGateway) throws IOException {
    List<String> all = new ArrayList<>(List.of(gateway, school, internet));
    all.addAll(clients.keySet());
    for (String ns : all) {
      namespaces.add(ns);
    }
    namespaces.in(gateway, "ip", "link", "add", "cg0", "type", "bridge");
    namespaces.in(gateway, "ip", "addr", "add", BOX + "/24", "dev", "cg0");
    namespaces.in(gateway, "ip", "link", "set", "cg0", "up");
    int port = 0;
    for (Map.Entry<String, MacAddress> client : clients.entrySet()) {
      String gwPort = "p" + port++;
      String ns = client.getKey();
      namespaces.in(
          gateway, "ip", "link", "add", gwPort, "type", "veth", "peer", "name", "eth0", "netns",
          ns);
      namespaces.in(gateway, "ip", "link", "set", gwPort, "master", "cg0");
      // The radio with ap_isolate honoured: frames are not bridged from client to client.
      namespaces.in(gateway, "ip", "link", "set", gwPort, "type", "bridge_slave", "isolated", "on");
      namespaces.in(gateway, "ip", "link", "set", gwPort, "up");
      namespaces.in(ns, "ip", "link", "set", "eth0", "address", client.getValue().toString());
      namespaces.in(ns, "ip", "link", "set", "eth0", "up");
    }
    namespaces.in(
        gateway, "ip", "link", "add", "up0", "type", "veth", "peer", "name", "lan0", "netns",
        school);
    namespaces.in(gateway, "ip", "addr", "add", UPLINK + "/24", "dev", "up0");
    namespaces.in(gateway, "ip", "link", "set", "up0", "up");
    namespaces.in(gateway, "ip", "route", "add", "default", "via", SCHOOL_SERVER);
    namespaces.in(school, "ip", "addr", "add", SCHOOL_SERVER + "/24", "dev", "lan0");
    namespaces.in(school, "ip", "link", "set", "lan0", "up");
    namespaces.in(
        school, "ip", "link", "add", "wan0", "type", "veth", "peer", "name", "eth0", "netns",
        internet);
    namespaces.in(school, "ip", "addr", "add", "203.0.113.1/24", "dev", "wan0");
    namespaces.in(school, "ip", "link", "set", "wan0", "up");
    namespaces.in(internet, "ip", "addr", "add", INTERNET + "/24", "dev", "eth0");
    namespaces.in(internet, "ip", "addr", "add", DOH_RESOLVER + "/24", "dev", "eth0");
    namespaces.in(internet, "ip", "link", "set", "eth0", "up");
    namespaces.in(internet, "ip", "route", "add", "198.51.100.0/24", "via", "203.0.113.1");
    namespaces.in(gateway, "sysctl", "-qw", "net.ipv4.ip_forward=" + (forwardInGateway ? 1 : 0));
    namespaces.in(school, "sysctl", "-qw", "net.ipv4.ip_forward=1");
  }

  /**
   * The usual listeners: web, HTTPS and DoT on the internet, a DoH resolver's 443, the school's web
   * server, the box's block page (80) and console (443).
   */
  void standardServices() throws IOException {
    serve(
        internet,
        "internet",
        INTERNET + ":80",
        INTERNET + ":443",
        INTERNET + ":853",
        DOH_RESOLVER + ":443");
    serve(school, "school", SCHOOL_SERVER + ":80");
    serve(gateway, "box", BOX + ":80", BOX + ":443");
  }

  /** TCP listeners answering {@code connected NAME ADDRESS:PORT}, started in {@code ns}. */
  void serve(String ns, String name, String... endpoints) throws IOException {
    Path log = dir.resolve("serve-" + name + ".log");
    String[] command =
        Stream.concat(
                Stream.of("python3", netcheck.toString(), "serve", name), Stream.of(endpoints))
            .toArray(String[]::new);
    namespaces.start(ns, log, command);
    Namespaces.await(
        name + " listeners", Duration.ofSeconds(10), () -> Namespaces.contains(log, "ready"));
  }

  /**
   * A resolver on the internet that answers every name under {@code test} with {@link
   * #DECOY_ADDRESS}: the upstream of the box, and what a client asking it directly would get if its
   * query were not redirected.
   */
  void decoyDns() throws IOException {
    namespaces.start(
        internet,
        dir.resolve("decoy-dns.log"),
        "dnsmasq",
        "--keep-in-foreground",
        "--conf-file=/dev/null",
        "--no-resolv",
        "--no-hosts",
        "--listen-address=" + INTERNET,
        "--bind-interfaces",
        "--port=53",
        "--address=/test/" + DECOY_ADDRESS,
        "--user=root",
        "--pid-file=" + dir.resolve("decoy.pid"),
        "--log-facility=-");
  }

  /** Starts the ClassGate appliance ({@code run --config}) in the gateway namespace. */
  Process startClassGate(Path config) throws IOException {
    return namespaces.start(
        gateway,
        dir.resolve("classgate.log"),
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx128m",
        "-cp",
        classpath(),
        "org.classgate.app.Main",
        "run",
        "--config",
        config.toString());
  }

  /** The built jar when present (failsafe runs after package), else this JVM's class path. */
  static String classpath() {
    Path jar = Path.of("target", "classgate.jar").toAbsolutePath();
    return Files.isRegularFile(jar) ? jar.toString() : System.getProperty("java.class.path");
  }

  /**
   * Gets a lease in {@code client} with busybox udhcpc (retrying while dnsmasq starts), sets it up
   * and returns the address. The lease line is kept in {@code <client>.lease}.
   *
   * @param hostname the host name the client sends (option 12); null for none
   */
  String lease(String client, String hostname) throws IOException {
    Path lease = dir.resolve(client + ".lease");
    Path clientScript = dir.resolve(client + ".udhcpc");
    Files.writeString(
        clientScript,
        "#!/bin/sh\nPATH=/usr/sbin:/usr/bin:/sbin:/bin\n"
            + "case \"$1\" in\n"
            + "  bound|renew)\n"
            + "    ip addr flush dev \"$interface\"\n"
            + "    ip addr add \"$ip/$mask\" dev \"$interface\"\n"
            + "    ip route replace default via \"${router%% *}\" dev \"$interface\"\n"
            + "    echo \"ip=$ip router=$router dns=$dns\" > "
            + lease
            + " ;;\n"
            + "esac\n");
    Files.setPosixFilePermissions(clientScript, PosixFilePermissions.fromString("rwx------"));
    List<String> command =
        new ArrayList<>(
            List.of(
                "busybox",
                "udhcpc",
                "-i",
                "eth0",
                "-f",
                "-q",
                "-n",
                "-t",
                "10",
                "-T",
                "1",
                "-s",
                clientScript.toString()));
    if (hostname != null) {
      command.add("-x");
      command.add("hostname:" + hostname);
    }
    namespaces.in(client, command.toArray(String[]::new));
    String text = Files.readString(lease, StandardCharsets.UTF_8).strip();
    return text.substring(3, text.indexOf(' '));
  }

  /**
   * What {@code netcheck.py connect} says from {@code ns}: {@code connected NAME ADDRESS:PORT},
   * {@code refused}, {@code unreachable} or {@code timeout} (2 s).
   */
  String connect(String ns, String address, int port) {
    try {
      return namespaces
          .attempt(
              ns, "python3", netcheck.toString(), "connect", address, Integer.toString(port), "2")
          .stdout()
          .strip();
    } catch (IOException e) {
      return "error " + e.getMessage();
    }
  }

  /**
   * The short answer of {@code dig} run in {@code ns}.
   *
   * @param server the address, optionally followed by {@code " -p PORT"}
   */
  String dig(String ns, String server, String name, boolean tcp) {
    try {
      List<String> command = new ArrayList<>(List.of("dig", "+short", "+time=2", "+tries=1"));
      if (tcp) {
        command.add("+tcp");
      }
      String[] at = server.split(" ");
      command.add("@" + at[0]);
      if (at.length == 3) {
        command.add(at[1]);
        command.add(at[2]);
      }
      command.add(name);
      return namespaces.attempt(ns, command.toArray(String[]::new)).stdout().strip();
    } catch (IOException e) {
      return "error " + e.getMessage();
    }
  }

  /** The last 8 KiB of the log file {@code name} in {@link #dir}, for a failure message. */
  String log(String name) {
    try {
      String text = Files.readString(dir.resolve(name), StandardCharsets.UTF_8);
      return text.length() > 8192 ? text.substring(text.length() - 8192) : text;
    } catch (IOException e) {
      return "(no " + name + ": " + e.getMessage() + ")";
    }
  }

  @Override
  public void close() throws IOException {
    namespaces.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
