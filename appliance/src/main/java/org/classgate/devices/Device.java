package org.classgate.devices;

import java.net.InetAddress;
import java.util.List;
import java.util.Objects;
import org.classgate.time.Stamp;

/**
 * One device in the registry. Text fields are kept exactly as given (they may hold anything a
 * teacher typed or a CSV file carried); whoever prints them escapes them. Immutable.
 *
 * @param mac its hardware address; non-null
 * @param name a teacher's name for it; null if none
 * @param deviceClass its class; null until a teacher (or a CSV import) assigns one, never null when
 *     approved
 * @param owner who it belongs to, as described by the school; null if unknown
 * @param approval where it stands; non-null
 * @param hostname the name it gave in its last DHCP request; null if none
 * @param notes free text; null if none
 * @param firstSeen when the box first saw it on the network; null for a pre-registered device not
 *     seen yet
 * @param lastSeen when the box last saw it (DHCP or Wi-Fi event); null if never seen
 * @param changed when its registration (class, approval, name …) last changed
 * @param addresses the addresses it holds now (from its DHCP leases), IPv4 before IPv6
 */
public record Device(
    MacAddress mac,
    String name,
    DeviceClass deviceClass,
    String owner,
    ApprovalState approval,
    String hostname,
    String notes,
    Stamp firstSeen,
    Stamp lastSeen,
    Stamp changed,
    List<InetAddress> addresses) {
  public Device {
    Objects.requireNonNull(mac, "mac");
    Objects.requireNonNull(approval, "approval");
    Objects.requireNonNull(changed, "changed");
    if (approval == ApprovalState.APPROVED && deviceClass == null) {
      throw new IllegalArgumentException("an approved device needs a class: " + mac);
    }
    addresses = List.copyOf(addresses);
  }

  /**
   * Whether its address is a randomised ("private") one, which the device may change per network or
   * over time: a teacher should know that an approval may not stick.
   */
  public boolean randomised() {
    return mac.locallyAdministered();
  }
}
