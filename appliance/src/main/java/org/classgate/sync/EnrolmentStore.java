package org.classgate.sync;

import java.util.Optional;
import org.classgate.store.StoreException;

/** Where the box keeps its {@link Enrolment} (one row). Implementations are thread-safe. */
public interface EnrolmentStore {
  /** The saved enrolment, if any. */
  Optional<Enrolment> load() throws StoreException;

  /** Replaces the saved enrolment. */
  void save(Enrolment enrolment) throws StoreException;
}
