package org.classgate.filter.allowance;

import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.classgate.dns.wire.Name;
import org.classgate.store.StoreException;

/**
 * Where allowances live, with every change recorded in the change-control log in the same
 * transaction as the change itself: there is never an allowance without its log row, nor a log row
 * for a change that did not happen. Implementations are thread-safe.
 */
public interface AllowanceStore {
  /**
   * Approves {@code request} ({@link Allowances#approve}) and, if approved, stores it together with
   * its change-log row.
   *
   * @throws AllowanceRefused if it is not approved; nothing is stored or logged then
   * @throws StoreException if it could not be stored; nothing is stored or logged then
   */
  Allowance create(AllowanceRequest request, Person approver, Predicate<Name> isLocked)
      throws AllowanceRefused, StoreException;

  /**
   * Ends allowance {@code id} early and logs who did it and why. Anyone may revoke: it only ever
   * makes filtering stricter.
   *
   * @param reason non-blank audit text
   * @return the revoked allowance, or empty if there is no such allowance still in force (never
   *     created, already revoked or already expired)
   */
  Optional<Allowance> revoke(long id, Person by, String reason) throws StoreException;

  /**
   * Housekeeping: marks every allowance whose expiry has passed as expired, logging each.
   *
   * @return the allowances that expired now, by id
   */
  List<Allowance> expire() throws StoreException;

  /** The allowances neither revoked nor expired (including any not started yet), by id. */
  List<Allowance> active() throws StoreException;

  /** A DNS snapshot of {@link #active()} that never allows a name {@code isLocked} accepts. */
  AllowanceSet snapshot(Predicate<Name> isLocked) throws StoreException;
}
