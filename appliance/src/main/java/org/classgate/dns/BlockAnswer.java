package org.classgate.dns;

import java.net.Inet4Address;
import java.net.Inet6Address;

/**
 * How a blocked name is answered. In {@link Mode#ADDRESS} mode, A and AAAA queries get the block
 * address (later the box's block page) so a pupil sees why; every other type gets NXDOMAIN. In
 * {@link Mode#NXDOMAIN} mode every blocked query gets NXDOMAIN.
 */
public record BlockAnswer(Mode mode, Inet4Address ipv4, Inet6Address ipv6, int ttlSeconds) {
  public enum Mode {
    ADDRESS,
    NXDOMAIN
  }

  public BlockAnswer {
    if (mode == null || ipv4 == null || ipv6 == null) {
      throw new IllegalArgumentException("block mode and addresses are required");
    }
    if (ttlSeconds < 0) {
      throw new IllegalArgumentException("block TTL must not be negative: " + ttlSeconds);
    }
  }
}
