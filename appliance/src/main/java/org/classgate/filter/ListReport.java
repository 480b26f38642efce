package org.classgate.filter;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * What loading one list source produced. Immutable.
 *
 * @param source the file actually read (for a UT1 directory, its {@code domains} file), or {@code
 *     classpath:…} for a built-in resource
 * @param entries names added to the domain set (a name repeated in the file counts each time)
 * @param exceptions Adblock-style {@code @@} exceptions added to the category's exceptions
 * @param skipped how many lines or names were skipped, per reason; every reason is present, most
 *     with 0
 * @param modified the file's last-modified time; null for a classpath resource
 */
public record ListReport(
    String source, long entries, long exceptions, Map<SkipReason, Long> skipped, Instant modified) {
  /** A report of a source without exceptions. */
  public ListReport(String source, long entries, Map<SkipReason, Long> skipped, Instant modified) {
    this(source, entries, 0, skipped, modified);
  }

  public ListReport {
    EnumMap<SkipReason, Long> all = new EnumMap<>(SkipReason.class);
    for (SkipReason reason : SkipReason.values()) {
      all.put(reason, skipped.getOrDefault(reason, 0L));
    }
    skipped = Collections.unmodifiableMap(all);
  }

  /** Skips of one reason. */
  public long skipped(SkipReason reason) {
    return skipped.get(reason);
  }

  /** Skips of every reason together. */
  public long skippedTotal() {
    long total = 0;
    for (long count : skipped.values()) {
      total += count;
    }
    return total;
  }

  /**
   * One line for the log, e.g. {@code 32233 entries, 14 skipped (ADDRESS 14), modified
   * 2026-08-17T10:00:00Z}.
   */
  public String summary() {
    StringBuilder text = new StringBuilder().append(entries).append(" entries, ");
    if (exceptions > 0) {
      text.append(exceptions).append(" exceptions, ");
    }
    text.append(skippedTotal()).append(" skipped");
    StringBuilder reasons = new StringBuilder();
    skipped.forEach(
        (reason, count) -> {
          if (count > 0) {
            reasons
                .append(reasons.length() == 0 ? "" : ", ")
                .append(reason)
                .append(' ')
                .append(count);
          }
        });
    if (reasons.length() > 0) {
      text.append(" (").append(reasons).append(')');
    }
    if (modified != null) {
      text.append(", modified ").append(modified);
    }
    return text.toString();
  }
}
