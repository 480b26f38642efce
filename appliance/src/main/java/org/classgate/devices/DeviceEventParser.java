package org.classgate.devices;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;

/**
 * Reads the arguments of the {@code device-event} control command, as the event shims send them:
 *
 * <pre>
 * dhcp add|old|del MAC ADDRESS [HOSTNAME]     (dnsmasq dhcp-script, dnsmasq(8))
 * wifi connected|disconnected MAC             (hostapd_cli -a action script)
 * </pre>
 *
 * Everything is checked, because anyone who can reach the socket, and every device that picks its
 * own DHCP host name, supplies part of it: the MAC must be six hex octets of a unicast address, the
 * address a numeric IPv4 or IPv6 unicast address (no names, no zone ids, no lookups), the host name
 * at most 253 characters of letters, digits, '-', '_' and '.' (RFC 952/1123 names, plus the
 * underscore some devices send) not starting with '-' or '.'. Anything else is refused whole.
 * Stateless and thread-safe.
 */
public final class DeviceEventParser {
  /** Longest argument worth quoting back in a refusal. */
  private static final int QUOTE_CHARS = 40;

  static final int MAX_HOSTNAME = 253;

  private DeviceEventParser() {}

  /**
   * @throws DeviceEventRejected saying which argument is wrong and what is allowed
   */
  public static DeviceEvent parse(List<String> args) throws DeviceEventRejected {
    if (args.isEmpty()) {
      throw new DeviceEventRejected(
          "expected 'dhcp add|old|del MAC ADDRESS [HOSTNAME]' or 'wifi connected|disconnected MAC'");
    }
    return switch (args.get(0)) {
      case "dhcp" -> dhcp(args);
      case "wifi" -> wifi(args);
      default ->
          throw new DeviceEventRejected(
              "unknown event source " + quote(args.get(0)) + "; expected dhcp or wifi");
    };
  }

  private static DeviceEvent dhcp(List<String> args) throws DeviceEventRejected {
    if (args.size() < 4 || args.size() > 5) {
      throw new DeviceEventRejected(
          "a dhcp event is 'dhcp add|old|del MAC ADDRESS [HOSTNAME]', got "
              + args.size()
              + " arguments");
    }
    DeviceEvent.Kind kind =
        switch (args.get(1)) {
          case "add" -> DeviceEvent.Kind.LEASE_ADDED;
          case "old" -> DeviceEvent.Kind.LEASE_RENEWED;
          case "del" -> DeviceEvent.Kind.LEASE_ENDED;
          default ->
              throw new DeviceEventRejected(
                  "unknown dhcp action " + quote(args.get(1)) + "; expected add, old or del");
        };
    String hostname = args.size() == 5 ? hostname(args.get(4)) : null;
    return new DeviceEvent(kind, mac(args.get(2)), address(args.get(3)), hostname);
  }

  private static DeviceEvent wifi(List<String> args) throws DeviceEventRejected {
    if (args.size() != 3) {
      throw new DeviceEventRejected(
          "a wifi event is 'wifi connected|disconnected MAC', got " + args.size() + " arguments");
    }
    DeviceEvent.Kind kind =
        switch (args.get(1)) {
          case "connected" -> DeviceEvent.Kind.CONNECTED;
          case "disconnected" -> DeviceEvent.Kind.DISCONNECTED;
          default ->
              throw new DeviceEventRejected(
                  "unknown wifi action "
                      + quote(args.get(1))
                      + "; expected connected or disconnected");
        };
    return new DeviceEvent(kind, mac(args.get(2)), null, null);
  }

  /** A unicast MAC address in either separator style. */
  public static MacAddress mac(String text) throws DeviceEventRejected {
    MacAddress mac;
    try {
      mac = MacAddress.parse(text);
    } catch (IllegalArgumentException e) {
      throw new DeviceEventRejected(
          "not a MAC address: " + quote(text) + " (six hex octets such as 02:00:5e:10:00:01)");
    }
    if (mac.multicast()) {
      throw new DeviceEventRejected("a group (multicast) address is no device: " + mac);
    }
    return mac;
  }

  /** A numeric unicast address; never looks a name up. */
  static InetAddress address(String text) throws DeviceEventRejected {
    String problem = "not a numeric IPv4 or IPv6 unicast address: " + quote(text);
    if (text.isEmpty() || text.length() > 45) {
      throw new DeviceEventRejected(problem);
    }
    boolean ipv6 = text.indexOf(':') >= 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean allowed =
          (c >= '0' && c <= '9')
              || c == '.'
              || (ipv6 && (c == ':' || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F')));
      if (!allowed) {
        throw new DeviceEventRejected(problem);
      }
    }
    if (!ipv6 && !dottedQuad(text)) {
      throw new DeviceEventRejected(problem);
    }
    InetAddress address;
    try {
      // Only digits, dots, colons and hex letters reach here: getByName parses a literal and
      // never resolves (InetAddress: "If a literal IP address is supplied, only the validity of
      // the address format is checked").
      address = InetAddress.getByName(text);
    } catch (UnknownHostException e) {
      throw new DeviceEventRejected(problem);
    }
    if (ipv6 && !(address instanceof Inet6Address) && !text.startsWith("::ffff:")) {
      throw new DeviceEventRejected(problem);
    }
    if (address.isAnyLocalAddress() || address.isMulticastAddress() || isBroadcast(address)) {
      throw new DeviceEventRejected("no device can hold the address " + quote(text));
    }
    return address;
  }

  private static boolean dottedQuad(String text) {
    String[] parts = text.split("\\.", -1);
    if (parts.length != 4) {
      return false;
    }
    for (String part : parts) {
      if (part.isEmpty() || part.length() > 3 || (part.length() > 1 && part.charAt(0) == '0')) {
        return false;
      }
      if (Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  private static boolean isBroadcast(InetAddress address) {
    byte[] bytes = address.getAddress();
    return bytes.length == 4
        && bytes[0] == (byte) 255
        && bytes[1] == (byte) 255
        && bytes[2] == (byte) 255
        && bytes[3] == (byte) 255;
  }

  /** A DHCP host name as described in the class comment. */
  static String hostname(String text) throws DeviceEventRejected {
    if (text.isEmpty() || text.length() > MAX_HOSTNAME) {
      throw new DeviceEventRejected(
          "a host name is 1-" + MAX_HOSTNAME + " characters, got " + text.length());
    }
    char first = text.charAt(0);
    if (first == '-' || first == '.') {
      throw new DeviceEventRejected("a host name may not start with '-' or '.': " + quote(text));
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean allowed =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_'
              || c == '.';
      if (!allowed) {
        throw new DeviceEventRejected(
            "a host name is letters, digits, '-', '_' and '.'; got " + quote(text));
      }
    }
    return text;
  }

  /**
   * {@code text} shortened and with everything but printable ASCII shown as {@code \\uXXXX}: a
   * refusal goes back over the socket and into logs, and must not carry what it refused.
   */
  static String quote(String text) {
    StringBuilder out = new StringBuilder("'");
    int shown = Math.min(text.length(), QUOTE_CHARS);
    for (int i = 0; i < shown; i++) {
      char c = text.charAt(i);
      if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
        out.append(c);
      } else {
        out.append(String.format("\\u%04x", (int) c));
      }
    }
    if (text.length() > shown) {
      out.append("...(").append(text.length()).append(" chars)");
    }
    return out.append('\'').toString();
  }
}
