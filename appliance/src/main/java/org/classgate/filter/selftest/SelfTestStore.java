package org.classgate.filter.selftest;

import java.util.List;
import java.util.Optional;
import org.classgate.store.StoreException;
import org.classgate.time.Stamp;

/**
 * Where self-test runs are kept (the port; {@code filter.store.SqliteSelfTestStore} keeps them in
 * the box's database). Implementations are thread-safe.
 */
public interface SelfTestStore {
  /** Stores a run with its results in one transaction; returns it with its id. */
  SelfTestRun record(Stamp stamp, String by, List<SelfTestResult> results) throws StoreException;

  /** The newest runs first, at most {@code limit}, each with its results. */
  List<SelfTestRun> recent(int limit) throws StoreException;

  /** The newest run, if any. */
  default Optional<SelfTestRun> latest() throws StoreException {
    return recent(1).stream().findFirst();
  }
}
