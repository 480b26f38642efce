package org.classgate.activity;

import java.time.LocalDate;
import java.time.ZoneId;
import java.time.zone.ZoneRules;
import java.util.HashMap;
import java.util.Map;
import org.classgate.dns.Outcome;

/**
 * Counts decisions per (day, device, category, outcome) for the daily statistics, which outlive the
 * raw rows. A decision blocked by two categories counts once under each; one blocked by none counts
 * under the empty category. Days are local days in the configured zone. Not thread-safe: one per
 * batch.
 */
public final class DailyTally {
  /** One statistics key. {@code device} is the device id, or the client address if unknown. */
  public record Key(LocalDate day, String device, String category, Outcome outcome) {}

  private final ZoneRules zone;
  private final Map<Key, Long> counts = new HashMap<>();

  public DailyTally(ZoneId zone) {
    this.zone = zone.getRules();
  }

  /**
   * Counts one decision.
   *
   * @param categories comma-separated category names, empty for none
   */
  public void add(long wallMillis, String device, String categories, Outcome outcome) {
    LocalDate day = day(wallMillis);
    if (categories.isEmpty()) {
      counts.merge(new Key(day, device, "", outcome), 1L, Long::sum);
      return;
    }
    int start = 0;
    while (start <= categories.length()) {
      int comma = categories.indexOf(',', start);
      int end = comma < 0 ? categories.length() : comma;
      counts.merge(new Key(day, device, categories.substring(start, end), outcome), 1L, Long::sum);
      start = end + 1;
    }
  }

  private LocalDate day(long wallMillis) {
    long seconds = Math.floorDiv(wallMillis, 1000L);
    int offset = zone.getOffset(java.time.Instant.ofEpochSecond(seconds)).getTotalSeconds();
    return LocalDate.ofEpochDay(Math.floorDiv(seconds + offset, 86_400L));
  }

  /** The counts so far; the map is live, not a copy. */
  public Map<Key, Long> counts() {
    return counts;
  }
}
