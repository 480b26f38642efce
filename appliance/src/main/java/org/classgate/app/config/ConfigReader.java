package org.classgate.app.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.classgate.dns.Subnet;

/**
 * Typed, validated access to raw configuration values. Every getter names the key, the value and
 * what is allowed when it fails. Remembers which keys were read so that {@link #rejectUnread()} can
 * catch misspelt keys, which would otherwise silently leave a default in force.
 */
final class ConfigReader {
  private static final Pattern LIST_SEPARATOR = Pattern.compile("\\s*,\\s*");

  private final Map<String, String> values;
  private final Set<String> read = new HashSet<>();

  ConfigReader(Map<String, String> values) {
    this.values = new TreeMap<>(values);
  }

  /** The value, or {@code fallback} when the key is absent or blank. */
  String string(String key, String fallback) {
    read.add(key);
    String value = values.get(key);
    return value == null || value.isEmpty() ? fallback : value;
  }

  boolean isSet(String key) {
    String value = values.get(key);
    return value != null && !value.isEmpty();
  }

  int integer(String key, int fallback, int min, int max) throws ConfigException {
    String text = string(key, null);
    if (text == null) {
      return fallback;
    }
    String allowed = "a whole number from " + min + " to " + max;
    try {
      int value = Integer.parseInt(text.replace("_", ""));
      if (value < min || value > max) {
        throw new ConfigException(key, text, allowed);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new ConfigException(key, text, allowed);
    }
  }

  /** A duration such as {@code 1500ms}, {@code 30s}, {@code 10m}, {@code 2h} or {@code 7d}. */
  Duration duration(String key, Duration fallback, Duration min, Duration max)
      throws ConfigException {
    String text = string(key, null);
    if (text == null) {
      return fallback;
    }
    String allowed =
        "a duration from " + min + " to " + max + " written like 1500ms, 30s, 10m, 2h or 7d";
    Duration value = DurationText.parse(text);
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new ConfigException(key, text, allowed);
    }
    return value;
  }

  <E extends Enum<E>> E choice(String key, E fallback, Class<E> type) throws ConfigException {
    String text = string(key, null);
    if (text == null) {
      return fallback;
    }
    for (E constant : type.getEnumConstants()) {
      if (constant.name().replace('_', '-').equalsIgnoreCase(text)) {
        return constant;
      }
    }
    List<String> names = new ArrayList<>();
    for (E constant : type.getEnumConstants()) {
      names.add(constant.name().replace('_', '-').toLowerCase(java.util.Locale.ROOT));
    }
    throw new ConfigException(key, text, "one of " + String.join(", ", names));
  }

  /** A comma list; empty when the key is absent. */
  List<String> list(String key) {
    String text = string(key, null);
    if (text == null) {
      return List.of();
    }
    List<String> items = new ArrayList<>();
    for (String item : LIST_SEPARATOR.split(text)) {
      if (!item.isEmpty()) {
        items.add(item);
      }
    }
    return items;
  }

  /** Numeric {@code address:port} entries ({@code [v6]:port} for IPv6); no name lookups. */
  List<InetSocketAddress> socketAddresses(String key, int defaultPort, int minPort)
      throws ConfigException {
    List<InetSocketAddress> addresses = new ArrayList<>();
    for (String item : list(key)) {
      addresses.add(socketAddress(key, item, defaultPort, minPort));
    }
    return addresses;
  }

  /**
   * @param minPort 0 where "any free port" makes sense (a listener), 1 where a real port is needed
   */
  static InetSocketAddress socketAddress(String key, String item, int defaultPort, int minPort)
      throws ConfigException {
    String allowed =
        "numeric address:port entries, e.g. 127.0.0.1:5300 or [::1]:5300 (port "
            + minPort
            + "-65535)";
    String host = item;
    String port = null;
    if (item.startsWith("[")) {
      int close = item.indexOf(']');
      if (close < 0) {
        throw new ConfigException(key, item, allowed);
      }
      host = item.substring(1, close);
      if (item.length() > close + 1) {
        if (item.charAt(close + 1) != ':') {
          throw new ConfigException(key, item, allowed);
        }
        port = item.substring(close + 2);
      }
    } else if (item.indexOf(':') == item.lastIndexOf(':') && item.indexOf(':') >= 0) {
      host = item.substring(0, item.indexOf(':'));
      port = item.substring(item.indexOf(':') + 1);
    }
    int portNumber = defaultPort;
    if (port != null) {
      try {
        portNumber = Integer.parseInt(port);
      } catch (NumberFormatException e) {
        throw new ConfigException(key, item, allowed);
      }
    }
    if (portNumber < minPort || portNumber > 65_535 || !isNumericAddress(host)) {
      throw new ConfigException(key, item, allowed);
    }
    try {
      return new InetSocketAddress(InetAddress.getByName(host), portNumber);
    } catch (UnknownHostException e) {
      throw new ConfigException(key, item, allowed);
    }
  }

  List<Subnet> subnets(String key) throws ConfigException {
    List<Subnet> subnets = new ArrayList<>();
    for (String item : list(key)) {
      try {
        subnets.add(Subnet.parse(item));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key, item, "IP subnets such as 192.168.4.0/24 or fd00::/64");
      }
    }
    return subnets;
  }

  /** The keys under {@code prefix}, with the prefix removed; marks them read. */
  List<String> suffixesOf(String prefix) {
    List<String> suffixes = new ArrayList<>();
    for (String key : values.keySet()) {
      if (key.startsWith(prefix)) {
        suffixes.add(key.substring(prefix.length()));
      }
    }
    return suffixes;
  }

  /** Fails on the first key that no getter asked for: a typo must not be silently ignored. */
  void rejectUnread(List<String> known) throws ConfigException {
    for (String key : values.keySet()) {
      if (!read.contains(key)) {
        throw new ConfigException(
            key, "unknown configuration key; the keys are: " + String.join(", ", known));
      }
    }
  }

  private static boolean isNumericAddress(String host) {
    if (host.isEmpty()) {
      return false;
    }
    if (host.indexOf(':') >= 0) {
      return host.matches("[0-9A-Fa-f:.]+");
    }
    return host.matches("\\d{1,3}(\\.\\d{1,3}){3}");
  }
}
