package org.classgate.devices.dnsmasq;

import java.net.Inet4Address;
import java.nio.file.Path;
import java.time.Duration;
import java.util.regex.Pattern;
import org.classgate.devices.network.ClassroomNetwork;
import org.classgate.dns.Subnet;

/**
 * What dnsmasq needs to hand out classroom addresses. Immutable and validated: the range lies in
 * the classroom subnet and excludes the box, the paths use a character set that needs no quoting.
 *
 * @param leaseTime how long a lease lasts; dnsmasq's minimum is two minutes
 * @param leaseFile where dnsmasq keeps its leases
 * @param eventScript dnsmasq's {@code dhcp-script}: told of every lease added, renewed or deleted
 */
public record DhcpSettings(
    ClassroomNetwork network,
    Inet4Address rangeStart,
    Inet4Address rangeEnd,
    Duration leaseTime,
    Path leaseFile,
    Path eventScript) {

  private static final Pattern SAFE_PATH = Pattern.compile("/[A-Za-z0-9/._+-]*");

  public DhcpSettings {
    Subnet subnet = network.classroomSubnet();
    if (!subnet.contains(rangeStart) || !subnet.contains(rangeEnd)) {
      throw new IllegalArgumentException(
          "the DHCP range " + text(rangeStart) + "-" + text(rangeEnd) + " is not inside " + subnet);
    }
    long start = toLong(rangeStart);
    long end = toLong(rangeEnd);
    long gateway = toLong(network.gateway());
    if (start > end) {
      throw new IllegalArgumentException(
          "the DHCP range starts after it ends: " + text(rangeStart) + "-" + text(rangeEnd));
    }
    if (gateway >= start && gateway <= end) {
      throw new IllegalArgumentException(
          "the DHCP range must not include the box's own address " + text(network.gateway()));
    }
    if (leaseTime.compareTo(Duration.ofMinutes(2)) < 0) {
      throw new IllegalArgumentException("dnsmasq's shortest lease is two minutes: " + leaseTime);
    }
    requireSafePath(leaseFile);
    requireSafePath(eventScript);
  }

  private static void requireSafePath(Path path) {
    if (!SAFE_PATH.matcher(path.toString()).matches()) {
      throw new IllegalArgumentException(
          "an absolute path of A-Z a-z 0-9 / . _ + - is needed, not: " + path);
    }
  }

  static long toLong(Inet4Address address) {
    long value = 0;
    for (byte b : address.getAddress()) {
      value = (value << 8) | (b & 0xFF);
    }
    return value;
  }

  static String text(Inet4Address address) {
    return address.getHostAddress();
  }
}
