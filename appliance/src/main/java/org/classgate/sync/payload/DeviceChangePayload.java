package org.classgate.sync.payload;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import org.classgate.time.Stamp;

/**
 * A DEVICE_CHANGE record (kind 4): one change to the device registry, with the device's state after
 * it. The MAC travels in clear inside the sealed envelope: the school's own registry needs it.
 * Immutable.
 *
 * @param mac the device's MAC, lower case with colons
 * @param name the name staff gave it, or null
 * @param deviceClass e.g. {@code school-single-user}, or null while unclassified
 * @param state {@code quarantined}, {@code approved}, {@code blocked} or {@code forgotten}
 * @param change what happened: {@code quarantined}, {@code approved}, {@code class-changed}, {@code
 *     blocked}, {@code forgotten} or {@code imported}
 * @param by who made the change, or null when the registry does not know (the network: {@code
 *     system})
 */
public record DeviceChangePayload(
    String mac,
    String name,
    String deviceClass,
    String state,
    String change,
    String by,
    Instant at,
    Stamp stamp) {
  static final String KIND = "DEVICE_CHANGE";

  public DeviceChangePayload {
    Objects.requireNonNull(mac, "mac");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(change, "change");
  }

  /** The contract's JSON, at most {@link Payloads#MAX_BYTES}. */
  public byte[] encode() {
    return Payloads.fitting(
        squeeze -> {
          Map<String, Object> object = Payloads.versioned();
          object.put("mac", mac);
          object.put("name", squeeze.text(name));
          object.put("deviceClass", deviceClass);
          object.put("state", state);
          object.put("change", change);
          object.put("by", squeeze.text(by));
          object.put("at", Json.instant(at));
          object.put("stamp", Json.stamp(stamp));
          return object;
        });
  }

  /** Reads a DEVICE_CHANGE payload. */
  public static DeviceChangePayload decode(byte[] payload) throws MalformedPayload {
    Map<String, Object> object = Json.read(payload, KIND);
    return new DeviceChangePayload(
        Json.requiredString(object, "mac"),
        Json.string(object, "name"),
        Json.string(object, "deviceClass"),
        Json.requiredString(object, "state"),
        Json.requiredString(object, "change"),
        Json.string(object, "by"),
        Json.instant(object, "at"),
        Json.stamp(object, "stamp"));
  }
}
