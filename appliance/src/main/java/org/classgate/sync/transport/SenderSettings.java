package org.classgate.sync.transport;

import java.time.Duration;

/**
 * How the sender batches, waits and backs off. Immutable.
 *
 * @param batchRecords the most records per envelope
 * @param batchBytes the most payload bytes per envelope (a larger single record still goes alone)
 * @param backoffBase the first retry's delay ceiling
 * @param backoffCap the largest delay ceiling
 * @param idlePoll how long to wait with nothing to send before looking again (a wake cuts it)
 * @param enrolmentPoll how often to ask the hub whether a pending enrolment was approved
 * @param unreachableAfter how long without an answer from the hub before health shows a problem
 */
public record SenderSettings(
    int batchRecords,
    int batchBytes,
    Duration backoffBase,
    Duration backoffCap,
    Duration idlePoll,
    Duration enrolmentPoll,
    Duration unreachableAfter) {
  /** 2,000 records or 4 MiB per envelope; back-off from 1 s to 5 min; 1 h before a problem. */
  public static final SenderSettings DEFAULT =
      new SenderSettings(
          2000,
          4 << 20,
          Duration.ofSeconds(1),
          Duration.ofMinutes(5),
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofHours(1));

  public SenderSettings {
    if (batchRecords < 1 || batchBytes < 1) {
      throw new IllegalArgumentException("batch limits must be positive");
    }
  }
}
