package org.classgate.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classgate.dns.Outcome;
import org.classgate.incidents.Incident;
import org.classgate.incidents.IncidentAction;
import org.classgate.incidents.IncidentDetails;
import org.classgate.incidents.IncidentEvent;
import org.classgate.incidents.IncidentStatus;
import org.classgate.incidents.Review;
import org.classgate.incidents.SnapshotEntry;
import org.classgate.time.Stamp;

/**
 * Incidents as the console's pages read them (JSON maps). Every text field is passed on exactly as
 * recorded; the pages put it into the page as text only. Stateless.
 */
final class IncidentJson {
  private IncidentJson() {}

  /** One line of the e-safety log. */
  static Map<String, Object> incident(Incident incident) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", incident.id());
    stamp(json, incident.stamp());
    json.put("source", incident.source() == Incident.Source.BUTTON ? "button" : "staff");
    json.put("classroom", incident.classroom());
    json.put("pressCount", incident.pressCount());
    json.put("description", incident.description());
    json.put("occurredAt", incident.occurredAt());
    json.put("reportedBy", incident.reportedBy());
    json.put("status", incident.status().label());
    return json;
  }

  /**
   * An incident with its events, reviews and activity snapshot (devices named by {@code names}).
   */
  static Map<String, Object> details(IncidentDetails details, DeviceLabels.Lookup names) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("incident", incident(details.incident()));
    List<Map<String, Object>> events = new ArrayList<>();
    for (IncidentEvent event : details.events()) {
      events.add(event(event));
    }
    json.put("events", events);
    List<Map<String, Object>> reviews = new ArrayList<>();
    for (Review review : details.reviews()) {
      reviews.add(review(review));
    }
    json.put("reviews", reviews);
    List<Map<String, Object>> snapshot = new ArrayList<>();
    for (SnapshotEntry entry : details.snapshot()) {
      snapshot.add(entry(entry, names));
    }
    json.put("snapshot", snapshot);
    IncidentStatus status = details.incident().status();
    json.put("next", status == IncidentStatus.CLOSED ? null : next(status).label());
    json.put("actionChoices", actionChoices());
    return json;
  }

  private static IncidentStatus next(IncidentStatus status) {
    return IncidentStatus.values()[status.ordinal() + 1];
  }

  /** The seeds' sanction-table actions: label and wording. */
  static List<Map<String, Object>> actionChoices() {
    List<Map<String, Object>> choices = new ArrayList<>();
    for (IncidentAction action : IncidentAction.values()) {
      choices.add(Map.of("action", action.label(), "title", action.title()));
    }
    return choices;
  }

  private static Map<String, Object> event(IncidentEvent event) {
    Map<String, Object> json = new LinkedHashMap<>();
    stamp(json, event.stamp());
    json.put("status", event.status() == null ? null : event.status().label());
    json.put("action", event.action() == null ? null : event.action().label());
    json.put("actionTitle", event.action() == null ? null : event.action().title());
    json.put("what", event.what());
    json.put("byWhom", event.byWhom());
    json.put("signature", event.signature());
    return json;
  }

  private static Map<String, Object> review(Review review) {
    Map<String, Object> json = new LinkedHashMap<>();
    stamp(json, review.stamp());
    json.put("group", review.group());
    json.put("reason", review.reason());
    json.put("first", reviewer(review.first()));
    json.put("second", reviewer(review.second()));
    json.put("reviewDevice", review.reviewDevice());
    List<Map<String, Object>> concerns = new ArrayList<>();
    for (Review.Concern concern : review.concerns()) {
      concerns.add(Map.of("siteOrDevice", concern.siteOrDevice(), "reason", concern.reason()));
    }
    json.put("concerns", concerns);
    json.put("conclusion", review.conclusion());
    return json;
  }

  private static Map<String, Object> reviewer(Review.Reviewer reviewer) {
    return Map.of("name", reviewer.name(), "position", reviewer.position());
  }

  private static Map<String, Object> entry(SnapshotEntry entry, DeviceLabels.Lookup names) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("at", entry.time().toString());
    json.put("device", names.label(entry.deviceId(), entry.client()));
    json.put("client", entry.client());
    json.put("name", displayName(entry.name()));
    json.put("type", entry.type());
    json.put("outcome", entry.outcome().toLowerCase(java.util.Locale.ROOT));
    json.put("blocked", blocked(entry.outcome()));
    json.put("categories", entry.categories());
    return json;
  }

  /** Whether a stored outcome name is a refusal staff should notice (blocked or locked). */
  static boolean blocked(String outcome) {
    return outcome.equals(Outcome.BLOCKED.name()) || outcome.equals(Outcome.LOCKED.name());
  }

  /**
   * A query name as staff read it: the stored presentation form (RFC 4343 escapes for bytes that
   * are not printable ASCII, so nothing invisible hides in it) without the root's trailing dot.
   */
  static String displayName(String name) {
    if (name == null) {
      return "(unreadable query)";
    }
    // Name.toString ends every label with a dot; the last one is the root's.
    return name.length() > 1 && name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
  }

  /** {@code at}: the wall time (ISO-8601); {@code synchronised}: whether the clock was trusted. */
  static void stamp(Map<String, Object> json, Stamp stamp) {
    json.put("at", stamp.wallTime().toString());
    json.put("synchronised", stamp.synchronised());
  }
}
