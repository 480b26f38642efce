package org.classgate.filter.changelog;

import java.util.List;
import org.classgate.store.StoreException;

/**
 * The filtering change-control log the school policy asks for ("changes to the school filtering
 * service must be logged in change control logs"; the logs are reviewed by the Online Safety Group
 * and Governor and made available to the police on request). Append-only and tamper-evident through
 * {@link ChangeChain}. Implementations are thread-safe.
 */
public interface ChangeLog {
  /**
   * Appends {@code entry} durably and returns it with its id and chain hash.
   *
   * @throws StoreException if it could not be written; nothing was appended then
   */
  LoggedChange append(ChangeEntry entry) throws StoreException;

  /**
   * Up to {@code limit} rows with ids greater than {@code afterId}, in id order (0 reads from the
   * start), for review screens and for syncing to the hub.
   *
   * @throws StoreException if the log cannot be read, or a row in the range cannot be decoded
   */
  List<LoggedChange> read(long afterId, int limit) throws StoreException;

  /**
   * Walks the whole chain and reports the first broken row, or that it is intact with its row count
   * and head hash. Never throws because of tampered content: that is what it reports.
   *
   * @throws StoreException only if the database itself cannot be read
   */
  ChainVerification verify() throws StoreException;
}
