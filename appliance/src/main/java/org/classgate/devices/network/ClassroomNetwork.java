package org.classgate.devices.network;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.regex.Pattern;
import org.classgate.dns.Subnet;

/**
 * The box's place between the classroom and the school: which interface the classroom's devices
 * arrive on, the box's own address there, where traffic leaves, and which ranges are the school's.
 * Immutable; every value is checked here so that generated files and rules can use it unquoted
 * without any chance of injecting a line.
 *
 * @param classroomInterface the Wi-Fi interface (or the bridge holding it) the classroom uses
 * @param gateway the box's IPv4 address on the classroom interface: router and DNS for clients
 * @param prefixLength the classroom subnet's prefix length (8-30)
 * @param uplinkInterface where classroom traffic leaves the box (masqueraded)
 * @param schoolRanges IPv4 ranges of the school network: what full access adds over internet-only
 * @param dnsPort the port ClassGate's DNS listener uses; port 53 from classroom clients goes there
 * @param blockPagePort the box's block page (and quarantine waiting page), plain HTTP
 * @param consolePort the box's console (HTTPS), reachable by staff devices with full access only
 */
public record ClassroomNetwork(
    String classroomInterface,
    Inet4Address gateway,
    int prefixLength,
    String uplinkInterface,
    List<Subnet> schoolRanges,
    int dnsPort,
    int blockPagePort,
    int consolePort) {

  /**
   * Linux interface names are at most 15 bytes (IFNAMSIZ - 1, see netdevice(7)); we also keep to a
   * character set that needs no quoting in nftables, hostapd or dnsmasq files.
   */
  private static final Pattern INTERFACE_NAME = Pattern.compile("[A-Za-z0-9_.-]{1,15}");

  public ClassroomNetwork {
    requireInterfaceName(classroomInterface);
    requireInterfaceName(uplinkInterface);
    if (classroomInterface.equals(uplinkInterface)) {
      throw new IllegalArgumentException(
          "the classroom and uplink interfaces must differ: " + classroomInterface);
    }
    if (prefixLength < 8 || prefixLength > 30) {
      throw new IllegalArgumentException(
          "classroom prefix /" + prefixLength + " must be from /8 to /30");
    }
    schoolRanges = List.copyOf(schoolRanges);
    for (Subnet range : schoolRanges) {
      if (range.network().length != 4) {
        throw new IllegalArgumentException("school ranges are IPv4 prefixes, not " + range);
      }
    }
    for (int port : new int[] {dnsPort, blockPagePort, consolePort}) {
      if (port < 1 || port > 65_535) {
        throw new IllegalArgumentException("port " + port + " is not 1-65535");
      }
    }
  }

  /** Whether {@code name} is an interface name these files can carry safely. */
  public static boolean isInterfaceName(String name) {
    return name != null
        && INTERFACE_NAME.matcher(name).matches()
        && !name.equals(".")
        && !name.equals("..");
  }

  private static void requireInterfaceName(String name) {
    if (!isInterfaceName(name)) {
      throw new IllegalArgumentException(
          "not an interface name (1-15 of A-Z a-z 0-9 _ . -): " + name);
    }
  }

  /** The classroom subnet, e.g. 192.0.2.0/24 for gateway 192.0.2.1 and prefix 24. */
  public Subnet classroomSubnet() {
    return new Subnet(gateway.getAddress(), prefixLength);
  }

  /** The subnet mask in dotted form, e.g. 255.255.255.0, as DHCP's option 1 carries it. */
  public Inet4Address netmask() {
    int bits = prefixLength == 0 ? 0 : -1 << (32 - prefixLength);
    byte[] mask = {(byte) (bits >>> 24), (byte) (bits >>> 16), (byte) (bits >>> 8), (byte) bits};
    try {
      return (Inet4Address) InetAddress.getByAddress(mask);
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
