package org.classgate.sync.payload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.classgate.time.Stamp;

/**
 * An INCIDENT record (kind 1): the whole current state of one incident. A later record for the same
 * {@code id} supersedes an earlier one. Immutable.
 *
 * <p>Beyond the contract's fields, three keep what the contract would lose: {@code occurredAtText}
 * (staff's own words for when it happened, when they are not an instant; {@code occurredAt} is then
 * the recording time), {@code actionsOmitted} and {@code snapshotOmitted} (entries left out to fit
 * {@link Payloads#MAX_BYTES}, counted so the hub shows that the record is partial), and each
 * action's {@code signature}.
 *
 * @param origin {@code button} or {@code staff}
 * @param status {@code new}, {@code acknowledged}, {@code under-review} or {@code closed}
 * @param occurredAt when it happened: the staff's time if they gave an instant, else the stamp's
 * @param occurredAtText the staff's words for when it happened, or null
 * @param recordedAt the stamp's wall time
 * @param reportedBy who reported it, or null for a press
 * @param actions status changes and actions taken, in recording order
 * @param review the latest review record, or null
 * @param snapshot the classroom's activity before the press, oldest first (pseudonymised devices)
 * @param actionsOmitted earlier actions left out of an encoding to fit the bound
 * @param snapshotOmitted snapshot entries left out of an encoding to fit the bound
 */
public record IncidentPayload(
    long id,
    String origin,
    String status,
    String classroom,
    int pressCount,
    Instant occurredAt,
    String occurredAtText,
    Instant recordedAt,
    Stamp stamp,
    String description,
    String reportedBy,
    List<Action> actions,
    ReviewPayload review,
    List<SnapshotItem> snapshot,
    int actionsOmitted,
    int snapshotOmitted) {
  static final String KIND = "INCIDENT";

  /**
   * One thing done about the incident.
   *
   * @param action an action's name (e.g. {@code refer-to-police}) or {@code status:<new status>}
   * @param note what was done or decided, in words, or null
   * @param signature the typed name of whoever signed the entry, or null
   */
  public record Action(String action, String by, Instant at, String note, String signature) {}

  /**
   * One DNS decision of the snapshot.
   *
   * @param device the device's pseudonym
   * @param name the queried name, or null for an unparseable query
   * @param outcome the {@code Outcome} name
   * @param category the categories that matched, comma-separated; empty if none
   */
  public record SnapshotItem(
      Instant at, String device, String name, String outcome, String category) {}

  public IncidentPayload {
    Objects.requireNonNull(origin, "origin");
    Objects.requireNonNull(status, "status");
    actions = List.copyOf(actions);
    snapshot = List.copyOf(snapshot);
  }

  /**
   * The contract's JSON, at most {@link Payloads#MAX_BYTES}: the snapshot keeps what fits,
   * decisions other than plain allowed ones first, then the newest; the rest is counted in {@code
   * snapshotOmitted}.
   */
  public byte[] encode() {
    return Payloads.fitting(
        squeeze -> {
          Map<String, Object> object = withoutSnapshot(squeeze);
          int budget = Payloads.MAX_BYTES - Json.write(object).length - SnapshotBudget.SLACK;
          List<Map<String, Object>> items = new ArrayList<>(snapshot.size());
          for (SnapshotItem item : snapshot) {
            items.add(item(item, squeeze));
          }
          List<Map<String, Object>> kept = SnapshotBudget.select(snapshot, items, budget);
          object.put("snapshot", kept);
          object.put("snapshotOmitted", snapshotOmitted + snapshot.size() - kept.size());
          return object;
        });
  }

  private Map<String, Object> withoutSnapshot(Squeeze squeeze) {
    Map<String, Object> object = Payloads.versioned();
    object.put("id", id);
    object.put("origin", origin);
    object.put("status", status);
    object.put("classroom", squeeze.text(classroom));
    object.put("pressCount", pressCount);
    object.put("occurredAt", Json.instant(occurredAt));
    object.put("occurredAtText", squeeze.text(occurredAtText));
    object.put("recordedAt", Json.instant(recordedAt));
    object.put("stamp", Json.stamp(stamp));
    object.put("description", squeeze.text(description));
    object.put("reportedBy", squeeze.text(reportedBy));
    List<Action> kept = squeeze.newest(actions);
    List<Map<String, Object>> written = new ArrayList<>(kept.size());
    for (Action action : kept) {
      Map<String, Object> item = Json.object();
      item.put("action", squeeze.text(action.action()));
      item.put("by", squeeze.text(action.by()));
      item.put("at", Json.instant(action.at()));
      item.put("note", squeeze.text(action.note()));
      item.put("signature", squeeze.text(action.signature()));
      written.add(item);
    }
    object.put("actions", written);
    object.put("actionsOmitted", actionsOmitted + actions.size() - kept.size());
    object.put("review", review == null ? null : review.toJson(squeeze));
    object.put("snapshot", List.of());
    object.put("snapshotOmitted", 0);
    return object;
  }

  private static Map<String, Object> item(SnapshotItem item, Squeeze squeeze) {
    Map<String, Object> object = Json.object();
    object.put("at", Json.instant(item.at()));
    object.put("device", squeeze.text(item.device()));
    object.put("name", squeeze.text(item.name()));
    object.put("outcome", squeeze.text(item.outcome()));
    object.put("category", squeeze.text(item.category()));
    return object;
  }

  /**
   * Reads an INCIDENT payload.
   *
   * @throws MalformedPayload naming the first field that is not as the contract says
   */
  public static IncidentPayload decode(byte[] payload) throws MalformedPayload {
    Map<String, Object> object = Json.read(payload, KIND);
    List<Action> actions = new ArrayList<>();
    for (Map<String, Object> action : Json.objects(object, "actions")) {
      actions.add(
          new Action(
              Json.requiredString(action, "action"),
              Json.string(action, "by"),
              Json.instant(action, "at"),
              Json.string(action, "note"),
              action.containsKey("signature") ? Json.string(action, "signature") : null));
    }
    List<SnapshotItem> snapshot = new ArrayList<>();
    for (Map<String, Object> item : Json.objects(object, "snapshot")) {
      snapshot.add(
          new SnapshotItem(
              Json.instant(item, "at"),
              Json.string(item, "device"),
              Json.string(item, "name"),
              Json.requiredString(item, "outcome"),
              Json.string(item, "category")));
    }
    Map<String, Object> review = Json.objectOrNull(object, "review");
    return new IncidentPayload(
        Json.number(object, "id"),
        Json.requiredString(object, "origin"),
        Json.requiredString(object, "status"),
        Json.string(object, "classroom"),
        Math.toIntExact(Json.number(object, "pressCount")),
        Json.instant(object, "occurredAt"),
        object.containsKey("occurredAtText") ? Json.string(object, "occurredAtText") : null,
        Json.instant(object, "recordedAt"),
        Json.stamp(object, "stamp"),
        Json.string(object, "description"),
        Json.string(object, "reportedBy"),
        actions,
        review == null ? null : ReviewPayload.fromJson(review),
        snapshot,
        object.containsKey("actionsOmitted")
            ? Math.toIntExact(Json.number(object, "actionsOmitted"))
            : 0,
        object.containsKey("snapshotOmitted")
            ? Math.toIntExact(Json.number(object, "snapshotOmitted"))
            : 0);
  }
}
