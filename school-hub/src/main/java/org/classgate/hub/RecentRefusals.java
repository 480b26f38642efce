package org.classgate.hub;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.tinylog.TaggedLogger;

/**
 * Logs every refusal with its box and reason, and keeps the latest few in memory for the hub's
 * views and for tests. Thread-safe.
 */
public final class RecentRefusals {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("hub");

  private final int capacity;
  private final Deque<Refusal> recent = new ArrayDeque<>();
  private long total;

  public RecentRefusals(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("capacity must be positive: " + capacity);
    }
    this.capacity = capacity;
  }

  /** Logs {@code refusal} at WARN and remembers it. */
  public void add(Refusal refusal) {
    LOG.warn(
        "refused {} from box {}: {}",
        refusal.reason(),
        refusal.box() == null ? "(unknown)" : refusal.box(),
        refusal.detail());
    synchronized (this) {
      if (recent.size() == capacity) {
        recent.removeFirst();
      }
      recent.addLast(refusal);
      total++;
    }
  }

  /** The latest refusals, oldest first. */
  public synchronized List<Refusal> latest() {
    return new ArrayList<>(recent);
  }

  /** Refusals since the hub started. */
  public synchronized long total() {
    return total;
  }
}
