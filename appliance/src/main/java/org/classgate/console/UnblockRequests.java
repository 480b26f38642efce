package org.classgate.console;

import java.time.Instant;
import java.util.List;
import org.classgate.store.StoreException;

/** Where unblock requests from the block page are kept. Thread-safe implementations. */
public interface UnblockRequests {
  /**
   * Records a request, unless the same device already has an open one for the same site.
   *
   * @return whether a new request was recorded
   */
  boolean add(Instant at, String host, String category, String client) throws StoreException;

  /** The newest {@code limit} open requests, newest first. */
  List<UnblockRequest> open(int limit) throws StoreException;
}
