package org.classgate.sync.payload;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.classgate.time.Stamp;

/**
 * An ALERT record (kind 2): one alert for the Designated Safeguarding Lead. Beyond the contract's
 * fields, {@code incidentId} links a report-button alert to its incident (null otherwise).
 * Immutable.
 *
 * @param id the alert's id on the box (its stamp's sequence)
 * @param kind e.g. {@code locked-content}, {@code report-button}
 * @param severity {@code high} (act now) or {@code medium}
 * @param device the device's pseudonym, or null (a button press)
 * @param category the category concerned, or null
 * @param name the queried name, or null
 * @param detail one line for staff (device addresses replaced by the pseudonym)
 * @param incidentId the incident the alert is about, or null
 */
public record AlertPayload(
    long id,
    String kind,
    String severity,
    String device,
    String category,
    String name,
    String detail,
    Instant raisedAt,
    Stamp stamp,
    Long incidentId) {
  static final String KIND = "ALERT";

  public AlertPayload {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(severity, "severity");
  }

  /** The contract's JSON, at most {@link Payloads#MAX_BYTES}. */
  public byte[] encode() {
    return Payloads.fitting(
        squeeze -> {
          Map<String, Object> object = Payloads.versioned();
          object.put("id", id);
          object.put("kind", squeeze.text(kind));
          object.put("severity", severity);
          object.put("device", squeeze.text(device));
          object.put("category", squeeze.text(category));
          object.put("name", squeeze.text(name));
          object.put("detail", squeeze.text(detail));
          object.put("raisedAt", Json.instant(raisedAt));
          object.put("stamp", Json.stamp(stamp));
          object.put("incidentId", incidentId);
          return object;
        });
  }

  /** Reads an ALERT payload. */
  public static AlertPayload decode(byte[] payload) throws MalformedPayload {
    Map<String, Object> object = Json.read(payload, KIND);
    Object incident = object.get("incidentId");
    return new AlertPayload(
        Json.number(object, "id"),
        Json.requiredString(object, "kind"),
        Json.requiredString(object, "severity"),
        Json.string(object, "device"),
        Json.string(object, "category"),
        Json.string(object, "name"),
        Json.string(object, "detail"),
        Json.instant(object, "raisedAt"),
        Json.stamp(object, "stamp"),
        incident == null ? null : Json.number(object, "incidentId"));
  }
}
