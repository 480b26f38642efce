package org.classgate.console;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classgate.incidents.Alert;
import org.classgate.incidents.AlertHandling;
import org.classgate.incidents.AlertInbox;
import org.classgate.incidents.AlertSeverity;
import org.classgate.incidents.IncidentException;
import org.classgate.incidents.StoredAlert;

/**
 * The alerts for the safeguarding roles: the open ones (or all), each with its severity, kind,
 * device (by name, else pseudonym), category, name and time; acknowledging or dismissing one is
 * recorded with who and when. Thread-safe.
 */
public final class AlertRoutes implements ConsoleModule {
  static final Route LIST = Route.forRoles("GET", "/api/alerts", Route.SAFEGUARDING);
  static final Route ACKNOWLEDGE =
      Route.forRoles("POST", "/api/alerts/{name}/acknowledge", Route.SAFEGUARDING);
  static final Route DISMISS =
      Route.forRoles("POST", "/api/alerts/{name}/dismiss", Route.SAFEGUARDING);

  private final AlertInbox inbox;
  private final DeviceLabels devices;

  public AlertRoutes(AlertInbox inbox, DeviceLabels devices) {
    this.inbox = inbox;
    this.devices = devices;
  }

  @Override
  public Map<Route, ApiHandler> handlers() {
    Map<Route, ApiHandler> h = new LinkedHashMap<>();
    h.put(LIST, this::list);
    h.put(ACKNOWLEDGE, call -> handle(call, AlertHandling.ACKNOWLEDGED));
    h.put(DISMISS, call -> handle(call, AlertHandling.DISMISSED));
    return h;
  }

  private Object list(ApiCall call) throws Exception {
    String show = call.query("show");
    if (show != null && !show.equals("open") && !show.equals("all")) {
      throw new ApiException(400, "show is 'open' or 'all', not '" + show + "'");
    }
    DeviceLabels.Lookup names = devices.now();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (StoredAlert alert : inbox.list("all".equals(show))) {
      rows.add(json(alert, names));
    }
    return rows;
  }

  private Object handle(ApiCall call, AlertHandling handling) throws Exception {
    long id = IncidentInputs.id(call, "alert");
    try {
      return json(inbox.handle(id, handling, call.requireSession().user()), devices.now());
    } catch (IncidentException e) {
      throw IncidentInputs.refusal(e);
    }
  }

  private static Map<String, Object> json(StoredAlert stored, DeviceLabels.Lookup names) {
    Alert alert = stored.alert();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", stored.id());
    IncidentJson.stamp(json, alert.stamp());
    json.put("severity", AlertSeverity.of(alert.kind()).label());
    json.put("kind", alert.kind().label());
    json.put("device", alert.client() == null ? null : names.label(null, alert.client()));
    json.put("category", alert.category());
    json.put("name", alert.name());
    json.put("incidentId", alert.incidentId() == 0 ? null : alert.incidentId());
    json.put("detail", alert.detail());
    json.put("handling", stored.handling() == null ? null : stored.handling().label());
    json.put("handledBy", stored.handledBy());
    json.put("handledAt", stored.handled() == null ? null : stored.handled().wallTime().toString());
    return json;
  }
}
