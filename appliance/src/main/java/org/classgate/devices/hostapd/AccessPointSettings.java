package org.classgate.devices.hostapd;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;
import org.classgate.devices.network.ClassroomNetwork;

/**
 * What hostapd needs to run the classroom's access point. Immutable and validated: the SSID may be
 * any 1-32 bytes (it is written hex-encoded), the passphrase is what IEEE 802.11i allows for a
 * passphrase (8-63 printable ASCII characters), so nothing can break out of its line. The
 * passphrase is a secret: {@link #toString()} does not show it.
 *
 * @param interfaceName the radio interface hostapd drives
 * @param countryCode ISO 3166-1 alpha-2 (regulatory domain: which channels and powers are legal)
 * @param channel 1-14 (2.4 GHz) or a 20 MHz 5 GHz channel (36-165)
 */
public record AccessPointSettings(
    String interfaceName,
    String ssid,
    String passphrase,
    String countryCode,
    int channel,
    WifiSecurity security) {

  private static final Pattern PASSPHRASE = Pattern.compile("[\\x20-\\x7E]{8,63}");
  private static final Pattern COUNTRY = Pattern.compile("[A-Z]{2}");

  public AccessPointSettings {
    if (!ClassroomNetwork.isInterfaceName(interfaceName)) {
      throw new IllegalArgumentException("not an interface name: " + interfaceName);
    }
    int ssidBytes = ssid.getBytes(StandardCharsets.UTF_8).length;
    if (ssidBytes < 1 || ssidBytes > 32) {
      throw new IllegalArgumentException("an SSID is 1-32 bytes, this one is " + ssidBytes);
    }
    if (!PASSPHRASE.matcher(passphrase).matches()) {
      // The passphrase itself stays out of the message: it is a secret.
      throw new IllegalArgumentException(
          "a Wi-Fi passphrase is 8-63 printable ASCII characters (got "
              + passphrase.length()
              + " characters)");
    }
    if (!COUNTRY.matcher(countryCode).matches()) {
      throw new IllegalArgumentException("not a two-letter country code: " + countryCode);
    }
    if (!isChannel(channel)) {
      throw new IllegalArgumentException("not a Wi-Fi channel: " + channel);
    }
  }

  /** Whether {@code channel} is a 2.4 GHz channel (1-14) or a 20 MHz 5 GHz channel number. */
  public static boolean isChannel(int channel) {
    if (channel >= 1 && channel <= 14) {
      return true;
    }
    // 5 GHz: 36-64 and 100-144 in steps of 4, 149-165 in steps of 4 (UNII-1 to UNII-3).
    return (channel >= 36 && channel <= 64 && channel % 4 == 0)
        || (channel >= 100 && channel <= 144 && channel % 4 == 0)
        || (channel >= 149 && channel <= 165 && channel % 4 == 1);
  }

  /** Whether the channel is in the 5 GHz band (hostapd {@code hw_mode=a}). */
  public boolean fiveGigahertz() {
    return channel > 14;
  }

  @Override
  public String toString() {
    return "AccessPointSettings[interface="
        + interfaceName
        + ", ssid="
        + ssid
        + ", passphrase=(secret), country="
        + countryCode
        + ", channel="
        + channel
        + ", security="
        + security
        + "]";
  }
}
