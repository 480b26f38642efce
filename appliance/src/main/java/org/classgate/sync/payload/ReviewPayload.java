package org.classgate.sync.payload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.classgate.time.Stamp;

/**
 * An incident's review record in an INCIDENT payload, with the fields the box's review has (the
 * seeds' "Record of reviewing devices / internet sites"). Immutable.
 *
 * @param at when the review was recorded
 * @param first the first reviewing person
 * @param second the second reviewing person
 * @param reviewDevice name and location of the computer used for the review
 * @param concerns each site or device with the reason for concern
 * @param conclusion the conclusion, or null while open
 */
public record ReviewPayload(
    Instant at,
    Stamp stamp,
    String group,
    String reason,
    Reviewer first,
    Reviewer second,
    String reviewDevice,
    List<Concern> concerns,
    String conclusion) {
  /** A reviewing person and their position. */
  public record Reviewer(String name, String position) {}

  /** A site or device, and why it concerns the reviewers. */
  public record Concern(String siteOrDevice, String reason) {}

  public ReviewPayload {
    concerns = List.copyOf(concerns);
  }

  Map<String, Object> toJson(Squeeze squeeze) {
    Map<String, Object> object = Json.object();
    object.put("at", Json.instant(at));
    object.put("stamp", Json.stamp(stamp));
    object.put("group", squeeze.text(group));
    object.put("reason", squeeze.text(reason));
    object.put("first", reviewer(first, squeeze));
    object.put("second", reviewer(second, squeeze));
    object.put("reviewDevice", squeeze.text(reviewDevice));
    List<Map<String, Object>> written = new ArrayList<>();
    for (Concern concern : squeeze.newest(concerns)) {
      Map<String, Object> item = Json.object();
      item.put("siteOrDevice", squeeze.text(concern.siteOrDevice()));
      item.put("reason", squeeze.text(concern.reason()));
      written.add(item);
    }
    object.put("concerns", written);
    object.put("concernsOmitted", concerns.size() - written.size());
    object.put("conclusion", squeeze.text(conclusion));
    return object;
  }

  private static Map<String, Object> reviewer(Reviewer reviewer, Squeeze squeeze) {
    if (reviewer == null) {
      return null;
    }
    Map<String, Object> object = Json.object();
    object.put("name", squeeze.text(reviewer.name()));
    object.put("position", squeeze.text(reviewer.position()));
    return object;
  }

  static ReviewPayload fromJson(Map<String, Object> object) throws MalformedPayload {
    List<Concern> concerns = new ArrayList<>();
    for (Map<String, Object> concern : Json.objects(object, "concerns")) {
      concerns.add(
          new Concern(Json.string(concern, "siteOrDevice"), Json.string(concern, "reason")));
    }
    return new ReviewPayload(
        Json.instant(object, "at"),
        Json.stamp(object, "stamp"),
        Json.string(object, "group"),
        Json.string(object, "reason"),
        reviewer(Json.objectOrNull(object, "first")),
        reviewer(Json.objectOrNull(object, "second")),
        Json.string(object, "reviewDevice"),
        concerns,
        Json.string(object, "conclusion"));
  }

  private static Reviewer reviewer(Map<String, Object> object) throws MalformedPayload {
    return object == null
        ? null
        : new Reviewer(Json.string(object, "name"), Json.string(object, "position"));
  }
}
