package org.classgate.app.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classgate.dns.Subnet;
import org.classgate.filter.selftest.SelfTestChecks;

/**
 * The local console and the block page ({@code console.*}). Immutable.
 *
 * @param listen the staff console's address, or null: no console (it is off unless configured)
 * @param blockPageListen the pupils' block page's address, or null: no block page
 * @param passwordExpiry how long a console password lasts (60 to 90 days)
 * @param idleTimeout how long an unused console session lasts
 * @param tls whether the console speaks HTTPS (TLS 1.3 with the box's own certificate); false only
 *     on a loopback address (dev mode)
 * @param redirectListen a plain-HTTP address that redirects every request to the HTTPS console, or
 *     null for none
 * @param tlsNames the names and addresses the box's certificate is made for on its first start;
 *     empty: the host's name and the box's own addresses
 * @param managementNetworks networks (besides loopback) staff may reach the console from, e.g. the
 *     school's wired management side; classroom devices are decided by their class instead
 * @param selfTestNames self-test check id → the name it probes (empty: not tested), overriding the
 *     built-in names
 */
public record ConsoleConfig(
    InetSocketAddress listen,
    InetSocketAddress blockPageListen,
    Duration passwordExpiry,
    Duration idleTimeout,
    boolean tls,
    InetSocketAddress redirectListen,
    List<String> tlsNames,
    List<Subnet> managementNetworks,
    Map<String, String> selfTestNames) {

  public ConsoleConfig {
    tlsNames = List.copyOf(tlsNames);
    managementNetworks = List.copyOf(managementNetworks);
    selfTestNames = Map.copyOf(selfTestNames);
  }

  static final String[] KEYS = {
    "console.listen",
    "console.block-page-listen",
    "console.password-expiry",
    "console.idle-timeout",
    "console.tls",
    "console.http-redirect-listen",
    "console.tls-names",
    "console.management-networks",
    "console.self-test.<check>"
  };

  /** On or off, for {@code console.tls}. */
  enum Switch {
    ON,
    OFF
  }

  static ConsoleConfig read(ConfigReader in) throws ConfigException {
    InetSocketAddress listen = address(in, "console.listen");
    InetSocketAddress blockPage = address(in, "console.block-page-listen");
    if (listen != null && listen.equals(blockPage)) {
      throw new ConfigException(
          "console.block-page-listen",
          in.string("console.block-page-listen", ""),
          "an address other than console.listen's");
    }
    boolean tls = in.choice("console.tls", Switch.ON, Switch.class) == Switch.ON;
    if (!tls && listen != null && !listen.getAddress().isLoopbackAddress()) {
      // Passwords and session cookies in clear over the classroom Wi-Fi: never outside dev mode.
      throw new ConfigException(
          "console.tls",
          "off",
          "on, unless console.listen is a loopback address (dev mode); console.listen is "
              + listen.getHostString());
    }
    InetSocketAddress redirect = address(in, "console.http-redirect-listen");
    if (redirect != null && !tls) {
      throw new ConfigException(
          "console.http-redirect-listen",
          in.string("console.http-redirect-listen", ""),
          "unset while console.tls is off: there is no HTTPS console to redirect to");
    }
    if (redirect != null && (redirect.equals(listen) || redirect.equals(blockPage))) {
      throw new ConfigException(
          "console.http-redirect-listen",
          in.string("console.http-redirect-listen", ""),
          "an address other than console.listen's and console.block-page-listen's");
    }
    List<String> names = in.list("console.tls-names");
    for (String name : names) {
      if (!name.matches("[A-Za-z0-9.:-]{1,253}")) {
        throw new ConfigException(
            "console.tls-names", name, "host names and IP addresses, e.g. classgate-oak,10.0.0.2");
      }
    }
    return new ConsoleConfig(
        listen,
        blockPage,
        in.duration(
            "console.password-expiry",
            Duration.ofDays(90),
            Duration.ofDays(60),
            Duration.ofDays(90)),
        in.duration(
            "console.idle-timeout",
            Duration.ofMinutes(15),
            Duration.ofMinutes(1),
            Duration.ofHours(12)),
        tls,
        redirect,
        names,
        in.subnets("console.management-networks"),
        selfTestNames(in));
  }

  private static Map<String, String> selfTestNames(ConfigReader in) throws ConfigException {
    Map<String, String> names = new LinkedHashMap<>();
    for (String id : in.suffixesOf("console.self-test.")) {
      String key = "console.self-test." + id;
      if (!SelfTestChecks.ids().contains(id)) {
        throw new ConfigException(
            key,
            "unknown self-test check; the checks are " + String.join(", ", SelfTestChecks.ids()));
      }
      names.put(id, in.string(key, "").strip());
    }
    return names;
  }

  private static InetSocketAddress address(ConfigReader in, String key) throws ConfigException {
    String text = in.string(key, null);
    if (text == null || text.isBlank()) {
      return null;
    }
    return ConfigReader.socketAddress(key, text.strip(), 0, 0);
  }
}
