package org.classgate.filter.allowance;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * An approved request, not yet stored: what {@link Allowances#approve} returns and an {@link
 * AllowanceStore} records. Immutable.
 *
 * @param request the request as approved (its start moved up to the approval time if it lay in the
 *     past); non-null
 * @param approvedBy who approved it; non-null (the requester themselves on the teacher fast path)
 * @param approvedAt when; non-null
 * @param risk the risk level of the categories it unblocks; non-null
 */
public record Approval(
    AllowanceRequest request, Person approvedBy, Instant approvedAt, RiskLevel risk) {
  public Approval {
    Objects.requireNonNull(request, "request");
    Objects.requireNonNull(approvedBy, "approvedBy");
    Objects.requireNonNull(approvedAt, "approvedAt");
    Objects.requireNonNull(risk, "risk");
  }

  /** How long the allowance lasts. */
  public Duration duration() {
    return Duration.between(request.start(), request.expiry());
  }
}
