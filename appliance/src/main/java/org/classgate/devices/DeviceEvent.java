package org.classgate.devices;

import java.net.InetAddress;
import java.util.Objects;

/**
 * One thing the network told us about a device: a DHCP lease from dnsmasq's {@code dhcp-script} or
 * a Wi-Fi association from hostapd. Validated on construction (see {@link DeviceEventParser} for
 * the text form). Immutable.
 *
 * @param kind what happened; non-null
 * @param mac the device; non-null, never a group address
 * @param address the leased address for the lease kinds; null for the Wi-Fi kinds
 * @param hostname the DHCP host name the device sent, already validated; null if none or for the
 *     Wi-Fi kinds
 */
public record DeviceEvent(Kind kind, MacAddress mac, InetAddress address, String hostname) {
  /** What happened, with the words the two sources use. */
  public enum Kind {
    /** dnsmasq {@code add}: a new lease. */
    LEASE_ADDED(Source.DHCP, "add"),
    /** dnsmasq {@code old}: a lease renewed, or re-announced when dnsmasq starts. */
    LEASE_RENEWED(Source.DHCP, "old"),
    /** dnsmasq {@code del}: a lease released or expired. */
    LEASE_ENDED(Source.DHCP, "del"),
    /** hostapd {@code AP-STA-CONNECTED}: the device associated with the access point. */
    CONNECTED(Source.WIFI, "connected"),
    /** hostapd {@code AP-STA-DISCONNECTED}. */
    DISCONNECTED(Source.WIFI, "disconnected");

    private final Source source;
    private final String word;

    Kind(Source source, String word) {
      this.source = source;
      this.word = word;
    }

    public Source source() {
      return source;
    }

    /** The action word in the {@code device-event} command. */
    public String word() {
      return word;
    }

    /** Whether the event carries a leased address. */
    public boolean isLease() {
      return source == Source.DHCP;
    }
  }

  /** Where events come from; the first word of the {@code device-event} command. */
  public enum Source {
    DHCP("dhcp"),
    WIFI("wifi");

    private final String word;

    Source(String word) {
      this.word = word;
    }

    public String word() {
      return word;
    }
  }

  public DeviceEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(mac, "mac");
    if (mac.multicast()) {
      throw new IllegalArgumentException("a group address is no device: " + mac);
    }
    if (kind.isLease() != (address != null)) {
      throw new IllegalArgumentException(
          kind.isLease() ? "a lease event needs an address" : "a Wi-Fi event has no address");
    }
    if (hostname != null && !kind.isLease()) {
      throw new IllegalArgumentException("a Wi-Fi event has no host name");
    }
  }

  @Override
  public String toString() {
    return kind.source().word()
        + " "
        + kind.word()
        + " "
        + mac
        + (address == null ? "" : " " + address.getHostAddress())
        + (hostname == null ? "" : " " + hostname);
  }
}
