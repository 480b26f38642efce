package org.classgate.console;

import java.net.InetAddress;

/**
 * Decides from a client's address whether it may use the console at all, before any sign-in: the
 * console is for staff devices and the management network only. Implementations are thread-safe and
 * quick (they run on every request).
 */
@FunctionalInterface
public interface ClientGate {
  /** Only the box itself (loopback): for a console no one else should reach. */
  ClientGate LOOPBACK_ONLY = InetAddress::isLoopbackAddress;

  /**
   * Whether {@code client} may reach the console. A gate that cannot decide (e.g. the device
   * registry is unreadable) refuses: the console fails closed.
   */
  boolean allows(InetAddress client);
}
