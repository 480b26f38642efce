package org.classgate.hub.views;

import java.util.ArrayList;
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
import org.classgate.sync.RecordKind;
import org.classgate.sync.payload.ChangeLogPayload;
import org.classgate.sync.payload.MalformedPayload;

/**
 * {@code GET /api/change-logs/{box}}: one box's change-control log as the hub holds it, in sequence
 * order, at most {@link #SHOWN} rows after {@code ?after=<sequence>}. Each row says whether its
 * {@code previousHash} is the hash of the row before it, so a gap or a rewritten row shows.
 * Stateless; thread-safe.
 */
public final class ChangeLogRoutes implements ConsoleModule {
  static final Route CHANGE_LOG =
      Route.forRoles("GET", "/api/change-logs/{name}", ViewRoles.OPERATIONS);

  /** The all-zero hash the first row of a chain points back to. */
  static final String GENESIS = "0".repeat(64);

  static final int SHOWN = 1000;

  private final HubStore store;

  public ChangeLogRoutes(HubStore store) {
    this.store = Objects.requireNonNull(store, "store");
  }

  @Override
  public Map<Route, ApiHandler> handlers() {
    return Map.of(CHANGE_LOG, this::log);
  }

  private Map<String, Object> log(ApiCall call) throws Exception {
    UUID box;
    try {
      box = UUID.fromString(call.parameter());
    } catch (IllegalArgumentException e) {
      throw new ApiException(404, "no such box");
    }
    if (store.box(box).isEmpty()) {
      throw new ApiException(404, "no such box");
    }
    long after = 0;
    String afterText = call.query("after");
    if (afterText != null) {
      try {
        after = Long.parseLong(afterText);
      } catch (NumberFormatException e) {
        throw new ApiException(400, "'after' is a record sequence number");
      }
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    String previousHash = null;
    long lastSequence = after;
    for (HubStore.BoxRecord record :
        store.recordsOfKind(box, RecordKind.CHANGE_LOG, after, SHOWN)) {
      lastSequence = record.sequence();
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("sequence", record.sequence());
      try {
        ChangeLogPayload change = ChangeLogPayload.decode(record.payload());
        row.put("index", change.index());
        row.put("at", change.at().toString());
        row.put("actor", change.actor());
        row.put("action", change.action());
        row.put("subject", change.subject());
        row.put("detail", change.detail());
        row.put("until", IncidentViewRoutes.text(change.until()));
        row.put("approvedBy", change.approvedBy());
        row.put("hash", change.hash());
        boolean linked =
            previousHash == null
                ? change.index() != 1 || GENESIS.equals(change.previousHash())
                : previousHash.equals(change.previousHash());
        row.put("linked", linked);
        previousHash = change.hash();
      } catch (MalformedPayload e) {
        row.put("unreadable", true);
        previousHash = null;
      }
      rows.add(row);
    }
    Map<String, Object> view = new LinkedHashMap<>();
    view.put("box", box.toString());
    view.put("classroom", new BoxNames(store).of(box));
    view.put("rows", rows);
    view.put("more", rows.size() == SHOWN);
    view.put("next", lastSequence);
    return view;
  }
}
