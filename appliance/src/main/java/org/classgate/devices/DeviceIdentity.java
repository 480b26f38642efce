package org.classgate.devices;

import java.net.InetAddress;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Profile;
import org.classgate.dns.Subnet;
import org.classgate.dns.pipeline.ClientProfiles;

/**
 * Source address → device → class → profile, for the identity stage of the DNS chain:
 *
 * <ul>
 *   <li>an address a registered device holds now: its class's profile when approved, {@link
 *       ClientProfiles#QUARANTINE} when waiting or blocked;
 *   <li>any other address inside the quarantine subnets (the classroom): {@link
 *       ClientProfiles#QUARANTINE}. Fail closed: a device with a hand-set address, or one whose
 *       lease event has not arrived yet, is not let through on the default profile;
 *   <li>anything else (loopback in development, the school network): the default profile.
 * </ul>
 *
 * <p>The table is an immutable map from address to a prepared profile supplier (the class's
 * timetabled {@code ScheduledValue}), swapped atomically by {@link #update}. A lookup is one hash
 * probe and one supplier call, without locks or allocation; a miss also checks the subnets.
 * Thread-safe.
 */
public final class DeviceIdentity implements ClientProfiles {
  private static final Supplier<Profile> QUARANTINED = () -> QUARANTINE;

  private final ClassPolicy policy;
  private final Map<String, Supplier<Profile>> profiles;
  private final Supplier<Profile> defaultProfile;
  private final Subnet[] quarantineSubnets;

  /** Address → the profile supplier of the device holding it; replaced whole, never changed. */
  private volatile Map<InetAddress, Supplier<Profile>> byAddress = Map.of();

  /** Address → the MAC of the device holding it, for the activity log; replaced with the table. */
  private volatile Map<InetAddress, String> deviceIds = Map.of();

  /**
   * @param policy the class table; every profile it names must be in {@code profiles}
   * @param profiles profile name → its current value (e.g. a {@code ScheduledValue}), thread-safe
   * @param defaultProfile the profile of clients outside the quarantine subnets
   * @param quarantineSubnets where an unknown address is quarantined; may be empty
   * @throws IllegalArgumentException if the policy names a profile that {@code profiles} lacks
   */
  public DeviceIdentity(
      ClassPolicy policy,
      Map<String, Supplier<Profile>> profiles,
      Supplier<Profile> defaultProfile,
      List<Subnet> quarantineSubnets) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.profiles = Map.copyOf(profiles);
    this.defaultProfile = Objects.requireNonNull(defaultProfile, "defaultProfile");
    this.quarantineSubnets = quarantineSubnets.toArray(Subnet[]::new);
    for (DeviceClass deviceClass : DeviceClass.values()) {
      String profile = policy.rule(deviceClass).profile();
      if (!this.profiles.containsKey(profile)) {
        throw new IllegalArgumentException(
            "class " + deviceClass + " uses profile '" + profile + "', which is not given");
      }
    }
  }

  @Override
  public Profile profileFor(InetAddress client) {
    Supplier<Profile> known = byAddress.get(client);
    if (known != null) {
      return known.get();
    }
    for (Subnet subnet : quarantineSubnets) {
      if (subnet.contains(client)) {
        return QUARANTINE;
      }
    }
    return defaultProfile.get();
  }

  /**
   * The registry id (MAC) of the device that holds {@code query}'s client address, or null for an
   * address no registered device holds. Never blocks.
   */
  public String deviceIdOf(DnsQuery query) {
    return deviceIds.get(query.client());
  }

  /** Whether {@code client} is answered as quarantined now. */
  public boolean quarantined(InetAddress client) {
    return profileFor(client) == QUARANTINE;
  }

  /**
   * Replaces the table with the addresses of {@code devices}. An address claimed by two devices (a
   * stale lease row) goes to the stricter: quarantine wins over any profile.
   */
  public void update(Collection<Device> devices) {
    Map<InetAddress, Supplier<Profile>> table = new HashMap<>();
    Map<InetAddress, String> ids = new HashMap<>();
    for (Device device : devices) {
      Supplier<Profile> profile =
          device.approval() == ApprovalState.APPROVED
              ? profiles.get(policy.rule(device.deviceClass()).profile())
              : QUARANTINED;
      for (InetAddress address : device.addresses()) {
        ids.put(address, device.mac().toString());
        Supplier<Profile> earlier = table.putIfAbsent(address, profile);
        if (earlier != null && earlier != profile) {
          table.put(address, QUARANTINED);
        }
      }
    }
    deviceIds = Map.copyOf(ids);
    byAddress = Map.copyOf(table);
  }

  /** How many addresses the table maps. */
  public int size() {
    return byAddress.size();
  }
}
