package org.classgate.console.auth;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.classgate.store.StoreException;

/**
 * Where accounts, their password history and the login record live. Each method is atomic.
 * Implementations are thread-safe. User names are matched ignoring case.
 */
public interface AccountStore {
  /** Whether any account exists (the first-run setup is offered only while none does). */
  boolean anyAccount() throws StoreException;

  /**
   * Creates the account and records its hash in the history; if {@code onlyIfFirst}, only when no
   * account exists yet (atomically: two setup requests cannot both succeed).
   *
   * @return false if the name is taken, or {@code onlyIfFirst} and an account exists
   */
  boolean create(Account account, boolean onlyIfFirst, LoginEvent event) throws StoreException;

  Optional<Account> find(String name) throws StoreException;

  List<Account> all() throws StoreException;

  /** The most recent {@code count} password hashes of {@code name}, newest first. */
  List<String> recentHashes(String name, int count) throws StoreException;

  /** Sets a new password (added to the history), clears failures, and records {@code event}. */
  void setPassword(String name, String hash, boolean temporary, Instant at, LoginEvent event)
      throws StoreException;

  /**
   * Counts a failed attempt and records {@code event}; locks the account when the count reaches
   * {@code lockAt}, recording a lockout event too.
   *
   * @return the account after the change
   */
  Account recordFailure(String name, int lockAt, LoginEvent event) throws StoreException;

  /** Clears failures and the lock, with the success or unlock {@code event}. */
  void clearFailures(String name, LoginEvent event) throws StoreException;

  /** Enrols (or replaces) the TOTP secret, recording the step used to confirm it. */
  void setTotp(String name, String secret, long step, LoginEvent event) throws StoreException;

  /** Records the TOTP step just used, so it cannot be used again. */
  void useTotpStep(String name, long step) throws StoreException;

  /** Adds one line to the login record. */
  void log(LoginEvent event) throws StoreException;

  /** The newest {@code limit} login events, newest first. */
  List<LoginEvent> recentEvents(int limit) throws StoreException;
}
