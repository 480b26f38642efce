package org.classgate.health;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The box's state and every current problem, faults first. Immutable.
 *
 * @param problems in order: faults before warnings, then by source as registered
 */
public record HealthReport(BoxState state, List<Problem> problems) {
  public HealthReport {
    problems = List.copyOf(problems);
  }

  /** One line for a terminal or the control socket, e.g. {@code DEGRADED (WARNING panel: …)}. */
  public String summary() {
    if (problems.isEmpty()) {
      return state.name();
    }
    return state
        + " ("
        + problems.stream().map(Problem::toString).collect(Collectors.joining("; "))
        + ")";
  }
}
