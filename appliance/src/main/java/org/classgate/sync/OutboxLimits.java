package org.classgate.sync;

/**
 * How much the outbox may hold while the hub is out of reach.
 *
 * @param maxQueuedBytes payload bytes queued before droppable records (activity summaries, then
 *     health reports) are dropped, oldest first; records that are never dropped are still accepted
 *     beyond it
 * @param maxRecordBytes the largest single payload accepted; larger is a programming error
 */
public record OutboxLimits(long maxQueuedBytes, int maxRecordBytes) {
  /** 256 MiB queued (weeks of a classroom's summaries), 1 MiB per record. */
  public static final OutboxLimits DEFAULT = new OutboxLimits(256L << 20, 1 << 20);

  public OutboxLimits {
    if (maxQueuedBytes < 1 || maxRecordBytes < 1) {
      throw new IllegalArgumentException(
          "outbox limits must be positive: " + maxQueuedBytes + ", " + maxRecordBytes);
    }
  }
}
