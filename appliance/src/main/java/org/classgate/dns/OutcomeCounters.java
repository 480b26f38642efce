package org.classgate.dns;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts every query by outcome since start, including those refused or dropped before the activity
 * log sees them. Thread-safe and allocation-free on the hot path.
 */
public final class OutcomeCounters {
  private final LongAdder[] counts = new LongAdder[Outcome.values().length];

  public OutcomeCounters() {
    for (int i = 0; i < counts.length; i++) {
      counts[i] = new LongAdder();
    }
  }

  public void count(Outcome outcome) {
    counts[outcome.ordinal()].increment();
  }

  public long get(Outcome outcome) {
    return counts[outcome.ordinal()].sum();
  }

  /** A snapshot of the non-zero counts, in enum order. */
  public Map<Outcome, Long> snapshot() {
    Map<Outcome, Long> snapshot = new EnumMap<>(Outcome.class);
    for (Outcome outcome : Outcome.values()) {
      long value = counts[outcome.ordinal()].sum();
      if (value > 0) {
        snapshot.put(outcome, value);
      }
    }
    return snapshot;
  }
}
