/**
 * Temporary allowances: a domain and its subdomains unblocked for a profile, a device or the whole
 * classroom, from a start until an expiry, with a reason, a requester, an approver and the risk
 * level of what it unblocks (the school policy's temporary unblocks "for the period of study",
 * "auditable, with clear reasons").
 *
 * <ul>
 *   <li>{@link org.classgate.filter.allowance.Allowances} decides approval by the {@link
 *       org.classgate.filter.allowance.ApprovalRules} and refuses locked names;
 *   <li>{@link org.classgate.filter.allowance.AllowanceStore} records them with their change-log
 *       rows (SQLite adapter: {@code org.classgate.filter.store.SqliteAllowanceStore});
 *   <li>{@link org.classgate.filter.allowance.AllowanceSet} is the immutable, allocation-free
 *       snapshot the DNS path reads.
 * </ul>
 */
package org.classgate.filter.allowance;
