package org.classgate.health;

import java.util.Objects;

/**
 * One current problem of the box. Immutable.
 *
 * @param source the part that reports it (e.g. {@code disk}, {@code panel}, {@code filter})
 * @param severity what it does to the box's state
 * @param message what is wrong and, where possible, what to do, for staff
 */
public record Problem(String source, Severity severity, String message) {
  public Problem {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(message, "message");
  }

  public static Problem warning(String source, String message) {
    return new Problem(source, Severity.WARNING, message);
  }

  public static Problem fault(String source, String message) {
    return new Problem(source, Severity.FAULT, message);
  }

  @Override
  public String toString() {
    return severity + " " + source + ": " + message;
  }
}
