package org.classgate.devices;

import java.util.Locale;
import java.util.Optional;

/**
 * The device classes of the schools' mobile-technologies policy table. Each class has a network
 * access level and a filtering profile, set by configuration ({@code devices.class.<name>.*}).
 */
public enum DeviceClass {
  /** School-owned, issued to one person. */
  SCHOOL_SINGLE_USER("school-single-user"),
  /** School-owned, shared (e.g. a class set of tablets). */
  SCHOOL_SHARED("school-shared"),
  /** Bought through a school scheme; treated as school-owned. */
  AUTHORISED("authorised"),
  PUPIL_OWNED("pupil-owned"),
  STAFF_OWNED("staff-owned"),
  VISITOR_OWNED("visitor-owned");

  private final String configName;

  DeviceClass(String configName) {
    this.configName = configName;
  }

  /** The name used in configuration, commands and the console. */
  public String configName() {
    return configName;
  }

  /** The class named {@code name} (case-insensitive), if there is one. */
  public static Optional<DeviceClass> named(String name) {
    String wanted = name.toLowerCase(Locale.ROOT);
    for (DeviceClass deviceClass : values()) {
      if (deviceClass.configName.equals(wanted)) {
        return Optional.of(deviceClass);
      }
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return configName;
  }
}
