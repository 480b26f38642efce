package org.classgate.app;

import java.time.Instant;
import org.classgate.filter.ListReport;

/**
 * The state of one configured list source after a build, for {@code classgate policy sources} and
 * the problems list. Immutable.
 *
 * @param list the category or locked list it feeds
 * @param locked true for a locked list's source
 * @param source the source as configured (path, URL, {@code ARCHIVE#CATEGORY})
 * @param state what the filter has from it
 * @param report what loading it produced; null when nothing was loaded
 * @param fetched when its downloaded copy was fetched; null for a source on disk
 * @param lastFetch the last download attempt's result; null for a source on disk
 */
record SourceReport(
    String list,
    boolean locked,
    String source,
    State state,
    ListReport report,
    Instant fetched,
    String lastFetch) {
  /** What the filter has from a source. */
  enum State {
    /** Loaded from the source (or its downloaded copy). */
    LOADED,
    /** A locked source that could not be used: its last good copy is enforced. */
    LAST_GOOD_COPY,
    /** Nothing: a download with no copy yet, or a copy that cannot be read. */
    NOT_LOADED,
    /** A category directory the archive does not have. */
    ABSENT
  }

  SourceReport withFetch(Instant fetched, String lastFetch) {
    return new SourceReport(list, locked, source, state, report, fetched, lastFetch);
  }
}
