package org.classgate.devices;

import java.util.Objects;

/**
 * One pre-registered device from an import file: approved into {@code deviceClass}. Text fields are
 * kept exactly as given. Immutable.
 *
 * @param line the line of the file the row starts on (1 is the header)
 * @param name null to keep the registered name (or have none)
 * @param owner null to keep the registered owner (or have none)
 * @param notes null to keep the registered notes (or have none)
 */
public record DeviceImport(
    int line, MacAddress mac, DeviceClass deviceClass, String name, String owner, String notes) {
  public DeviceImport {
    Objects.requireNonNull(mac, "mac");
    Objects.requireNonNull(deviceClass, "deviceClass");
  }
}
