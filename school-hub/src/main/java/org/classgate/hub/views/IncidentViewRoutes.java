package org.classgate.hub.views;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.classgate.console.ApiCall;
import org.classgate.console.ApiException;
import org.classgate.console.ApiHandler;
import org.classgate.console.ConsoleModule;
import org.classgate.console.Route;
import org.classgate.hub.HubStore;
import org.classgate.store.StoreException;
import org.classgate.sync.RecordKind;
import org.classgate.sync.payload.IncidentPayload;
import org.classgate.sync.payload.MalformedPayload;
import org.classgate.sync.payload.ReviewPayload;

/**
 * Incidents across classrooms: {@code GET /api/incidents} lists the current state of every incident
 * (the latest INCIDENT record per box and incident id, since a later record supersedes an earlier
 * one), newest first; {@code GET /api/incidents/{box}:{id}} shows one with its actions, review and
 * activity snapshot. Safeguarding roles only. Stateless; thread-safe.
 */
public final class IncidentViewRoutes implements ConsoleModule {
  static final Route INCIDENTS = Route.forRoles("GET", "/api/incidents", ViewRoles.SAFEGUARDING);
  static final Route INCIDENT =
      Route.forRoles("GET", "/api/incidents/{name}", ViewRoles.SAFEGUARDING);

  /**
   * INCIDENT records read per query: a record may carry a snapshot of megabytes, so pages are
   * small.
   */
  static final int PAGE = 16;

  private final HubStore store;

  public IncidentViewRoutes(HubStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public Map<Route, ApiHandler> handlers() {
    Map<Route, ApiHandler> h = new LinkedHashMap<>();
    h.put(INCIDENTS, call -> list());
    h.put(INCIDENT, this::detail);
    return h;
  }

  private record Key(UUID box, long id) {}

  private List<Map<String, Object>> list() throws StoreException {
    BoxNames names = new BoxNames(store);
    Map<Key, Map<String, Object>> latest = new HashMap<>();
    int unreadable = 0;
    HubStore.Position after = null;
    while (true) {
      List<HubStore.BoxRecord> page = store.recordsOfKind(RecordKind.INCIDENT, after, PAGE);
      for (HubStore.BoxRecord record : page) {
        try {
          IncidentPayload incident = IncidentPayload.decode(record.payload());
          // (box, sequence) order: a later record of the same incident replaces the earlier one.
          latest.put(
              new Key(record.box(), incident.id()),
              summary(record.box(), names.of(record.box()), incident));
        } catch (MalformedPayload e) {
          unreadable++;
        }
      }
      if (page.size() < PAGE) {
        break;
      }
      after = page.get(page.size() - 1).position();
    }
    List<Map<String, Object>> rows = new ArrayList<>(latest.values());
    rows.sort(
        Comparator.comparing((Map<String, Object> row) -> (String) row.get("sortTime")).reversed());
    rows.forEach(row -> row.remove("sortTime"));
    if (unreadable > 0) {
      org.tinylog.Logger.tag("hub").warn("{} INCIDENT records could not be read", unreadable);
    }
    return rows;
  }

  private static Map<String, Object> summary(UUID box, String boxClassroom, IncidentPayload i) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("key", box + ":" + i.id());
    row.put("box", box.toString());
    row.put("id", i.id());
    row.put(
        "classroom",
        i.classroom() == null || i.classroom().isEmpty() ? boxClassroom : i.classroom());
    row.put("status", i.status());
    row.put("origin", i.origin());
    row.put("occurredAt", text(i.occurredAt()));
    row.put("occurredAtText", i.occurredAtText());
    row.put("recordedAt", text(i.recordedAt()));
    row.put("pressCount", i.pressCount());
    row.put("description", i.description());
    row.put("reportedBy", i.reportedBy());
    row.put("snapshotSize", i.snapshot().size() + i.snapshotOmitted());
    // Instants' ISO form sorts in time order only at one precision: sort on epoch milliseconds.
    Instant when = i.occurredAt() != null ? i.occurredAt() : i.recordedAt();
    row.put("sortTime", String.format("%020d", when == null ? 0 : when.toEpochMilli()));
    return row;
  }

  private Map<String, Object> detail(ApiCall call) throws Exception {
    Key key = parse(call.parameter());
    IncidentPayload found = null;
    long after = 0;
    while (true) {
      List<HubStore.BoxRecord> page =
          store.recordsOfKind(key.box(), RecordKind.INCIDENT, after, PAGE);
      for (HubStore.BoxRecord record : page) {
        try {
          IncidentPayload incident = IncidentPayload.decode(record.payload());
          if (incident.id() == key.id()) {
            found = incident;
          }
        } catch (MalformedPayload e) {
          // counted in the list's warning; one bad record must not hide the incident's others
        }
      }
      if (page.size() < PAGE) {
        break;
      }
      after = page.get(page.size() - 1).sequence();
    }
    if (found == null) {
      throw new ApiException(404, "no such incident");
    }
    Map<String, Object> view = summary(key.box(), new BoxNames(store).of(key.box()), found);
    view.remove("sortTime");
    List<Map<String, Object>> actions = new ArrayList<>();
    for (IncidentPayload.Action action : found.actions()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("action", action.action());
      row.put("by", action.by());
      row.put("at", text(action.at()));
      row.put("note", action.note());
      row.put("signature", action.signature());
      actions.add(row);
    }
    view.put("actions", actions);
    view.put("actionsOmitted", found.actionsOmitted());
    view.put("review", review(found.review()));
    List<Map<String, Object>> snapshot = new ArrayList<>();
    for (IncidentPayload.SnapshotItem item : found.snapshot()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("at", text(item.at()));
      row.put("device", item.device());
      row.put("name", item.name());
      row.put("outcome", item.outcome());
      row.put("category", item.category());
      snapshot.add(row);
    }
    view.put("snapshot", snapshot);
    view.put("snapshotOmitted", found.snapshotOmitted());
    return view;
  }

  private static Map<String, Object> review(ReviewPayload review) {
    if (review == null) {
      return null;
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("at", text(review.at()));
    view.put("group", review.group());
    view.put("reason", review.reason());
    view.put("first", reviewer(review.first()));
    view.put("second", reviewer(review.second()));
    view.put("reviewDevice", review.reviewDevice());
    List<Map<String, Object>> concerns = new ArrayList<>();
    for (ReviewPayload.Concern concern : review.concerns()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("siteOrDevice", concern.siteOrDevice());
      row.put("reason", concern.reason());
      concerns.add(row);
    }
    view.put("concerns", concerns);
    view.put("conclusion", review.conclusion());
    return view;
  }

  private static String reviewer(ReviewPayload.Reviewer reviewer) {
    if (reviewer == null) {
      return null;
    }
    return reviewer.position() == null
        ? reviewer.name()
        : reviewer.name() + " (" + reviewer.position() + ")";
  }

  /** {@code <box uuid>:<incident id>}; anything else is a 404, never an exception. */
  private static Key parse(String parameter) throws ApiException {
    int colon = parameter.lastIndexOf(':');
    try {
      if (colon > 0) {
        return new Key(
            UUID.fromString(parameter.substring(0, colon)),
            Long.parseLong(parameter.substring(colon + 1)));
      }
    } catch (IllegalArgumentException e) {
      // falls through to the refusal
    }
    throw new ApiException(404, "no such incident");
  }

  static String text(Instant instant) {
    return instant == null ? null : instant.toString();
  }
}
