package org.classgate.console.auth;

import java.util.List;

/** A refused account operation, with words for the person who asked. */
public final class AccountException extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why it was refused; the console maps each to an HTTP status. */
  public enum Reason {
    /** The request itself is wrong (a weak password, an unknown role): 400. */
    INVALID,
    /** The credentials are wrong: 401. */
    REFUSED,
    /** The account is locked: 403. */
    LOCKED,
    /** No such account: 404. */
    NOT_FOUND,
    /** It exists already, or the setup was done: 409. */
    CONFLICT
  }

  private final Reason reason;
  private final List<String> problems;

  public AccountException(Reason reason, String message) {
    this(reason, message, List.of());
  }

  public AccountException(Reason reason, String message, List<String> problems) {
    super(message);
    this.reason = reason;
    this.problems = List.copyOf(problems);
  }

  public Reason reason() {
    return reason;
  }

  /** The individual problems (e.g. each password rule broken); may be empty. */
  public List<String> problems() {
    return problems;
  }
}
