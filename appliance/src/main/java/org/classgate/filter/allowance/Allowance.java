package org.classgate.filter.allowance;

import java.time.Instant;
import java.util.Objects;
import org.classgate.dns.wire.Name;

/**
 * A stored allowance: an {@link Approval} with the id its store gave it. Immutable.
 *
 * @param id the store's id, positive
 * @param approval what was approved; non-null
 */
public record Allowance(long id, Approval approval) {
  public Allowance {
    if (id < 1) {
      throw new IllegalArgumentException("allowance ids are positive, got " + id);
    }
    Objects.requireNonNull(approval, "approval");
  }

  public Name domain() {
    return approval.request().domain();
  }

  public AllowanceScope scope() {
    return approval.request().scope();
  }

  public Instant start() {
    return approval.request().start();
  }

  public Instant expiry() {
    return approval.request().expiry();
  }

  /** True from {@link #start()} (inclusive) until {@link #expiry()} (exclusive). */
  public boolean activeAt(Instant now) {
    return !now.isBefore(start()) && now.isBefore(expiry());
  }

  /** True once {@code now} has reached the expiry. */
  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiry());
  }

  /**
   * A description for the change-control log's before/after text: several lines, each field on its
   * own; the reason is not included (the log keeps it in its own field).
   */
  public String describe() {
    AllowanceRequest request = approval.request();
    AllowanceScope scope = request.scope();
    return "allowance "
        + id
        + ": "
        + request.domain()
        + " and its subdomains for "
        + (scope.value() == null ? "the whole classroom" : scope.kind() + " " + scope.value())
        + "\nfrom "
        + request.start()
        + " until "
        + request.expiry()
        + "\ncategories: "
        + (request.categories().isEmpty() ? "(none)" : String.join(", ", request.categories()))
        + " (risk "
        + approval.risk()
        + ")\nrequested by "
        + request.requestedBy()
        + "\napproved by "
        + approval.approvedBy()
        + " at "
        + approval.approvedAt();
  }
}
