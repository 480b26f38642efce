package org.classgate.app;

import org.classgate.devices.AccessControlPlane;
import org.classgate.devices.DeviceAccess;
import org.classgate.devices.MacAddress;
import org.tinylog.TaggedLogger;

/**
 * Records device access decisions in the log only. Stands in until the network capability's
 * nftables plane (and its {@code network=dry-run} writer) is wired here; DNS-level quarantine works
 * without it, traffic-level isolation does not. Thread-safe.
 */
final class LoggingAccessControlPlane implements AccessControlPlane {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("devices");

  @Override
  public void apply(MacAddress mac, DeviceAccess access) {
    LOG.info("access for {}: {} (no firewall wired: DNS only)", mac, access);
  }

  @Override
  public void forget(MacAddress mac) {
    LOG.info("access for {}: forgotten (no firewall wired: DNS only)", mac);
  }
}
