package org.classgate.app.config;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.classgate.devices.dnsmasq.DhcpSettings;
import org.classgate.devices.hostapd.AccessPointSettings;
import org.classgate.devices.hostapd.WifiSecurity;
import org.classgate.devices.network.ClassroomNetwork;
import org.classgate.dns.Subnet;

/**
 * The classroom network part of the configuration (keys {@code network.*}): the firewall, the
 * access point and DHCP. Immutable. The Wi-Fi passphrase is a secret: no message or log line made
 * here contains it.
 *
 * @param accessPoint null when {@code network.mode=off} and no passphrase is configured
 * @param dohAddresses a file replacing the built-in DoH resolver list, or null for the built-in
 */
public record NetworkConfig(
    Mode mode,
    ClassroomNetwork network,
    AccessPointSettings accessPoint,
    DhcpSettings dhcp,
    Path dohAddresses) {

  /** What the appliance does with the classroom network. */
  public enum Mode {
    /** Nothing: the box's firewall, access point and DHCP are someone else's business. */
    OFF,
    /**
     * Writes the ruleset, hostapd.conf and dnsmasq.conf into the data directory; applies nothing.
     */
    DRY_RUN,
    /** Writes them and applies the ruleset with nft (needs CAP_NET_ADMIN). */
    APPLY
  }

  static final List<String> KEYS =
      List.of(
          "network.mode",
          "network.classroom.interface",
          "network.classroom.address",
          "network.uplink.interface",
          "network.school-ranges",
          "network.doh-addresses",
          "network.block-page-port",
          "network.console-port",
          "network.dhcp.range",
          "network.dhcp.lease-time",
          "network.dhcp.event-script",
          "network.wifi.ssid",
          "network.wifi.passphrase",
          "network.wifi.country",
          "network.wifi.channel",
          "network.wifi.security");

  /** Where the generated files go, under {@code data.dir}. */
  public static Path directory(Path dataDir) {
    return dataDir.resolve("network");
  }

  static NetworkConfig read(ConfigReader in, Path dataDir, List<InetSocketAddress> dnsListen)
      throws ConfigException {
    Mode mode = in.choice("network.mode", Mode.OFF, Mode.class);
    String classroom = interfaceName(in, "network.classroom.interface", "wlan0");
    String uplink = interfaceName(in, "network.uplink.interface", "eth0");
    String addressText = in.string("network.classroom.address", "192.168.250.1/24");
    Subnet subnet = subnet("network.classroom.address", addressText);
    Inet4Address gateway = gatewayOf("network.classroom.address", addressText);
    List<Subnet> school = in.subnets("network.school-ranges");
    if (!in.isSet("network.school-ranges")) {
      school =
          List.of(
              Subnet.parse("10.0.0.0/8"),
              Subnet.parse("172.16.0.0/12"),
              Subnet.parse("192.168.0.0/16"));
    }
    int blockPage = in.integer("network.block-page-port", 80, 1, 65_535);
    int console = in.integer("network.console-port", 443, 1, 65_535);
    if (blockPage == console) {
      throw new ConfigException(
          "network.console-port", Integer.toString(console), "a port other than the block page's");
    }
    ClassroomNetwork network;
    try {
      network =
          new ClassroomNetwork(
              classroom,
              gateway,
              subnet.prefixLength(),
              uplink,
              school,
              dnsPort(mode, dnsListen, gateway),
              blockPage,
              console);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("network.*", e.getMessage());
    }
    DhcpSettings dhcp = dhcp(in, network, dataDir);
    AccessPointSettings accessPoint = accessPoint(in, mode, classroom);
    String doh = in.string("network.doh-addresses", null);
    return new NetworkConfig(mode, network, accessPoint, dhcp, doh == null ? null : Path.of(doh));
  }

  private static String interfaceName(ConfigReader in, String key, String fallback)
      throws ConfigException {
    String name = in.string(key, fallback);
    if (!ClassroomNetwork.isInterfaceName(name)) {
      throw new ConfigException(key, name, "an interface name: 1-15 of A-Z a-z 0-9 _ . -");
    }
    return name;
  }

  private static Subnet subnet(String key, String text) throws ConfigException {
    String allowed = "the box's classroom address with its prefix, e.g. 192.168.250.1/24 (/8-/30)";
    try {
      Subnet subnet = Subnet.parse(text);
      if (subnet.network().length != 4
          || !text.contains("/")
          || subnet.prefixLength() < 8
          || subnet.prefixLength() > 30) {
        throw new ConfigException(key, text, allowed);
      }
      return subnet;
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, text, allowed);
    }
  }

  private static Inet4Address gatewayOf(String key, String text) throws ConfigException {
    try {
      return (Inet4Address) InetAddress.getByName(text.substring(0, text.indexOf('/')));
    } catch (UnknownHostException | ClassCastException e) {
      throw new ConfigException(key, text, "a numeric IPv4 address with its prefix");
    }
  }

  /**
   * The port classroom DNS is redirected to: ClassGate's listener must accept it on the classroom
   * address (a wildcard or that address) on a fixed port.
   */
  private static int dnsPort(Mode mode, List<InetSocketAddress> listen, Inet4Address gateway)
      throws ConfigException {
    for (InetSocketAddress address : listen) {
      boolean reachable =
          address.getAddress().isAnyLocalAddress() || address.getAddress().equals(gateway);
      if (reachable && address.getPort() != 0) {
        return address.getPort();
      }
    }
    if (mode != Mode.APPLY) {
      // Off: unused. Dry run (dev mode, listening on loopback): the file shows the listener's port.
      int port = listen.isEmpty() ? 0 : listen.get(0).getPort();
      return port == 0 ? 5300 : port;
    }
    throw new ConfigException(
        "dns.listen",
        listen.toString(),
        "with network.mode "
            + mode.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-')
            + ", a fixed port on 0.0.0.0 or on the classroom address "
            + gateway.getHostAddress()
            + ", where the classroom's DNS is redirected");
  }

  private static DhcpSettings dhcp(ConfigReader in, ClassroomNetwork network, Path dataDir)
      throws ConfigException {
    String key = "network.dhcp.range";
    String range = in.string(key, null);
    Inet4Address start;
    Inet4Address end;
    if (range == null) {
      Inet4Address[] defaults = defaultRange(network);
      start = defaults[0];
      end = defaults[1];
    } else {
      String[] ends = range.split("\\s*-\\s*");
      if (ends.length != 2 || !ends[0].matches("[0-9.]+") || !ends[1].matches("[0-9.]+")) {
        throw new ConfigException(
            key, range, "first-last IPv4 addresses, e.g. 192.168.250.100-192.168.250.199");
      }
      try {
        start = (Inet4Address) InetAddress.getByName(ends[0]);
        end = (Inet4Address) InetAddress.getByName(ends[1]);
      } catch (UnknownHostException | ClassCastException e) {
        throw new ConfigException(key, range, "first-last IPv4 addresses");
      }
    }
    Duration lease =
        in.duration(
            "network.dhcp.lease-time",
            Duration.ofHours(1),
            Duration.ofMinutes(2),
            Duration.ofDays(7));
    String script =
        in.string("network.dhcp.event-script", "/opt/classgate/scripts/classgate-dhcp-event");
    try {
      return new DhcpSettings(
          network,
          start,
          end,
          lease,
          directory(dataDir).resolve("dnsmasq.leases").toAbsolutePath(),
          Path.of(script));
    } catch (IllegalArgumentException e) {
      String which = e.getMessage().contains("path") ? "network.dhcp.event-script" : key;
      throw new ConfigException(which, e.getMessage());
    }
  }

  /** .100-.199 in a /24 or larger subnet; else every host address after the box's. */
  private static Inet4Address[] defaultRange(ClassroomNetwork network) {
    byte[] base = network.classroomSubnet().network();
    long first = toLong(base);
    long size = 1L << (32 - network.prefixLength());
    long start = size >= 256 ? first + 100 : first + 2;
    long end = size >= 256 ? first + 199 : first + size - 2;
    return new Inet4Address[] {fromLong(start), fromLong(end)};
  }

  private static AccessPointSettings accessPoint(ConfigReader in, Mode mode, String classroom)
      throws ConfigException {
    String ssid = in.string("network.wifi.ssid", "ClassGate");
    String passphrase = in.string("network.wifi.passphrase", null);
    String country = in.string("network.wifi.country", "GB");
    int channel = in.integer("network.wifi.channel", 6, 1, 196);
    WifiSecurity security =
        in.choice("network.wifi.security", WifiSecurity.WPA2, WifiSecurity.class);
    if (passphrase == null) {
      if (mode == Mode.OFF) {
        return null;
      }
      throw new ConfigException(
          "network.wifi.passphrase",
          "needed for the classroom Wi-Fi: 8-63 printable ASCII characters");
    }
    if (!AccessPointSettings.isChannel(channel)) {
      throw new ConfigException(
          "network.wifi.channel",
          Integer.toString(channel),
          "a 2.4 GHz channel 1-14 or a 20 MHz 5 GHz channel (36, 40 … 64, 100 … 144, 149 … 165)");
    }
    if (!country.matches("[A-Z]{2}")) {
      throw new ConfigException(
          "network.wifi.country", country, "an ISO 3166 country code such as GB");
    }
    try {
      return new AccessPointSettings(classroom, ssid, passphrase, country, channel, security);
    } catch (IllegalArgumentException e) {
      // The message never contains the passphrase (AccessPointSettings keeps it out).
      String key =
          e.getMessage().contains("passphrase") ? "network.wifi.passphrase" : "network.wifi.ssid";
      throw new ConfigException(key, e.getMessage());
    }
  }

  private static long toLong(byte[] address) {
    long value = 0;
    for (byte b : address) {
      value = (value << 8) | (b & 0xFF);
    }
    return value;
  }

  private static Inet4Address fromLong(long value) {
    byte[] bytes = {
      (byte) (value >>> 24), (byte) (value >>> 16), (byte) (value >>> 8), (byte) value
    };
    try {
      return (Inet4Address) InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return "NetworkConfig[mode="
        + mode
        + ", network="
        + network
        + ", accessPoint="
        + accessPoint
        + ", dhcp="
        + dhcp
        + ", dohAddresses="
        + dohAddresses
        + "]";
  }
}
