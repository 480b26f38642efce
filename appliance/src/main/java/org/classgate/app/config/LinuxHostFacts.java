package org.classgate.app.config;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.InterfaceAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.classgate.dns.Subnet;
import org.tinylog.TaggedLogger;

/** Host facts read from a resolv.conf file and the JVM's view of the network interfaces. */
public final class LinuxHostFacts implements HostFacts {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("config");

  private final Path resolvConf;

  /**
   * @param resolvConf usually {@code /etc/resolv.conf}; a seam so tests can use a fixture
   */
  public LinuxHostFacts(Path resolvConf) {
    this.resolvConf = resolvConf;
  }

  /**
   * The {@code nameserver} lines of resolv.conf(5), port 53. Lines that are not numeric addresses
   * are skipped: resolv.conf allows only numeric ones.
   */
  @Override
  public List<InetSocketAddress> systemNameservers() {
    List<String> lines;
    try {
      lines = Files.readAllLines(resolvConf, StandardCharsets.UTF_8);
    } catch (IOException e) {
      LOG.warn("cannot read {}: {}", resolvConf, e.getMessage());
      return List.of();
    }
    List<InetSocketAddress> servers = new ArrayList<>();
    for (String line : lines) {
      String[] fields = line.trim().split("\\s+");
      if (fields.length < 2 || !fields[0].equals("nameserver")) {
        continue;
      }
      // Drop an IPv6 zone (fe80::1%eth0): Java accepts it, but the scope is host specific.
      String address = fields[1].replaceAll("%.*$", "");
      if (!address.matches("[0-9A-Fa-f:.]+")) {
        continue;
      }
      try {
        servers.add(new InetSocketAddress(InetAddress.getByName(address), 53));
      } catch (UnknownHostException e) {
        LOG.warn("{}: skipping nameserver '{}': {}", resolvConf, address, e.getMessage());
      }
    }
    return servers;
  }

  @Override
  public List<Subnet> localSubnets() {
    List<Subnet> subnets = new ArrayList<>();
    subnets.add(Subnet.parse("127.0.0.0/8"));
    subnets.add(Subnet.parse("::1/128"));
    try {
      for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
        if (!nic.isUp() || nic.isLoopback()) {
          continue;
        }
        for (InterfaceAddress address : nic.getInterfaceAddresses()) {
          if (address.getAddress().isLinkLocalAddress()) {
            continue;
          }
          subnets.add(
              new Subnet(address.getAddress().getAddress(), address.getNetworkPrefixLength()));
        }
      }
    } catch (SocketException e) {
      LOG.warn("cannot list network interfaces, allowing loopback only: {}", e.getMessage());
    }
    return subnets;
  }
}
