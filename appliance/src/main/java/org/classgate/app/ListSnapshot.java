package org.classgate.app;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.classgate.filter.DomainSet;

/**
 * Everything the filter has from its list sources at one moment: the category set (with its
 * exceptions), the locked set, a report per source and what is wrong. Built off to the side by
 * {@link ListBuild} and swapped in whole, so a query sees one snapshot's sets or the next one's,
 * never a half-built one. Immutable.
 *
 * @param domains the category set, exceptions included; what {@code CategoryPolicy} reads
 * @param locked the locked (illegal-content) set
 * @param sources one report per configured source, in configuration order
 * @param buildProblems what was wrong when the sets were built
 * @param updateProblems what went wrong at the last update (failed downloads, a failed rebuild)
 * @param stamps every file on disk the build read, with its modification stamp, to tell changes
 * @param built when the sets were built
 */
record ListSnapshot(
    DomainSet domains,
    DomainSet locked,
    List<SourceReport> sources,
    List<String> buildProblems,
    List<String> updateProblems,
    Map<Path, FileStamp> stamps,
    Instant built) {
  ListSnapshot {
    sources = List.copyOf(sources);
    buildProblems = List.copyOf(buildProblems);
    updateProblems = List.copyOf(updateProblems);
    stamps = Map.copyOf(stamps);
  }

  /** Everything wrong now, for the health display; empty when all is well. */
  List<String> problems() {
    List<String> all = new ArrayList<>(buildProblems);
    all.addAll(updateProblems);
    return List.copyOf(all);
  }

  /** The same sets with new reports and update problems (an update that rebuilt nothing). */
  ListSnapshot withStatus(List<SourceReport> sources, List<String> updateProblems) {
    return new ListSnapshot(domains, locked, sources, buildProblems, updateProblems, stamps, built);
  }

  /** True if a source has nothing loaded (no copy of a download yet). */
  boolean missingSomething() {
    return sources.stream().anyMatch(s -> s.state() == SourceReport.State.NOT_LOADED);
  }
}
