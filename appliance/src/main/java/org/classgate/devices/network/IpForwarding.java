package org.classgate.devices.network;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import org.tinylog.TaggedLogger;

/**
 * The kernel's IPv4 forwarding switch ({@code net.ipv4.ip_forward}), without which the box is not a
 * router: approved devices would reach nothing beyond it, while the ruleset looks right. The
 * package installs {@code /etc/sysctl.d/60-classgate.conf} so it is on from boot; the box also
 * turns it on itself when it applies its ruleset (it runs with {@code CAP_NET_ADMIN} then, which
 * writing the switch needs), and reports it as a fault whenever it finds it off. Reading or writing
 * the switch never throws. Thread-safe (each call reads the file afresh).
 */
public final class IpForwarding {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("network");

  /** The switch of the network namespace the process runs in (proc(5), sysctl(8)). */
  static final Path SYSTEM = Path.of("/proc/sys/net/ipv4/ip_forward");

  private final Path file;

  /**
   * @param file the switch's file: {@code /proc/sys/net/ipv4/ip_forward}, or a file in a test
   */
  public IpForwarding(Path file) {
    this.file = Objects.requireNonNull(file, "file");
  }

  /** The switch of this process's network namespace. */
  public static IpForwarding system() {
    return new IpForwarding(SYSTEM);
  }

  /**
   * Turns forwarding on if it is off.
   *
   * @return what is wrong after trying, one line each; empty when forwarding is on
   */
  public List<String> ensureOn() {
    String value = read();
    if ("1".equals(value)) {
      return List.of();
    }
    try {
      Files.writeString(file, "1\n", StandardCharsets.US_ASCII);
      if ("1".equals(read())) {
        LOG.warn(
            "IPv4 forwarding was {}: turned it on (the package's sysctl.d file should have)",
            value == null ? "unreadable" : "off");
        return List.of();
      }
    } catch (IOException | RuntimeException e) {
      LOG.error("cannot turn IPv4 forwarding on ({}): {}", file, e.getMessage());
    }
    return check();
  }

  /**
   * Checks the switch without changing it.
   *
   * @return a fault when forwarding is off or cannot be read; empty when it is on
   */
  public List<String> check() {
    String value = read();
    if ("1".equals(value)) {
      return List.of();
    }
    return List.of(
        value == null
            ? "cannot read IPv4 forwarding (" + file + "): approved devices may reach nothing"
            : "IPv4 forwarding is off (net.ipv4.ip_forward="
                + value
                + "): approved devices reach nothing beyond the box; set it to 1"
                + " (/etc/sysctl.d/60-classgate.conf)");
  }

  /** The switch's value, trimmed and at most a few characters; null if it cannot be read. */
  private String read() {
    try {
      String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
      return text.length() > 8 ? text.substring(0, 8) : text;
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }
}
