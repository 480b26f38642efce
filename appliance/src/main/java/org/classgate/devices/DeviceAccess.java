package org.classgate.devices;

/** What a device may reach through the box, from its approval state and its class. */
public enum DeviceAccess {
  /** Unknown or not yet approved: only the box's waiting page, DHCP and DNS. */
  QUARANTINED,
  /** The school network and the internet. */
  FULL,
  /** The internet only: no private or school ranges. */
  INTERNET_ONLY,
  /** Nothing beyond the box (it still gets an address, DNS and the block page). */
  NONE
}
