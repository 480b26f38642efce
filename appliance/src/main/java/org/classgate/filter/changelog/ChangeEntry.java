package org.classgate.filter.changelog;

import java.time.Instant;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One change to the filtering policy, as the change-control log records it: who made it, when, what
 * (an action and the affected thing before and after, as text), why, and who approved it.
 * Immutable.
 *
 * <p>Every text is {@link AuditText}: stored and read back exactly.
 *
 * @param actor who made the change (a person's id, or {@code "system"} for housekeeping); non-blank
 * @param at when, from the caller's injected clock; non-null
 * @param action what kind of change, e.g. {@code allowance.create}: lower-case letters, digits,
 *     '.', '-' and '_', at most 64
 * @param before the changed thing before the change; null if it did not exist
 * @param after the changed thing after the change; null if it no longer exists
 * @param reason why; non-blank
 * @param approvedBy who approved the change; null when no approval is needed (expiry, revocation)
 */
public record ChangeEntry(
    String actor,
    Instant at,
    String action,
    String before,
    String after,
    String reason,
    String approvedBy) {
  private static final Pattern ACTION = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  public ChangeEntry {
    AuditText.requireNonBlank("the actor", actor);
    Objects.requireNonNull(at, "the time of the change is required");
    if (action == null || !ACTION.matcher(action).matches()) {
      throw new IllegalArgumentException(
          "action '"
              + action
              + "' is not 1-64 of lower-case letters, digits, '.', '-' and '_' (e.g."
              + " allowance.create)");
    }
    AuditText.optional("the text before the change", before);
    AuditText.optional("the text after the change", after);
    AuditText.requireNonBlank("the reason", reason);
    AuditText.optional("the approver", approvedBy);
  }
}
