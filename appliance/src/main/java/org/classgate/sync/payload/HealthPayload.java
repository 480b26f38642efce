package org.classgate.sync.payload;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A HEALTH record (kind 5): the box's health at one moment; the next one supersedes it. Beyond the
 * contract's fields, {@code problemsOmitted} counts problems left out to fit (never in practice).
 * Immutable.
 *
 * @param state {@code starting}, {@code healthy}, {@code degraded} or {@code fault}
 * @param problems the current problems, faults first
 * @param devicesOnline devices holding a lease now
 * @param listAges each category list's age in seconds (since its content last changed)
 */
public record HealthPayload(
    Instant at,
    String state,
    List<Problem> problems,
    int devicesOnline,
    Map<String, Long> listAges,
    int problemsOmitted) {
  static final String KIND = "HEALTH";

  /**
   * One problem.
   *
   * @param code the part that reports it, e.g. {@code disk}
   * @param severity {@code fault} or {@code warning}
   * @param text what is wrong, for staff
   */
  public record Problem(String code, String severity, String text) {}

  public HealthPayload {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(state, "state");
    problems = List.copyOf(problems);
    listAges = Map.copyOf(listAges);
  }

  /** The contract's JSON, at most {@link Payloads#MAX_BYTES}. */
  public byte[] encode() {
    return Payloads.fitting(
        squeeze -> {
          Map<String, Object> object = Payloads.versioned();
          object.put("at", Json.instant(at));
          object.put("state", state);
          List<Map<String, Object>> written = new ArrayList<>();
          // Faults come first: keep the first ones, not the newest.
          List<Problem> kept = problems.subList(0, Math.min(problems.size(), squeeze.maxItems()));
          for (Problem problem : kept) {
            Map<String, Object> item = Json.object();
            item.put("code", squeeze.text(problem.code()));
            item.put("severity", problem.severity());
            item.put("text", squeeze.text(problem.text()));
            written.add(item);
          }
          object.put("problems", written);
          object.put("problemsOmitted", problemsOmitted + problems.size() - kept.size());
          object.put("devicesOnline", devicesOnline);
          Map<String, Object> ages = new LinkedHashMap<>();
          listAges.entrySet().stream()
              .sorted(Map.Entry.comparingByKey())
              .limit(squeeze.maxItems())
              .forEach(age -> ages.put(squeeze.text(age.getKey()), age.getValue()));
          object.put("listAges", ages);
          return object;
        });
  }

  /** Reads a HEALTH payload. */
  public static HealthPayload decode(byte[] payload) throws MalformedPayload {
    Map<String, Object> object = Json.read(payload, KIND);
    List<Problem> problems = new ArrayList<>();
    for (Map<String, Object> problem : Json.objects(object, "problems")) {
      problems.add(
          new Problem(
              Json.requiredString(problem, "code"),
              Json.requiredString(problem, "severity"),
              Json.requiredString(problem, "text")));
    }
    Map<String, Object> ages = Json.objectOrNull(object, "listAges");
    Map<String, Long> listAges = new LinkedHashMap<>();
    if (ages != null) {
      for (String list : ages.keySet()) {
        listAges.put(list, Json.number(ages, list));
      }
    }
    return new HealthPayload(
        Json.instant(object, "at"),
        Json.requiredString(object, "state"),
        problems,
        Math.toIntExact(Json.number(object, "devicesOnline")),
        listAges,
        object.containsKey("problemsOmitted")
            ? Math.toIntExact(Json.number(object, "problemsOmitted"))
            : 0);
  }
}
