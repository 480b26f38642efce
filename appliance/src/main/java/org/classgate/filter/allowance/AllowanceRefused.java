package org.classgate.filter.allowance;

import java.util.Objects;

/**
 * An allowance was not approved. The message says why in words for the person asking; {@link
 * #kind()} lets the console and tests tell the cases apart without parsing it.
 */
public final class AllowanceRefused extends Exception {
  private static final long serialVersionUID = 1L;

  /** Why an allowance was refused. */
  public enum Kind {
    /** The domain is on a locked (illegal-content) list: nothing can allow it. */
    LOCKED,
    /** The locked-list check itself failed, so the domain cannot be shown not to be locked. */
    LOCK_CHECK_FAILED,
    /** A deny entry of a profile the scope covers lists the domain: edit the profile instead. */
    DENIED_BY_PROFILE,
    /** The expiry is not in the future. */
    ALREADY_EXPIRED,
    /** Longer than any allowance may be ({@link ApprovalRules#longestAllowance()}). */
    TOO_LONG,
    /** A teacher tried to approve someone else's request. */
    NOT_OWN_REQUEST,
    /** A teacher's own request is longer than the fast path allows. */
    FAST_PATH_TOO_LONG,
    /** A teacher's own request would unblock a high-risk category. */
    FAST_PATH_HIGH_RISK,
    /** A high-risk allowance needs an approver other than the person who asked for it. */
    SECOND_PERSON_NEEDED
  }

  private final Kind kind;

  public AllowanceRefused(Kind kind, String message) {
    super(message);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public AllowanceRefused(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  public Kind kind() {
    return kind;
  }
}
