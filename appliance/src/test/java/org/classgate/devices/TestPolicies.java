package org.classgate.devices;

import java.util.EnumMap;
import java.util.Map;
import java.util.function.Supplier;
import org.classgate.dns.Profile;

/** Stratford's class table and three fixed profiles, for device tests. */
final class TestPolicies {
  static final Profile PUPIL = new Profile("pupil", 0b111);
  static final Profile STAFF = new Profile("staff", 0b001);
  static final Profile VISITOR = new Profile("visitor", 0b011);

  static final Map<String, Supplier<Profile>> PROFILES =
      Map.of("pupil", () -> PUPIL, "staff", () -> STAFF, "visitor", () -> VISITOR);

  private TestPolicies() {}

  static ClassPolicy stratford() {
    Map<DeviceClass, ClassRule> rules = new EnumMap<>(DeviceClass.class);
    rules.put(DeviceClass.SCHOOL_SINGLE_USER, new ClassRule(NetworkAccess.FULL, "pupil"));
    rules.put(DeviceClass.SCHOOL_SHARED, new ClassRule(NetworkAccess.FULL, "pupil"));
    rules.put(DeviceClass.AUTHORISED, new ClassRule(NetworkAccess.INTERNET_ONLY, "pupil"));
    rules.put(DeviceClass.PUPIL_OWNED, new ClassRule(NetworkAccess.NONE, "pupil"));
    rules.put(DeviceClass.STAFF_OWNED, new ClassRule(NetworkAccess.FULL, "staff"));
    rules.put(DeviceClass.VISITOR_OWNED, new ClassRule(NetworkAccess.NONE, "visitor"));
    // The default rule: the classes whose profile is the staff profile may reach the console.
    return new ClassPolicy(rules, java.util.Set.of(DeviceClass.STAFF_OWNED));
  }
}
