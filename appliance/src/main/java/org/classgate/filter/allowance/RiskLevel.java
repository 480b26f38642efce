package org.classgate.filter.allowance;

/** How risky the categories an allowance would unblock are (see {@link ApprovalRules}). */
public enum RiskLevel {
  /** No category is high-risk: a teacher may approve a short allowance for their own request. */
  LOW,
  /** At least one category is high-risk: only the Online Safety Officer or Headteacher approve. */
  HIGH
}
