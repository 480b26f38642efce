package org.classgate.incidents.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.classgate.activity.DevicePseudonyms;
import org.classgate.incidents.Alert;
import org.classgate.incidents.AlertKind;
import org.classgate.incidents.Incident;
import org.classgate.incidents.IncidentDetails;
import org.classgate.incidents.IncidentEvent;
import org.classgate.incidents.Review;
import org.classgate.incidents.SnapshotEntry;
import org.classgate.sync.RecordKind;
import org.classgate.sync.payload.AlertPayload;
import org.classgate.sync.payload.IncidentPayload;
import org.classgate.sync.payload.ReviewPayload;
import org.classgate.sync.store.OutboundRecords;

/**
 * Puts incidents and alerts on their way to the school hub, inside the transaction that records
 * them: an INCIDENT record with the incident's whole current state after every change (a press, a
 * staff report, a status change, a review, an action), an ALERT record per alert. Devices are
 * pseudonymised ({@link DevicePseudonyms}: of the device id, or of the address while the device is
 * unknown, as the activity summaries are). Thread-safe.
 */
final class OutboundIncidents {
  private final OutboundRecords outbound;
  private final DevicePseudonyms pseudonyms;

  OutboundIncidents(OutboundRecords outbound, DevicePseudonyms pseudonyms) {
    this.outbound = Objects.requireNonNull(outbound, "outbound");
    this.pseudonyms = Objects.requireNonNull(pseudonyms, "pseudonyms");
  }

  /** Queues incident {@code id}'s state as it stands in {@code connection}'s transaction. */
  void incident(Connection connection, long id) throws SQLException {
    Incident incident = SqliteIncidentStore.incident(connection, id);
    if (incident == null) {
      throw new SQLException("incident " + id + " vanished inside its own transaction");
    }
    IncidentDetails details =
        new IncidentDetails(
            incident,
            IncidentRows.events(connection, id),
            IncidentRows.reviews(connection, id),
            IncidentRows.snapshot(connection, id));
    outbound.append(connection, RecordKind.INCIDENT, payload(details, cached()).encode());
  }

  /** Queues {@code alert}, stored in {@code connection}'s transaction. */
  void alert(Connection connection, Alert alert) throws SQLException {
    outbound.append(connection, RecordKind.ALERT, payload(alert, cached()).encode());
  }

  /**
   * Pseudonyms memoised for one record: a snapshot names the same few devices thousands of times.
   */
  private Function<String, String> cached() {
    Map<String, String> known = new HashMap<>();
    return device -> device == null ? null : known.computeIfAbsent(device, pseudonyms::of);
  }

  static IncidentPayload payload(IncidentDetails details, Function<String, String> pseudonym) {
    Incident incident = details.incident();
    List<IncidentPayload.Action> actions = new ArrayList<>();
    for (IncidentEvent event : details.events()) {
      actions.add(
          new IncidentPayload.Action(
              event.action() != null ? event.action().label() : "status:" + event.status().label(),
              event.byWhom(),
              event.stamp().wallTime(),
              event.what(),
              event.signature()));
    }
    List<IncidentPayload.SnapshotItem> snapshot = new ArrayList<>();
    for (SnapshotEntry entry : details.snapshot()) {
      snapshot.add(
          new IncidentPayload.SnapshotItem(
              entry.time(),
              pseudonym.apply(entry.deviceId() != null ? entry.deviceId() : entry.client()),
              entry.name(),
              entry.outcome(),
              String.join(",", entry.categories())));
    }
    List<Review> reviews = details.reviews();
    return new IncidentPayload(
        incident.id(),
        incident.source().name().toLowerCase(Locale.ROOT),
        incident.status().label(),
        incident.classroom(),
        incident.pressCount(),
        occurredAt(incident),
        incident.occurredAt(),
        incident.stamp().wallTime(),
        incident.stamp(),
        incident.description(),
        incident.reportedBy(),
        actions,
        reviews.isEmpty() ? null : review(reviews.get(reviews.size() - 1)),
        snapshot,
        0,
        0);
  }

  /** The staff's time if they gave an instant; otherwise when it was recorded. */
  private static Instant occurredAt(Incident incident) {
    if (incident.occurredAt() != null) {
      try {
        return Instant.parse(incident.occurredAt().strip());
      } catch (DateTimeParseException e) {
        // Their own words ("Tuesday, after lunch") travel as occurredAtText.
      }
    }
    return incident.stamp().wallTime();
  }

  private static ReviewPayload review(Review review) {
    List<ReviewPayload.Concern> concerns = new ArrayList<>();
    for (Review.Concern concern : review.concerns()) {
      concerns.add(new ReviewPayload.Concern(concern.siteOrDevice(), concern.reason()));
    }
    return new ReviewPayload(
        review.stamp() == null ? null : review.stamp().wallTime(),
        review.stamp(),
        review.group(),
        review.reason(),
        new ReviewPayload.Reviewer(review.first().name(), review.first().position()),
        new ReviewPayload.Reviewer(review.second().name(), review.second().position()),
        review.reviewDevice(),
        concerns,
        review.conclusion());
  }

  static AlertPayload payload(Alert alert, Function<String, String> pseudonym) {
    String device =
        alert.client() == null
            ? null
            : pseudonym.apply(alert.deviceId() != null ? alert.deviceId() : alert.client());
    // The rules' words name the device by its address; the hub gets the pseudonym instead.
    String detail =
        alert.client() == null ? alert.detail() : alert.detail().replace(alert.client(), device);
    return new AlertPayload(
        alert.stamp().sequence(),
        alert.kind().label(),
        severity(alert.kind()),
        device,
        alert.category(),
        alert.name(),
        detail,
        alert.stamp().wallTime(),
        alert.stamp(),
        alert.incidentId() == 0 ? null : alert.incidentId());
  }

  /** High: the DSL acts now (the seeds: at once); medium: a pattern to look into. */
  private static String severity(AlertKind kind) {
    return kind == AlertKind.REPEATED_BLOCKS ? "medium" : "high";
  }
}
