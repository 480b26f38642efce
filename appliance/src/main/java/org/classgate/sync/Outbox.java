package org.classgate.sync;

import java.util.List;
import org.classgate.store.StoreException;

/**
 * The sender's side of the outbox: what to send next and what the hub has acknowledged. (Records
 * are added by the capability that owns them, inside its own transaction, through the store
 * adapter.) Implementations are thread-safe.
 */
public interface Outbox {
  /**
   * The records after {@code afterSequence} (and after the acknowledged ones), in sequence order:
   * at most {@code maxRecords}, and no more than {@code maxBytes} of payload and framing, except
   * that a single record larger than that still comes alone, so nothing can block the queue. Empty
   * if nothing is waiting.
   */
  List<SyncRecord> nextBatch(long afterSequence, int maxRecords, int maxBytes)
      throws StoreException;

  /**
   * The hub holds every record up to {@code sequence}: prune them. An acknowledgement older than
   * the last one is ignored (acknowledgements can arrive out of order).
   *
   * @return whether anything was pruned
   * @throws StoreException also when {@code sequence} was never assigned: the hub and the box
   *     disagree (a restored backup of one of them?) and pruning would lose records
   */
  boolean acknowledge(long sequence) throws StoreException;

  OutboxStatus status() throws StoreException;
}
