package org.classgate.incidents;

/**
 * A request about incidents or alerts that cannot be done as asked: an unknown record, a move its
 * status does not allow, a missing or wrong field. The message says what and what is allowed; the
 * {@link #reason()} says which of those it is, so a caller (the console) can answer accordingly.
 */
public final class IncidentException extends Exception {
  private static final long serialVersionUID = 1L;

  /** What kind of refusal this is. */
  public enum Reason {
    /** There is no such incident or alert. */
    NOT_FOUND,
    /** A field is missing or breaks a rule (e.g. the two-reviewer rule). */
    INVALID,
    /** The record's current state does not allow it (e.g. closing a new incident). */
    CONFLICT
  }

  private final Reason reason;

  /** A refusal because of the record's state ({@link Reason#CONFLICT}). */
  public IncidentException(String message) {
    this(Reason.CONFLICT, message);
  }

  public IncidentException(Reason reason, String message) {
    super(message);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
