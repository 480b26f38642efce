package org.classgate.incidents;

import java.time.Instant;
import java.util.List;

/**
 * One DNS decision in an incident's activity snapshot, as stored with the incident: category names
 * rather than bits, because bits change meaning when the configured lists change. Immutable.
 *
 * @param deviceId the registered device, or null
 * @param profile the filtering profile, or null
 * @param name the queried name, or null for an unparseable query
 * @param outcome the {@link org.classgate.dns.Outcome} name
 */
public record SnapshotEntry(
    Instant time,
    String client,
    String deviceId,
    String profile,
    String name,
    int type,
    String outcome,
    List<String> categories) {
  public SnapshotEntry {
    categories = List.copyOf(categories);
  }
}
