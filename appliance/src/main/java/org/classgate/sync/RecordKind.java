package org.classgate.sync;

import java.util.Optional;

/**
 * What a synced record is. The code is the record's kind on the wire and in the outbox table:
 * append-only, a code is never reused. Records that the school must have (incidents, alerts, change
 * logs, device changes) are never dropped; when the outbox is full, droppable kinds go, the lowest
 * {@link #dropOrder} first and the oldest first within a kind.
 */
public enum RecordKind {
  /**
   * A report-button press or a staff-logged incident, with its activity snapshot. Never dropped.
   */
  INCIDENT(1, 0),
  /** An alert for the Designated Safeguarding Lead. Never dropped. */
  ALERT(2, 0),
  /** A change-control log entry (who changed what, why, until when). Never dropped. */
  CHANGE_LOG(3, 0),
  /** A device registry change (joined, approved, class changed, removed). Never dropped. */
  DEVICE_CHANGE(4, 0),
  /** A periodic health report; the next one supersedes it. Dropped after activity summaries. */
  HEALTH(5, 2),
  /** A pseudonymised activity summary: the first to go when the outbox is full. */
  ACTIVITY_SUMMARY(6, 1);

  private final int code;
  private final int dropOrder;

  RecordKind(int code, int dropOrder) {
    this.code = code;
    this.dropOrder = dropOrder;
  }

  /** The kind's code on the wire and in the database (1–255). */
  public int code() {
    return code;
  }

  /** Whether the outbox may drop records of this kind when it is full. */
  public boolean droppable() {
    return dropOrder > 0;
  }

  /** For droppable kinds, the order in which kinds are dropped (1 first); 0 if never dropped. */
  public int dropOrder() {
    return dropOrder;
  }

  /** The kind with {@code code}, if there is one. */
  public static Optional<RecordKind> ofCode(int code) {
    for (RecordKind kind : values()) {
      if (kind.code == code) {
        return Optional.of(kind);
      }
    }
    return Optional.empty();
  }
}
