package org.classgate.filter.allowance;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Who an allowance applies to: every device of one filtering profile, one device, or the whole
 * classroom. Implementations are immutable and {@link #covers} is allocation-free, since the DNS
 * path calls it.
 */
public sealed interface AllowanceScope
    permits AllowanceScope.ProfileScope, AllowanceScope.DeviceScope, AllowanceScope.ClassroomScope {

  /** The whole classroom: every device the box serves, whatever its profile. */
  ClassroomScope CLASSROOM = new ClassroomScope();

  /**
   * True if a query from {@code client}, identified with profile {@code profile}, is in scope.
   *
   * @param profile the client's profile name; null if it has none (then only device and classroom
   *     scopes can cover it)
   * @param client the client's address; non-null
   */
  boolean covers(String profile, InetAddress client);

  /** The scope's kind as stored: {@code profile}, {@code device} or {@code classroom}. */
  String kind();

  /** The scope's value as stored (profile name, address literal), or null for the classroom. */
  String value();

  /**
   * Every device identified with one profile (pupil, staff, visitor …).
   *
   * @param name the profile name as configured: 1-32 of a-z, 0-9 and '-', starting with a letter or
   *     digit
   */
  record ProfileScope(String name) implements AllowanceScope {
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");

    public ProfileScope {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "profile '"
                + name
                + "' is not a profile name (1-32 of a-z, 0-9 and '-', starting with a letter or"
                + " digit)");
      }
    }

    @Override
    public boolean covers(String profile, InetAddress client) {
      return name.equals(profile);
    }

    @Override
    public String kind() {
      return "profile";
    }

    @Override
    public String value() {
      return name;
    }
  }

  /**
   * One device, identified by the address the box gave it. A device keeps its DHCP lease for the
   * length of a lesson, which is the span allowances are for; identifying by MAC address comes with
   * the device registry.
   *
   * @param address the device's address; non-null. An IPv6 zone ({@code %eth0}) is dropped: it
   *     names an interface of the machine that saw the address, which address equality ignores
   *     anyway, and a stored interface name might not exist when the row is read back
   */
  record DeviceScope(InetAddress address) implements AllowanceScope {
    public DeviceScope {
      Objects.requireNonNull(address, "the device's address is required");
      if (address instanceof Inet6Address v6
          && (v6.getScopeId() != 0 || v6.getScopedInterface() != null)) {
        try {
          address = InetAddress.getByAddress(v6.getAddress());
        } catch (UnknownHostException e) {
          throw new IllegalArgumentException("cannot copy address " + address, e);
        }
      }
    }

    @Override
    public boolean covers(String profile, InetAddress client) {
      // InetAddress.equals compares the address bytes without copying them.
      return address.equals(client);
    }

    @Override
    public String kind() {
      return "device";
    }

    @Override
    public String value() {
      return address.getHostAddress();
    }
  }

  /** The whole classroom; use {@link AllowanceScope#CLASSROOM}. */
  record ClassroomScope() implements AllowanceScope {
    @Override
    public boolean covers(String profile, InetAddress client) {
      return true;
    }

    @Override
    public String kind() {
      return "classroom";
    }

    @Override
    public String value() {
      return null;
    }
  }
}
