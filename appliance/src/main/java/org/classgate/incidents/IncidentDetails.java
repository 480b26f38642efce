package org.classgate.incidents;

import java.util.List;

/** An incident with everything recorded about it, in recording order. Immutable. */
public record IncidentDetails(
    Incident incident,
    List<IncidentEvent> events,
    List<Review> reviews,
    List<SnapshotEntry> snapshot) {
  public IncidentDetails {
    events = List.copyOf(events);
    reviews = List.copyOf(reviews);
    snapshot = List.copyOf(snapshot);
  }
}
