package org.classgate.console;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The filter's lists as the dashboard shows them: what is in force, how old each source is and how
 * its last update went. Immutable.
 *
 * @param built when the sets in force were built; non-null
 * @param domains entries of the category lists in force
 * @param locked entries of the locked lists in force
 * @param sources every configured source, in configuration order
 * @param problems what is wrong with the lists now (failed downloads, a failed rebuild)
 */
public record FilterStatus(
    Instant built, long domains, long locked, List<Source> sources, List<String> problems) {
  public FilterStatus {
    Objects.requireNonNull(built, "built");
    sources = List.copyOf(sources);
    problems = List.copyOf(problems);
  }

  /**
   * One list source.
   *
   * @param list the category or locked list it feeds
   * @param locked whether it feeds a locked list
   * @param source the source as configured
   * @param state what the filter has from it, e.g. {@code LOADED}
   * @param entries entries loaded from it; -1 if nothing was loaded
   * @param modified when its content last changed (file or download), or null if unknown
   * @param fetched when its download was last fetched, or null for a file
   * @param lastFetch the last download attempt's result, or null for a file
   */
  public record Source(
      String list,
      boolean locked,
      String source,
      String state,
      long entries,
      Instant modified,
      Instant fetched,
      String lastFetch) {}
}
