package org.classgate.app;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.ListSource;
import org.classgate.filter.Categories;
import org.classgate.filter.DomainSet;
import org.classgate.filter.ListLoadException;
import org.classgate.filter.ListLoader;
import org.classgate.filter.ListReport;
import org.classgate.filter.LockedCopies;
import org.classgate.filter.sources.FetchResult;
import org.tinylog.TaggedLogger;

/**
 * The locked-list part of a {@link ListBuild}: every locked source is loaded (exceptions ignored:
 * nothing unlocks locked content), a good one's copy is kept in {@code data.dir/locked}, and one
 * that cannot be used (missing, unreadable, no valid domain, a download with no copy) is replaced
 * by its last good copy, loudly. With no last good copy either the build fails: the box never
 * filters without a locked list.
 */
final class LockedBuild {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("filter");

  /** Finds a source's content on disk (see {@link ListBuild#local}). */
  interface Locator {
    ListBuild.Local local(ListSource source, Map<URI, FetchResult> fetched);
  }

  private final ApplianceConfig config;
  private final Categories categories;
  private final ListLoader loader;
  private final LockedCopies copies;
  private final Locator locator;

  LockedBuild(
      ApplianceConfig config,
      Categories categories,
      ListLoader loader,
      LockedCopies copies,
      Locator locator) {
    this.config = config;
    this.categories = categories;
    this.loader = loader;
    this.copies = copies;
    this.locator = locator;
  }

  /** Builds the locked set, adding a report per source and any problem. */
  DomainSet build(
      Map<URI, FetchResult> fetched,
      List<SourceReport> reports,
      List<String> problems,
      Map<Path, FileStamp> stamps)
      throws ListLoadException {
    DomainSet.Builder builder = new DomainSet.Builder();
    // First: copies of locked lists the configuration no longer names stay enforced.
    LockedOrphans.enforce(
        LockedOrphans.find(config, copies), categories, loader, builder, problems);
    for (Map.Entry<String, List<ListSource>> list : config.locked().entrySet()) {
      String name = list.getKey();
      int mask = categories.bit(name);
      List<ListSource> sources = list.getValue();
      for (int index = 0; index < sources.size(); index++) {
        ListSource source = sources.get(index);
        ListBuild.Local local = locator.local(source, fetched);
        String failure;
        if (local.file() == null) {
          failure = "no downloaded copy (" + local.lastFetch() + ")";
        } else {
          Path stamped = ListBuild.stampedFile(local.file());
          stamps.put(stamped, FileStamp.of(stamped));
          try {
            ListReport report = loader.load(local.file(), mask, builder);
            if (report.entries() > 0) {
              keepCopy(name, index, Path.of(report.source()), problems);
              reports.add(
                  ListBuild.report(name, true, source, SourceReport.State.LOADED, report, local));
              continue;
            }
            failure = "it has no valid domains";
          } catch (ListLoadException e) {
            failure = e.getMessage();
          }
        }
        // A partial read may have added names already: harmless, they are on the locked list.
        String unusable = "locked list '" + name + "' source " + source + " cannot be used";
        Optional<Path> copy = copies.lastGood(name, index);
        if (copy.isEmpty()) {
          throw new ListLoadException(
              unusable
                  + " ("
                  + failure
                  + ") and there is no last good copy: refusing to filter without it");
        }
        String problem =
            unusable + " (" + failure + "); enforcing its last good copy " + copy.get();
        LOG.error(problem);
        problems.add(problem);
        ListReport report = loader.load(copy.get(), mask, builder);
        reports.add(
            ListBuild.report(name, true, source, SourceReport.State.LAST_GOOD_COPY, report, local));
      }
    }
    return builder.build();
  }

  private void keepCopy(String name, int index, Path loaded, List<String> problems) {
    try {
      copies.keep(name, index, loaded);
    } catch (IOException e) {
      String problem = "cannot keep a copy of locked list '" + name + "': " + e.getMessage();
      LOG.error(problem);
      problems.add(problem);
    }
  }
}
