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

  /**
   * Lets the device with {@code mac} reach the box's console port, or not. It takes effect only
   * while the device has {@link DeviceAccess#FULL} access (a device whose access is cut loses the
   * console with it, whatever this says); it is kept across {@link #apply} and cleared by {@link
   * #forget}. The console still asks for a sign-in: this is the network half of "staff only".
   */
  void setConsoleAccess(MacAddress mac, boolean allowed);
}
