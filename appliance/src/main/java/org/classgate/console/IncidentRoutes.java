package org.classgate.console;

import static org.classgate.console.IncidentInputs.LONG;
import static org.classgate.console.IncidentInputs.SHORT;
import static org.classgate.console.auth.Role.DSL;
import static org.classgate.console.auth.Role.HEADTEACHER;
import static org.classgate.console.auth.Role.ONLINE_SAFETY_OFFICER;
import static org.classgate.console.auth.Role.TEACHER;

import java.time.Clock;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongConsumer;
import org.classgate.console.auth.Role;
import org.classgate.incidents.Incident;
import org.classgate.incidents.IncidentAction;
import org.classgate.incidents.IncidentException;
import org.classgate.incidents.IncidentLog;
import org.classgate.incidents.IncidentStatus;
import org.classgate.incidents.Review;

/**
 * The e-safety log in the console. Teachers (and the safeguarding roles) list incidents, log one by
 * hand (the seeds' Reporting Log) and acknowledge a button press, which ends the LED's waiting
 * pattern at once; only the safeguarding roles open an incident (its activity snapshot shows what
 * pupils looked up), review it (two different reviewers), record actions and close it. Technicians
 * and governors have no access. Thread-safe.
 */
public final class IncidentRoutes implements ConsoleModule {
  /** Staff who take a report in a lesson: everyone but technicians and governors. */
  static final Set<Role> CLASSROOM_STAFF =
      EnumSet.of(TEACHER, ONLINE_SAFETY_OFFICER, DSL, HEADTEACHER);

  static final Route LIST = Route.forRoles("GET", "/api/incidents", CLASSROOM_STAFF);
  static final Route LOG = Route.forRoles("POST", "/api/incidents", CLASSROOM_STAFF);
  static final Route ACKNOWLEDGE =
      Route.forRoles("POST", "/api/incidents/{name}/acknowledge", CLASSROOM_STAFF);
  static final Route DETAILS = Route.forRoles("GET", "/api/incidents/{name}", Route.SAFEGUARDING);
  static final Route REVIEW =
      Route.forRoles("POST", "/api/incidents/{name}/review", Route.SAFEGUARDING);
  static final Route ACTION =
      Route.forRoles("POST", "/api/incidents/{name}/actions", Route.SAFEGUARDING);
  static final Route CLOSE =
      Route.forRoles("POST", "/api/incidents/{name}/close", Route.SAFEGUARDING);

  /** Incidents listed at once. */
  static final int LISTED = 200;

  /** Sites or devices of concern in one review record. */
  static final int MAX_CONCERNS = 50;

  private final IncidentLog incidents;
  private final LongConsumer acknowledged;
  private final DeviceLabels devices;
  private final Clock clock;
  private final ZoneId zone;

  /**
   * @param acknowledged told the id of each incident a member of staff acknowledged (the panel ends
   *     its waiting pattern if it is the report it waits on); must not block
   * @param zone the school's time zone, for the dates staff type
   */
  public IncidentRoutes(
      IncidentLog incidents,
      LongConsumer acknowledged,
      DeviceLabels devices,
      Clock clock,
      ZoneId zone) {
    this.incidents = incidents;
    this.acknowledged = acknowledged;
    this.devices = devices;
    this.clock = clock;
    this.zone = zone;
  }

  @Override
  public Map<Route, ApiHandler> handlers() {
    Map<Route, ApiHandler> h = new LinkedHashMap<>();
    h.put(LIST, this::list);
    h.put(LOG, this::log);
    h.put(ACKNOWLEDGE, this::acknowledge);
    h.put(DETAILS, this::details);
    h.put(REVIEW, this::review);
    h.put(ACTION, this::action);
    h.put(CLOSE, this::close);
    return h;
  }

  private Object list(ApiCall call) throws Exception {
    String status = call.query("status");
    IncidentStatus only;
    try {
      only = status == null || status.isEmpty() ? null : IncidentStatus.ofLabel(status);
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, e.getMessage());
    }
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Incident incident : incidents.list(only, LISTED)) {
      rows.add(IncidentJson.incident(incident));
    }
    return rows;
  }

  /** The Reporting Log's line: date, time, incident, reported by. */
  private Object log(ApiCall call) throws Exception {
    LocalDate date = date(IncidentInputs.required(call, "date", "the date", SHORT));
    LocalTime time = time(IncidentInputs.required(call, "time", "the time", SHORT));
    String description = IncidentInputs.required(call, "incident", "the incident", LONG);
    String reportedBy = IncidentInputs.required(call, "reportedBy", "who reported it", SHORT);
    if (date.atTime(time).atZone(zone).toInstant().isAfter(clock.instant().plusSeconds(60))) {
      throw new ApiException(400, "the date and time are in the future");
    }
    long id;
    try {
      id = incidents.log(description, date + " " + time, reportedBy);
    } catch (IncidentException e) {
      throw IncidentInputs.refusal(e);
    }
    call.status(201);
    return IncidentJson.incident(incidents.find(id).orElseThrow());
  }

  private static LocalDate date(String text) throws ApiException {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new ApiException(400, "the date is written like 2025-03-14, not '" + text + "'");
    }
  }

  private static LocalTime time(String text) throws ApiException {
    try {
      return LocalTime.parse(text).withSecond(0).withNano(0);
    } catch (DateTimeParseException e) {
      throw new ApiException(400, "the time is written like 10:45, not '" + text + "'");
    }
  }

  private Object acknowledge(ApiCall call) throws Exception {
    long id = IncidentInputs.id(call, "incident");
    try {
      incidents.acknowledge(id, call.requireSession().user());
    } catch (IncidentException e) {
      throw IncidentInputs.refusal(e);
    }
    acknowledged.accept(id);
    return IncidentJson.incident(incidents.find(id).orElseThrow());
  }

  private Object details(ApiCall call) throws Exception {
    long id = IncidentInputs.id(call, "incident");
    try {
      return IncidentJson.details(incidents.show(id), devices.now());
    } catch (IncidentException e) {
      throw IncidentInputs.refusal(e);
    }
  }

  /** The seeds' "Record of reviewing devices / internet sites"; the incident goes under review. */
  private Object review(ApiCall call) throws Exception {
    long id = IncidentInputs.id(call, "incident");
    List<Review.Concern> concerns = new ArrayList<>();
    List<Map<String, Object>> rows = call.objectList("concerns");
    if (rows.size() > MAX_CONCERNS) {
      throw new ApiException(400, "at most " + MAX_CONCERNS + " sites or devices in one review");
    }
    for (Map<String, Object> row : rows) {
      concerns.add(
          new Review.Concern(
              IncidentInputs.required(row, "siteOrDevice", "the site or device", SHORT * 4),
              IncidentInputs.required(row, "reason", "the reason for concern", LONG)));
    }
    Review review =
        new Review(
            null,
            IncidentInputs.required(call, "group", "the group", SHORT),
            IncidentInputs.required(call, "reason", "the reason for investigation", LONG),
            new Review.Reviewer(
                IncidentInputs.required(call, "firstName", "the first reviewer", SHORT),
                IncidentInputs.required(
                    call, "firstPosition", "the first reviewer's position", SHORT)),
            new Review.Reviewer(
                IncidentInputs.required(call, "secondName", "the second reviewer", SHORT),
                IncidentInputs.required(
                    call, "secondPosition", "the second reviewer's position", SHORT)),
            IncidentInputs.required(
                call, "reviewDevice", "the name and location of the computer used", SHORT),
            concerns,
            IncidentInputs.optional(call, "conclusion", "the conclusion", LONG));
    return move(id, () -> incidents.startReview(id, review, call.requireSession().user()));
  }

  private Object action(ApiCall call) throws Exception {
    long id = IncidentInputs.id(call, "incident");
    IncidentAction action;
    try {
      action = IncidentAction.ofLabel(call.text("action"));
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, e.getMessage());
    }
    String what = IncidentInputs.optional(call, "what", "what was done", LONG);
    String signature = IncidentInputs.optional(call, "signature", "the signature", SHORT);
    call.status(201);
    return move(
        id,
        () -> incidents.recordAction(id, action, what, call.requireSession().user(), signature));
  }

  private Object close(ApiCall call) throws Exception {
    long id = IncidentInputs.id(call, "incident");
    String conclusion =
        IncidentInputs.required(call, "conclusion", "the conclusion and action taken", LONG);
    String signature = IncidentInputs.optional(call, "signature", "the signature", SHORT);
    return move(id, () -> incidents.close(id, conclusion, call.requireSession().user(), signature));
  }

  @FunctionalInterface
  private interface Change {
    void run() throws Exception;
  }

  /** Runs a change of the incident and answers with the incident as it is now. */
  private Object move(long id, Change change) throws Exception {
    try {
      change.run();
      return IncidentJson.details(incidents.show(id), devices.now());
    } catch (IncidentException e) {
      throw IncidentInputs.refusal(e);
    }
  }
}
