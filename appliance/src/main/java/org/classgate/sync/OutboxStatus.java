package org.classgate.sync;

/**
 * The outbox at one moment, for the console, the health display and the hub's loss report.
 *
 * @param nextSequence the sequence the next record will get
 * @param acknowledged the hub holds every record up to this one (0: none yet)
 * @param queuedBytes payload bytes waiting (tombstones count 0)
 * @param droppedRecords records dropped to keep within the bound, ever
 * @param droppedBytes their payload bytes
 */
public record OutboxStatus(
    long nextSequence,
    long acknowledged,
    long queuedBytes,
    long droppedRecords,
    long droppedBytes) {
  /** Records assigned a sequence and not yet acknowledged (tombstones included). */
  public long queuedRecords() {
    return nextSequence - 1 - acknowledged;
  }
}
