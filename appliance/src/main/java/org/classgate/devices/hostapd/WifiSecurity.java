package org.classgate.devices.hostapd;

/** How stations authenticate to the classroom access point. */
public enum WifiSecurity {
  /** WPA2-Personal (PSK, CCMP): every device made in the last fifteen years can join. */
  WPA2,
  /**
   * WPA3-Personal (SAE) only; management frame protection is required by WPA3, so older devices and
   * adapters without MFP (among them the Pi's built-in brcmfmac) cannot use it.
   */
  WPA3_SAE,
  /** WPA3-Personal transition mode: SAE for devices that can, PSK for the rest; MFP optional. */
  TRANSITION
}
