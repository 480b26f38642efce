package org.classgate.incidents;

import java.time.Instant;
import java.util.List;
import org.classgate.store.StoreException;

/** Where alerts are kept and queued for the hub. Implementations are thread-safe. */
public interface AlertStore {
  /** Stores {@code alerts} in one transaction, queued (not yet sent). */
  void add(List<Alert> alerts) throws StoreException;

  /** Alerts stamped with a wall time in {@code [from, to)}, oldest first. */
  List<Alert> between(Instant from, Instant to) throws StoreException;

  /** How many alerts still wait to be sent to the hub. */
  int unsent() throws StoreException;
}
