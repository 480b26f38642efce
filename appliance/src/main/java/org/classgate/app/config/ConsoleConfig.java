package org.classgate.app.config;

import java.net.InetSocketAddress;
import java.time.Duration;

/**
 * The local console and the block page ({@code console.*}). Immutable.
 *
 * @param listen the staff console's address, or null: no console (it is off unless configured)
 * @param blockPageListen the pupils' block page's address, or null: no block page
 * @param passwordExpiry how long a console password lasts (60 to 90 days)
 * @param idleTimeout how long an unused console session lasts
 */
public record ConsoleConfig(
    InetSocketAddress listen,
    InetSocketAddress blockPageListen,
    Duration passwordExpiry,
    Duration idleTimeout) {

  static final String[] KEYS = {
    "console.listen", "console.block-page-listen", "console.password-expiry", "console.idle-timeout"
  };

  static ConsoleConfig read(ConfigReader in) throws ConfigException {
    InetSocketAddress listen = address(in, "console.listen");
    InetSocketAddress blockPage = address(in, "console.block-page-listen");
    if (listen != null && listen.equals(blockPage)) {
      throw new ConfigException(
          "console.block-page-listen",
          in.string("console.block-page-listen", ""),
          "an address other than console.listen's");
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
            Duration.ofHours(12)));
  }

  private static InetSocketAddress address(ConfigReader in, String key) throws ConfigException {
    String text = in.string(key, null);
    if (text == null || text.isBlank()) {
      return null;
    }
    return ConfigReader.socketAddress(key, text.strip(), 0, 0);
  }
}
