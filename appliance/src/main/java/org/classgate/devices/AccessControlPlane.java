package org.classgate.devices;

/**
 * Where device access decisions take effect (the firewall). Implementations are thread-safe and
 * apply a change without reloading anything else.
 */
public interface AccessControlPlane {
  /** Gives the device with {@code mac} the access {@code access}, replacing what it had. */
  void apply(MacAddress mac, DeviceAccess access);

  /** Removes the device: it is treated as unknown (quarantined) again. */
  void forget(MacAddress mac);
}
