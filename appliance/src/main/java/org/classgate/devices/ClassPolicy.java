package org.classgate.devices;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The school's device-class table (its mobile-technologies policy): a {@link ClassRule} for every
 * {@link DeviceClass}, and from it the access each registered device gets, including which devices
 * may open the box's console port. Immutable and thread-safe.
 */
public final class ClassPolicy {
  private final Map<DeviceClass, ClassRule> rules;
  private final EnumSet<DeviceClass> consoleClasses;

  /**
   * A table whose devices never reach the console port.
   *
   * @param rules a rule for every device class
   * @throws IllegalArgumentException naming the first class without a rule
   */
  public ClassPolicy(Map<DeviceClass, ClassRule> rules) {
    this(rules, Set.of());
  }

  /**
   * @param rules a rule for every device class
   * @param consoleClasses the classes whose approved devices with full access may reach the console
   *     port (staff devices); the console still asks them to sign in
   * @throws IllegalArgumentException naming the first class without a rule
   */
  public ClassPolicy(Map<DeviceClass, ClassRule> rules, Set<DeviceClass> consoleClasses) {
    this.consoleClasses =
        consoleClasses.isEmpty()
            ? EnumSet.noneOf(DeviceClass.class)
            : EnumSet.copyOf(consoleClasses);
    EnumMap<DeviceClass, ClassRule> copy = new EnumMap<>(DeviceClass.class);
    for (DeviceClass deviceClass : DeviceClass.values()) {
      ClassRule rule = rules.get(deviceClass);
      if (rule == null) {
        throw new IllegalArgumentException("no rule for device class " + deviceClass);
      }
      copy.put(deviceClass, rule);
    }
    this.rules = copy;
  }

  /** The rule of {@code deviceClass}; never null. */
  public ClassRule rule(DeviceClass deviceClass) {
    return rules.get(Objects.requireNonNull(deviceClass, "deviceClass"));
  }

  /**
   * The access a device in {@code state} and {@code deviceClass} gets: quarantined until approved
   * (whatever its class, so a pre-assigned class never opens the network early), nothing beyond the
   * box when blocked, its class's access when approved.
   *
   * @param deviceClass may be null unless {@code state} is {@link ApprovalState#APPROVED}
   */
  public DeviceAccess accessOf(ApprovalState state, DeviceClass deviceClass) {
    return switch (state) {
      case QUARANTINED -> DeviceAccess.QUARANTINED;
      case BLOCKED -> DeviceAccess.NONE;
      case APPROVED ->
          switch (rule(deviceClass).access()) {
            case FULL -> DeviceAccess.FULL;
            case INTERNET_ONLY -> DeviceAccess.INTERNET_ONLY;
            case NONE -> DeviceAccess.NONE;
          };
    };
  }

  /** The access {@code device} gets now. */
  public DeviceAccess accessOf(Device device) {
    return accessOf(device.approval(), device.deviceClass());
  }

  /**
   * Whether {@code device} may reach the console port now: approved, of a console class, and with
   * full access. A class whose access is cut to internet-only or none loses the console with it, so
   * a staff-owned phone under Victoria Park's rule (no access) never reaches it.
   */
  public boolean consoleAccess(Device device) {
    return accessOf(device) == DeviceAccess.FULL && consoleClasses.contains(device.deviceClass());
  }

  /** The classes whose devices with full access may reach the console port. */
  public Set<DeviceClass> consoleClasses() {
    return EnumSet.copyOf(consoleClasses);
  }

  @Override
  public String toString() {
    return "ClassPolicy" + rules + ", console " + consoleClasses;
  }
}
