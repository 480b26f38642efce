package org.classgate.incidents;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.classgate.store.StoreException;
import org.classgate.time.Stamp;

/** Where alerts are kept and queued for the hub. Implementations are thread-safe. */
public interface AlertStore {
  /** Stores {@code alerts} in one transaction, queued (not yet sent). */
  void add(List<Alert> alerts) throws StoreException;

  /** Alerts stamped with a wall time in {@code [from, to)}, oldest first. */
  List<Alert> between(Instant from, Instant to) throws StoreException;

  /** How many alerts still wait to be sent to the hub. */
  int unsent() throws StoreException;

  /** The newest {@code limit} alerts, newest first: only open ones unless {@code withHandled}. */
  List<StoredAlert> recent(boolean withHandled, int limit) throws StoreException;

  /** Alert {@code id} with its handling, or empty if there is no such alert. */
  Optional<StoredAlert> find(long id) throws StoreException;

  /**
   * Records that {@code byWhom} handled alert {@code id}, durably, only if it is still open.
   *
   * @return false if there is no such open alert (nothing is changed)
   */
  boolean handle(long id, AlertHandling handling, String byWhom, Stamp stamp) throws StoreException;
}
