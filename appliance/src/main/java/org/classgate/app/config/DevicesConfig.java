package org.classgate.app.config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.classgate.devices.ClassPolicy;
import org.classgate.devices.ClassRule;
import org.classgate.devices.DeviceClass;
import org.classgate.devices.NetworkAccess;
import org.classgate.dns.BlockAnswer;
import org.classgate.dns.Subnet;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.WireFormatException;
import org.classgate.filter.Taxonomy;

/**
 * The device part of the configuration: the classroom's name, the school's device-class table
 * ({@code devices.class.<class>.access|profile}) and how quarantined devices are answered ({@code
 * devices.quarantine.*}). Immutable.
 *
 * <p>The defaults follow Stratford-upon-Avon Primary School's mobile-technologies table (its
 * appendix version): school-owned devices (single user or shared) and authorised devices — bought
 * through a school scheme, "given full access to the network as if it were owned by the school" —
 * have full network access; pupil-owned devices (Year 6 phones, held by the class teacher) and
 * visitors' devices have none; staff-owned devices have full access. (The same policy's main text
 * shows visitors with full access; the appendix table and the issue say none, and none is the safe
 * reading.) Victoria Park Junior School does not allow staff personal devices on the Wi-Fi at all:
 * it sets {@code devices.class.staff-owned.access=none} (see system-images/config-examples).
 *
 * <p>Profiles: devices a pupil may use — school-owned single-user or shared, authorised,
 * pupil-owned — default to the {@code pupil} profile: neither policy lets a pupil's use of a school
 * device be filtered less than a pupil's own, and a single-user school laptop issued to a teacher
 * is the exception the school configures (e.g. {@code devices.class.school-single-user.profile=
 * staff}), not the default. Staff-owned devices default to {@code staff} and visitors' to {@code
 * visitor}. A default profile that the configuration does not define falls back to {@code
 * devices.default-profile}; a profile named explicitly must exist.
 *
 * @param classroom the classroom's name, shown to teachers and on the waiting page
 * @param classes the device-class table
 * @param quarantineSubnets where an address that no registered device holds is quarantined (the
 *     classroom's subnets); empty: only registered devices waiting for approval are quarantined
 * @param waitingPage the address answer (and TTL) given to quarantined devices
 * @param boxNames the box's own names (and names below them), answered normally for quarantined
 *     devices
 */
public record DevicesConfig(
    String classroom,
    ClassPolicy classes,
    List<Subnet> quarantineSubnets,
    BlockAnswer waitingPage,
    List<Name> boxNames) {
  public DevicesConfig {
    quarantineSubnets = List.copyOf(quarantineSubnets);
    boxNames = List.copyOf(boxNames);
  }

  /** The fixed and pattern keys read here, for the unknown-key message. */
  static final List<String> KEYS =
      List.of(
          "classroom.name",
          "devices.class.<class>.access",
          "devices.class.<class>.profile",
          "devices.console-classes",
          "devices.quarantine.subnets",
          "devices.quarantine.address",
          "devices.quarantine.address6",
          "devices.quarantine.ttl",
          "devices.quarantine.box-names");

  private static final Set<String> CLASS_SETTINGS = Set.of("access", "profile");

  /**
   * Reads the device keys.
   *
   * @param profiles the configured profile names
   * @param defaultProfile {@code devices.default-profile}, already validated
   * @param blockAnswer the DNS block answer, whose addresses the waiting page defaults to (the box
   *     serves its block page and its waiting page from the same address)
   */
  static DevicesConfig read(
      ConfigReader in, Set<String> profiles, String defaultProfile, BlockAnswer blockAnswer)
      throws ConfigException {
    String classroom = in.string("classroom.name", "classroom");
    if (classroom.length() > 100 || !printable(classroom)) {
      throw new ConfigException(
          "classroom.name", classroom, "up to 100 printable characters, e.g. Year 6 Oak");
    }
    return new DevicesConfig(
        classroom,
        classes(in, profiles, defaultProfile),
        in.subnets("devices.quarantine.subnets"),
        waitingPage(in, blockAnswer),
        boxNames(in));
  }

  private static ClassPolicy classes(ConfigReader in, Set<String> profiles, String defaultProfile)
      throws ConfigException {
    for (String suffix : in.suffixesOf("devices.class.")) {
      String key = "devices.class." + suffix;
      int dot = suffix.indexOf('.');
      String className = dot < 0 ? suffix : suffix.substring(0, dot);
      if (DeviceClass.named(className).isEmpty()) {
        throw new ConfigException(
            key, "unknown device class '" + className + "'; the classes are " + classNames());
      }
      if (dot < 0 || !CLASS_SETTINGS.contains(suffix.substring(dot + 1))) {
        throw new ConfigException(
            key, "a device class has devices.class.<class>.access and .profile");
      }
    }
    Map<DeviceClass, ClassRule> rules = new EnumMap<>(DeviceClass.class);
    for (DeviceClass deviceClass : DeviceClass.values()) {
      String prefix = "devices.class." + deviceClass.configName();
      NetworkAccess access =
          in.choice(prefix + ".access", defaultAccess(deviceClass), NetworkAccess.class);
      String fallback = defaultProfileName(deviceClass);
      if (!profiles.contains(fallback)) {
        fallback = defaultProfile;
      }
      String profile = in.string(prefix + ".profile", fallback);
      if (!profiles.contains(profile)) {
        throw new ConfigException(
            prefix + ".profile", profile, "a configured profile: " + String.join(", ", profiles));
      }
      rules.put(deviceClass, new ClassRule(access, profile));
    }
    return new ClassPolicy(rules, consoleClasses(in, rules));
  }

  /**
   * {@code devices.console-classes}: the classes whose approved devices with full access may reach
   * the console port. Default: the classes whose profile is the {@code staff} profile — the
   * school's own statement of who uses a device (a staff-owned laptop, or a school single-user
   * laptop the school configured as a teacher's). A pupil's device never reaches the console port
   * unless the school names its class here; the console asks everyone to sign in all the same.
   */
  private static Set<DeviceClass> consoleClasses(ConfigReader in, Map<DeviceClass, ClassRule> rules)
      throws ConfigException {
    String key = "devices.console-classes";
    Set<DeviceClass> classes = java.util.EnumSet.noneOf(DeviceClass.class);
    if (!in.isSet(key)) {
      rules.forEach(
          (deviceClass, rule) -> {
            if (rule.profile().equals(Taxonomy.STAFF)) {
              classes.add(deviceClass);
            }
          });
      return classes;
    }
    for (String name : in.list(key)) {
      if (name.equals("none")) {
        continue;
      }
      classes.add(
          DeviceClass.named(name)
              .orElseThrow(
                  () ->
                      new ConfigException(
                          key, name, "device classes (" + classNames() + ") or none")));
    }
    return classes;
  }

  /** Stratford's table: see the class comment. */
  static NetworkAccess defaultAccess(DeviceClass deviceClass) {
    return switch (deviceClass) {
      case SCHOOL_SINGLE_USER, SCHOOL_SHARED, AUTHORISED, STAFF_OWNED -> NetworkAccess.FULL;
      case PUPIL_OWNED, VISITOR_OWNED -> NetworkAccess.NONE;
    };
  }

  /** See the class comment; the names are the built-in profiles'. */
  static String defaultProfileName(DeviceClass deviceClass) {
    return switch (deviceClass) {
      case SCHOOL_SINGLE_USER, SCHOOL_SHARED, AUTHORISED, PUPIL_OWNED -> "pupil";
      case STAFF_OWNED -> "staff";
      case VISITOR_OWNED -> "visitor";
    };
  }

  private static BlockAnswer waitingPage(ConfigReader in, BlockAnswer blockAnswer)
      throws ConfigException {
    Inet4Address ipv4 =
        ApplianceConfig.address(
            "devices.quarantine.address",
            in.string("devices.quarantine.address", blockAnswer.ipv4().getHostAddress()),
            Inet4Address.class);
    Inet6Address ipv6 =
        ApplianceConfig.address(
            "devices.quarantine.address6",
            in.string("devices.quarantine.address6", blockAnswer.ipv6().getHostAddress()),
            Inet6Address.class);
    Duration ttl =
        in.duration("devices.quarantine.ttl", Duration.ZERO, Duration.ZERO, Duration.ofMinutes(5));
    return new BlockAnswer(BlockAnswer.Mode.ADDRESS, ipv4, ipv6, (int) ttl.toSeconds());
  }

  private static List<Name> boxNames(ConfigReader in) throws ConfigException {
    List<Name> names = new ArrayList<>();
    for (String text : in.list("devices.quarantine.box-names")) {
      try {
        if (!text.matches("[A-Za-z0-9._-]+") || text.startsWith(".")) {
          throw new WireFormatException("not a host name");
        }
        names.add(Name.of(text).toLowerCase());
      } catch (WireFormatException e) {
        throw new ConfigException(
            "devices.quarantine.box-names", text, "domain names such as classgate.school.example");
      }
    }
    return names;
  }

  private static String classNames() {
    List<String> names = new ArrayList<>();
    for (DeviceClass deviceClass : DeviceClass.values()) {
      names.add(deviceClass.configName());
    }
    return String.join(", ", names);
  }

  /** Whether {@code text} has no control characters (it is shown to people). */
  private static boolean printable(String text) {
    for (int i = 0; i < text.length(); i++) {
      if (Character.isISOControl(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }
}
