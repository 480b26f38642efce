package org.classgate.dns;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** An IPv4 or IPv6 prefix such as {@code 10.20.0.0/16}. Immutable. */
public record Subnet(byte[] network, int prefixLength) {
  public Subnet {
    if (network.length != 4 && network.length != 16) {
      throw new IllegalArgumentException("address must be 4 or 16 octets");
    }
    if (prefixLength < 0 || prefixLength > network.length * 8) {
      throw new IllegalArgumentException("prefix /" + prefixLength + " too long for the address");
    }
    network = mask(network.clone(), prefixLength);
  }

  /**
   * Parses {@code address/prefix} or a bare address (a host route). Only numeric addresses are
   * accepted: no name lookups happen here.
   *
   * @throws IllegalArgumentException naming the text and what is allowed
   */
  public static Subnet parse(String text) {
    String trimmed = text.trim();
    int slash = trimmed.indexOf('/');
    String addressText = slash < 0 ? trimmed : trimmed.substring(0, slash);
    if (!looksNumeric(addressText)) {
      throw new IllegalArgumentException(
          "'" + text + "' is not an IP subnet (expected e.g. 192.168.4.0/24 or fd00::/64)");
    }
    byte[] address;
    try {
      address = InetAddress.getByName(addressText).getAddress();
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "' is not an IP subnet: " + e.getMessage());
    }
    int prefix = address.length * 8;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(trimmed.substring(slash + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(
            "'" + text + "' has a prefix length that is not a number");
      }
      if (prefix < 0 || prefix > address.length * 8) {
        throw new IllegalArgumentException(
            "'" + text + "' has prefix /" + prefix + "; allowed 0–" + address.length * 8);
      }
    }
    return new Subnet(address, prefix);
  }

  private static boolean looksNumeric(String address) {
    if (address.isEmpty()) {
      return false;
    }
    for (int i = 0; i < address.length(); i++) {
      char c = address.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9')
              || (c >= 'a' && c <= 'f')
              || (c >= 'A' && c <= 'F')
              || c == '.'
              || c == ':';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  public boolean contains(InetAddress address) {
    byte[] candidate = address.getAddress();
    if (candidate.length != network.length) {
      return false;
    }
    int fullBytes = prefixLength / 8;
    for (int i = 0; i < fullBytes; i++) {
      if (candidate[i] != network[i]) {
        return false;
      }
    }
    int restBits = prefixLength % 8;
    if (restBits == 0) {
      return true;
    }
    int mask = (0xFF << (8 - restBits)) & 0xFF;
    return (candidate[fullBytes] & mask) == (network[fullBytes] & mask);
  }

  private static byte[] mask(byte[] address, int prefix) {
    for (int bit = prefix; bit < address.length * 8; bit++) {
      address[bit / 8] &= (byte) ~(0x80 >>> (bit % 8));
    }
    return address;
  }

  @Override
  public String toString() {
    try {
      return InetAddress.getByAddress(network).getHostAddress() + "/" + prefixLength;
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Subnet subnet
        && subnet.prefixLength == prefixLength
        && java.util.Arrays.equals(subnet.network, network);
  }

  @Override
  public int hashCode() {
    return java.util.Arrays.hashCode(network) * 31 + prefixLength;
  }
}
