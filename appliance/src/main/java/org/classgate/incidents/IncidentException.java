package org.classgate.incidents;

/**
 * A request about incidents that cannot be done as asked: an unknown incident, a move its status
 * does not allow, a missing field. The message says what and what is allowed.
 */
public final class IncidentException extends Exception {
  private static final long serialVersionUID = 1L;

  public IncidentException(String message) {
    super(message);
  }
}
