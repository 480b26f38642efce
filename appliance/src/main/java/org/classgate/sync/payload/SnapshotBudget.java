package org.classgate.sync.payload;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses which snapshot entries of an incident fit its payload. Ten minutes of a busy classroom
 * (thirty devices, a few thousand queries) fit whole; beyond the budget, the decisions that tell
 * the story (blocked, locked, SafeSearch, unblocked …) are kept before plain allowed ones, and
 * within each group the newest (the moments before the press) before older ones. The kept entries
 * stay in time order. Stateless and thread-safe.
 */
final class SnapshotBudget {
  /** Bytes kept back for the omitted count's digits and rounding. */
  static final int SLACK = 64;

  /** Outcomes that only say a name resolved: the first to go when the snapshot must shrink. */
  private static final Set<String> ROUTINE = Set.of("ALLOWED", "CACHED", "STALE");

  private SnapshotBudget() {}

  /**
   * The entries of {@code json} (the encodings of {@code items}, same order) that fit {@code
   * budget} bytes of JSON array content, in their original order.
   */
  static List<Map<String, Object>> select(
      List<IncidentPayload.SnapshotItem> items, List<Map<String, Object>> json, int budget) {
    int[] sizes = new int[json.size()];
    long total = 0;
    for (int i = 0; i < sizes.length; i++) {
      // Each entry costs its own bytes and a separating comma.
      sizes[i] = Json.write(json.get(i)).length + 1;
      total += sizes[i];
    }
    if (total <= budget) {
      return json;
    }
    boolean[] keep = new boolean[sizes.length];
    long used = 0;
    for (boolean routinePass : new boolean[] {false, true}) {
      for (int i = sizes.length - 1; i >= 0; i--) {
        boolean routine = ROUTINE.contains(items.get(i).outcome());
        if (routine == routinePass && used + sizes[i] <= budget) {
          keep[i] = true;
          used += sizes[i];
        }
      }
    }
    List<Map<String, Object>> kept = new ArrayList<>();
    for (int i = 0; i < keep.length; i++) {
      if (keep[i]) {
        kept.add(json.get(i));
      }
    }
    return kept;
  }
}
