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
}
