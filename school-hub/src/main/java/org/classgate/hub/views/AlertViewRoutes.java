package org.classgate.hub.views;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.classgate.console.ApiHandler;
import org.classgate.console.ConsoleModule;
import org.classgate.console.Route;
import org.classgate.hub.HubStore;
import org.classgate.store.StoreException;
import org.classgate.sync.RecordKind;
import org.classgate.sync.payload.AlertPayload;
import org.classgate.sync.payload.MalformedPayload;

/**
 * {@code GET /api/alerts}: alerts from every classroom, newest first, at most {@link #SHOWN}.
 * Safeguarding roles only. Stateless; thread-safe.
 */
public final class AlertViewRoutes implements ConsoleModule {
  static final Route ALERTS = Route.forRoles("GET", "/api/alerts", ViewRoles.SAFEGUARDING);

  /** Alerts shown at once. */
  static final int SHOWN = 500;

  /** ALERT records read per query (each is small). */
  static final int PAGE = 1000;

  private final HubStore store;

  public AlertViewRoutes(HubStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public Map<Route, ApiHandler> handlers() {
    return Map.of(ALERTS, call -> alerts());
  }

  private List<Map<String, Object>> alerts() throws StoreException {
    BoxNames names = new BoxNames(store);
    List<Map<String, Object>> rows = new ArrayList<>();
    List<Long> times = new ArrayList<>();
    HubStore.Position after = null;
    while (true) {
      List<HubStore.BoxRecord> page = store.recordsOfKind(RecordKind.ALERT, after, PAGE);
      for (HubStore.BoxRecord record : page) {
        AlertPayload alert;
        try {
          alert = AlertPayload.decode(record.payload());
        } catch (MalformedPayload e) {
          continue; // hostile or damaged: never shown, never fatal
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("box", record.box().toString());
        row.put("classroom", names.of(record.box()));
        row.put("id", alert.id());
        row.put("kind", alert.kind());
        row.put("severity", alert.severity());
        row.put("device", alert.device());
        row.put("category", alert.category());
        row.put("name", alert.name());
        row.put("detail", alert.detail());
        row.put("raisedAt", IncidentViewRoutes.text(alert.raisedAt()));
        row.put(
            "incident",
            alert.incidentId() == null ? null : record.box() + ":" + alert.incidentId());
        rows.add(row);
        times.add(alert.raisedAt() == null ? 0L : alert.raisedAt().toEpochMilli());
      }
      if (page.size() < PAGE) {
        break;
      }
      after = page.get(page.size() - 1).position();
    }
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparing((Integer i) -> times.get(i)).reversed());
    List<Map<String, Object>> newest = new ArrayList<>();
    for (int i = 0; i < Math.min(SHOWN, order.size()); i++) {
      newest.add(rows.get(order.get(i)));
    }
    return newest;
  }
}
