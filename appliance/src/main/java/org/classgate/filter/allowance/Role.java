package org.classgate.filter.allowance;

/**
 * The roles that matter for approving allowances, from the school policy: "Requests from staff for
 * sites to be removed from the filtered list will be considered by the Online Safety Officer and
 * Headteacher".
 */
public enum Role {
  /** A member of teaching staff: may request allowances, and approve their own on the fast path. */
  TEACHER,
  /** The Online Safety Officer (e-safety co-ordinator): approves requests. */
  ONLINE_SAFETY_OFFICER,
  /** The Headteacher (or the nominated senior leader): approves requests. */
  HEADTEACHER,
  /**
   * The Designated Safeguarding Lead: the policy does not name them as an approver of filtering
   * changes, so, like a teacher, they approve only their own short low-risk allowances.
   */
  DSL,
  /**
   * The network technician: runs the filtering but, by the policy's checks and balances, does not
   * approve unblocks beyond a teacher's fast path.
   */
  TECHNICIAN;

  /** True for the roles the policy names as approvers of filtering changes. */
  public boolean approvesRequests() {
    return this == ONLINE_SAFETY_OFFICER || this == HEADTEACHER;
  }
}
