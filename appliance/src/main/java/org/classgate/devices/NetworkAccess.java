package org.classgate.devices;

/**
 * How far a device's traffic may go beyond the box. Quarantine (an unknown device waiting for a
 * teacher) is a device state, not one of these: a quarantined device reaches only the box's waiting
 * page, whatever its class would allow.
 */
public enum NetworkAccess {
  /** The school network and the internet. */
  FULL("full"),
  /** The internet only: no private or school address ranges. */
  INTERNET_ONLY("internet-only"),
  /** Nothing beyond the box (it still gets an address, DNS and the block page). */
  NONE("none");

  private final String configName;

  NetworkAccess(String configName) {
    this.configName = configName;
  }

  public String configName() {
    return configName;
  }

  @Override
  public String toString() {
    return configName;
  }
}
