package org.classgate.console;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
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

  /** The request with {@code id}, open or closed. */
  Optional<UnblockRequest> find(long id) throws StoreException;

  /**
   * Closes an open request: granted (with the allowance made for it) or refused (with the reason
   * given). Closing records who closed it, when and why, on the request itself.
   *
   * @param granted true for granted, false for refused
   * @param by who closed it; non-blank
   * @param reason why; non-blank
   * @param allowanceId the allowance made for a granted request; null when refused
   * @return false if the request is not open (closed by someone else meanwhile, or no such id)
   */
  boolean close(long id, boolean granted, String by, String reason, Instant at, Long allowanceId)
      throws StoreException;
}
