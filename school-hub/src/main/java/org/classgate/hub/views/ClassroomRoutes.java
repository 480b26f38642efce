package org.classgate.hub.views;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.classgate.console.ApiHandler;
import org.classgate.console.ConsoleModule;
import org.classgate.console.Route;
import org.classgate.hub.BoxEntry;
import org.classgate.hub.BoxStatus;
import org.classgate.hub.HubStore;
import org.classgate.store.StoreException;
import org.classgate.sync.RecordKind;
import org.classgate.sync.payload.HealthPayload;
import org.classgate.sync.payload.MalformedPayload;

/**
 * {@code GET /api/classrooms}: every enrolled (or removed) box with its classroom, status, health
 * from its latest HEALTH record, last contact, records waiting behind a gap and records lost on the
 * box. Stateless; thread-safe.
 */
public final class ClassroomRoutes implements ConsoleModule {
  static final Route CLASSROOMS = Route.forRoles("GET", "/api/classrooms", ViewRoles.OPERATIONS);

  private final HubStore store;

  public ClassroomRoutes(HubStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public Map<Route, ApiHandler> handlers() {
    return Map.of(CLASSROOMS, call -> classrooms());
  }

  private List<Map<String, Object>> classrooms() throws StoreException {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (BoxEntry box : store.boxes()) {
      if (box.status() == BoxStatus.PENDING) {
        continue; // not a classroom of the school until approved: see the enrolment page
      }
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("box", box.keys().id().toString());
      row.put("classroom", box.classroom());
      row.put("status", box.status().word());
      row.put("lastContact", box.lastContact() == null ? null : box.lastContact().toString());
      row.put("acknowledged", box.acknowledged());
      HubStore.RecordCounts counts = store.recordCounts(box.keys().id());
      row.put("waiting", counts.waitingBehindGap());
      row.put("lost", counts.lost());
      row.put("health", health(store.latestRecord(box.keys().id(), RecordKind.HEALTH)));
      rows.add(row);
    }
    return rows;
  }

  /** The health record as the page shows it; null if the box never sent one. */
  private static Map<String, Object> health(Optional<HubStore.BoxRecord> record) {
    if (record.isEmpty()) {
      return null;
    }
    Map<String, Object> view = new LinkedHashMap<>();
    try {
      HealthPayload health = HealthPayload.decode(record.get().payload());
      view.put("at", health.at().toString());
      view.put("state", health.state());
      view.put("devicesOnline", health.devicesOnline());
      List<Map<String, Object>> problems = new ArrayList<>();
      for (HealthPayload.Problem problem : health.problems()) {
        problems.add(
            Map.of(
                "code", String.valueOf(problem.code()),
                "severity", String.valueOf(problem.severity()),
                "text", String.valueOf(problem.text())));
      }
      view.put("problems", problems);
    } catch (MalformedPayload e) {
      view.put("state", "unreadable");
      view.put("problems", List.of());
    }
    return view;
  }
}
