package org.classgate.activity;

import java.time.Instant;
import java.util.List;

/**
 * Recent DNS decisions of the classroom, e.g. for the snapshot an incident takes when the report
 * button is pressed, and for the live class view. Implementations are thread-safe and answer from
 * memory without blocking the DNS path.
 */
public interface ActivityHistory {
  /**
   * Every decision still held that was made at or after {@code from}, oldest first. Holds a bounded
   * number of entries: a very busy box may have forgotten some of the oldest in the window.
   */
  List<ActivityEntry> since(Instant from);
}
