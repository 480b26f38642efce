package org.classgate.activity;

/**
 * Receives the final outcome of every identified query. Called on the DNS hot path, from several
 * threads: implementations must be thread-safe, must not block and must not throw.
 */
@FunctionalInterface
public interface ActivityLog {
  void record(QueryRecord record);

  /** Records nothing: for a box whose activity logging is switched off, and for tests. */
  ActivityLog NONE = record -> {};

  /**
   * Both logs, {@code first} then {@code second}; {@link #NONE} when both are, so the chain can
   * still leave its recording stage out.
   */
  static ActivityLog both(ActivityLog first, ActivityLog second) {
    if (first == NONE) {
      return second;
    }
    if (second == NONE) {
      return first;
    }
    return record -> {
      first.record(record);
      second.record(record);
    };
  }
}
