package org.classgate.app.config;

import java.net.InetSocketAddress;
import java.util.List;
import org.classgate.dns.Subnet;

/**
 * What the configuration defaults are derived from on this machine. An interface so tests can give
 * fixed facts instead of this machine's resolv.conf and interfaces.
 */
public interface HostFacts {
  /** The nameservers of the host's resolver configuration, in order; empty if none. */
  List<InetSocketAddress> systemNameservers();

  /** Loopback plus the subnets of every address on the host's interfaces. */
  List<Subnet> localSubnets();
}
