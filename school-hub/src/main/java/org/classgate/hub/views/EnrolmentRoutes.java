package org.classgate.hub.views;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.classgate.console.ApiCall;
import org.classgate.console.ApiException;
import org.classgate.console.ApiHandler;
import org.classgate.console.ConsoleModule;
import org.classgate.console.Route;
import org.classgate.hub.BoxEntry;
import org.classgate.hub.BoxStatus;
import org.classgate.hub.Enrolments;
import org.classgate.hub.HubStore;

/**
 * Enrolment administration for headteachers and technicians: {@code GET /api/boxes} lists every box
 * with its enrolment code (while pending) and key fingerprint; {@code POST /api/boxes/{id}/approve}
 * with {@code {"code": "..."}} approves a pending box only if the code typed is the one its keys
 * give (the administrator reads it off the box's console, so approving proves the pinned keys are
 * that box's); {@code POST /api/boxes/{id}/remove} removes a box for good. Stateless; thread-safe.
 */
public final class EnrolmentRoutes implements ConsoleModule {
  private static final org.tinylog.TaggedLogger LOG = org.tinylog.Logger.tag("hub");

  static final Route BOXES = Route.forRoles("GET", "/api/boxes", ViewRoles.ADMINISTRATORS);
  static final Route APPROVE =
      Route.forRoles("POST", "/api/boxes/{name}/approve", ViewRoles.ADMINISTRATORS);
  static final Route REMOVE =
      Route.forRoles("POST", "/api/boxes/{name}/remove", ViewRoles.ADMINISTRATORS);

  private final HubStore store;
  private final Enrolments enrolments;

  public EnrolmentRoutes(HubStore store, Enrolments enrolments) {
    this.store = Objects.requireNonNull(store, "store");
    this.enrolments = Objects.requireNonNull(enrolments, "enrolments");
  }

  @Override
  public Map<Route, ApiHandler> handlers() {
    Map<Route, ApiHandler> h = new LinkedHashMap<>();
    h.put(BOXES, call -> boxes());
    h.put(APPROVE, this::approve);
    h.put(REMOVE, this::remove);
    return h;
  }

  private List<Map<String, Object>> boxes() throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (BoxEntry box : store.boxes()) {
      rows.add(view(box));
    }
    return rows;
  }

  private static Map<String, Object> view(BoxEntry box) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", box.keys().id().toString());
    row.put("classroom", box.classroom());
    row.put("status", box.status().word());
    row.put("code", box.status() == BoxStatus.PENDING ? box.keys().enrolmentCode() : null);
    row.put("fingerprint", box.keys().fingerprint());
    row.put("requestedAt", box.requestedAt().toString());
    row.put("lastContact", box.lastContact() == null ? null : box.lastContact().toString());
    return row;
  }

  private Object approve(ApiCall call) throws Exception {
    BoxEntry box = box(call.parameter());
    String code = call.text("code");
    if (box.status() != BoxStatus.PENDING) {
      throw new ApiException(409, "this box is " + box.status().word() + ", not waiting");
    }
    if (!box.keys().matchesEnrolmentCode(code)) {
      throw new ApiException(
          400, "that is not this box's enrolment code: compare it with the box's console");
    }
    Optional<BoxEntry> approved = enrolments.approve(code);
    if (approved.isEmpty() || !approved.get().keys().id().equals(box.keys().id())) {
      throw new ApiException(409, "the box is no longer waiting");
    }
    LOG.info(
        "box {} approved by {} from {}",
        box.keys().id(),
        call.requireSession().user(),
        call.client());
    return view(approved.get());
  }

  private Object remove(ApiCall call) throws Exception {
    BoxEntry box = box(call.parameter());
    if (!enrolments.remove(box.keys().id())) {
      throw new ApiException(409, "this box was removed already");
    }
    LOG.info(
        "box {} removed by {} from {}",
        box.keys().id(),
        call.requireSession().user(),
        call.client());
    return view(store.box(box.keys().id()).orElseThrow());
  }

  private BoxEntry box(String id) throws Exception {
    try {
      return store.box(UUID.fromString(id)).orElseThrow(() -> new ApiException(404, "no such box"));
    } catch (IllegalArgumentException e) {
      throw new ApiException(404, "no such box");
    }
  }
}
