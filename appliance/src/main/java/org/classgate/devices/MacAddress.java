package org.classgate.devices;

import java.util.Locale;

/**
 * A 48-bit hardware (MAC) address, kept in the canonical lower-case, colon-separated form that
 * dnsmasq, hostapd and nftables print and accept.
 */
public record MacAddress(long bits) {
  private static final long MASK = 0xFFFF_FFFF_FFFFL;

  public MacAddress {
    if ((bits & ~MASK) != 0) {
      throw new IllegalArgumentException("not a 48-bit address: " + Long.toHexString(bits));
    }
  }

  /**
   * Parses six hexadecimal octets separated by ':' or '-' (either case).
   *
   * @throws IllegalArgumentException naming the text, if it is not such an address
   */
  public static MacAddress parse(String text) {
    if (text.length() != 17) {
      throw invalid(text);
    }
    char separator = text.charAt(2);
    if (separator != ':' && separator != '-') {
      throw invalid(text);
    }
    long bits = 0;
    for (int octet = 0; octet < 6; octet++) {
      int at = octet * 3;
      if (octet > 0 && text.charAt(at - 1) != separator) {
        throw invalid(text);
      }
      int high = Character.digit(text.charAt(at), 16);
      int low = Character.digit(text.charAt(at + 1), 16);
      if (high < 0 || low < 0) {
        throw invalid(text);
      }
      bits = (bits << 8) | (high << 4) | low;
    }
    return new MacAddress(bits);
  }

  /**
   * Whether the locally administered bit (IEEE 802, bit 1 of the first octet) is set: phones and
   * laptops set it for their randomised ("private") Wi-Fi addresses, which change per network or
   * over time, so such a device may come back under a new address.
   */
  public boolean locallyAdministered() {
    return (firstOctet() & 0x02) != 0;
  }

  /** Whether this is a group (multicast or broadcast) address, which no device can own. */
  public boolean multicast() {
    return (firstOctet() & 0x01) != 0;
  }

  private int firstOctet() {
    return (int) (bits >>> 40) & 0xFF;
  }

  private static IllegalArgumentException invalid(String text) {
    return new IllegalArgumentException(
        "not a MAC address (six hex octets such as 02:00:5e:10:00:01): " + text);
  }

  @Override
  public String toString() {
    StringBuilder out = new StringBuilder(17);
    for (int shift = 40; shift >= 0; shift -= 8) {
      if (shift < 40) {
        out.append(':');
      }
      out.append(String.format(Locale.ROOT, "%02x", (bits >>> shift) & 0xFF));
    }
    return out.toString();
  }
}
