package org.classgate.incidents;

import java.util.Objects;
import org.classgate.time.Stamp;

/**
 * An alert for the Designated Safeguarding Lead. Immutable.
 *
 * @param client the device's address, or null (a button press)
 * @param deviceId the device registry's id for the client, or null (unknown device, button press)
 * @param category the category concerned, or null
 * @param name the queried name, or null
 * @param incidentId the incident it is about, or 0
 * @param detail one line for staff
 */
public record Alert(
    Stamp stamp,
    AlertKind kind,
    String client,
    String deviceId,
    String category,
    String name,
    long incidentId,
    String detail) {
  public Alert {
    Objects.requireNonNull(stamp, "stamp");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }
}
