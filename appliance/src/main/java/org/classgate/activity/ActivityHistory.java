package org.classgate.activity;

import java.time.Instant;
import java.util.List;

/**
 * The classroom's recent DNS decisions, for incident snapshots and the live class view.
 * Implementations are thread-safe and answer from memory.
 */
public interface ActivityHistory {
  /** Every decision recorded at or after {@code from}, oldest first; never null. */
  List<ActivityEntry> since(Instant from);
}
