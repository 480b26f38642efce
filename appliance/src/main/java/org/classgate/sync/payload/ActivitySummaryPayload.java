package org.classgate.sync.payload;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * An ACTIVITY_SUMMARY record (kind 6): one pseudonymised device's decisions on one local day. The
 * first kind the outbox drops when it is full. Immutable.
 *
 * @param day the local day (the timetable's zone)
 * @param device the device's pseudonym
 * @param allowed decisions that let the name through
 * @param blocked decisions that blocked it (blocked, locked, denied, quarantined)
 * @param byCategory blocked decisions per category name (a decision blocked by two categories
 *     counts under each)
 */
public record ActivitySummaryPayload(
    LocalDate day, String device, long allowed, long blocked, Map<String, Long> byCategory) {
  static final String KIND = "ACTIVITY_SUMMARY";

  public ActivitySummaryPayload {
    Objects.requireNonNull(day, "day");
    Objects.requireNonNull(device, "device");
    byCategory = Map.copyOf(byCategory);
  }

  /** The contract's JSON, at most {@link Payloads#MAX_BYTES}. */
  public byte[] encode() {
    return Payloads.fitting(
        squeeze -> {
          Map<String, Object> object = Payloads.versioned();
          object.put("day", day.toString());
          object.put("device", squeeze.text(device));
          object.put("allowed", allowed);
          object.put("blocked", blocked);
          Map<String, Object> categories = new TreeMap<>();
          byCategory.forEach((name, count) -> categories.put(squeeze.text(name), count));
          object.put("byCategory", categories);
          return object;
        });
  }

  /** Reads an ACTIVITY_SUMMARY payload. */
  public static ActivitySummaryPayload decode(byte[] payload) throws MalformedPayload {
    Map<String, Object> object = Json.read(payload, KIND);
    LocalDate day;
    String text = Json.requiredString(object, "day");
    try {
      day = LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new MalformedPayload("'day' is not YYYY-MM-DD: " + text);
    }
    Map<String, Object> categories = Json.objectOrNull(object, "byCategory");
    Map<String, Long> byCategory = new TreeMap<>();
    if (categories != null) {
      for (String name : categories.keySet()) {
        byCategory.put(name, Json.number(categories, name));
      }
    }
    return new ActivitySummaryPayload(
        day,
        Json.requiredString(object, "device"),
        Json.number(object, "allowed"),
        Json.number(object, "blocked"),
        byCategory);
  }
}
