package org.classgate.app;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
import org.classgate.filter.UnsafeSearch;
import org.classgate.filter.sources.DownloadCache.CachedCopy;
import org.classgate.filter.sources.FetchResult;
import org.classgate.filter.sources.ListArchive;
import org.classgate.filter.sources.SourceDownloader;
import org.tinylog.TaggedLogger;

/**
 * Builds a {@link ListSnapshot} from every configured source: files and directories on disk,
 * built-in lists, downloaded copies, and archives (each read once for all the categories that use
 * it). Downloads are not fetched here: a build reads the copies the {@link SourceDownloader} keeps.
 *
 * <p>What a failure does: a locked source that cannot be used is replaced by its last good copy,
 * loudly, and with no copy the build fails (the box never filters without a locked list). A
 * download with no copy yet is reported as not loaded. Any other source that cannot be read fails
 * the build, so the caller keeps its current snapshot whole; only at the first start, when there is
 * nothing to keep, does a downloaded copy that cannot be read count as not loaded instead.
 *
 * <p>Not thread-safe: one build at a time (the updater's thread, or the start).
 */
final class ListBuild {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("filter");

  private final ApplianceConfig config;
  private final Categories categories;
  private final ListLoader loader = new ListLoader();
  private final LockedCopies copies;
  private final SourceDownloader downloader;
  private final Clock clock;

  ListBuild(
      ApplianceConfig config,
      Categories categories,
      LockedCopies copies,
      SourceDownloader downloader,
      Clock clock) {
    this.config = config;
    this.categories = categories;
    this.copies = copies;
    this.downloader = downloader;
    this.clock = clock;
  }

  /** An archive read once: its file, how reports name it, and the members wanted from it. */
  private record Archive(Path file, String label, Map<String, Integer> wanted) {}

  /** A source of {@code list} read from an archive, whose report goes to {@code index}. */
  private record Slot(String list, ListSource source, int index) {}

  /**
   * Builds a new snapshot.
   *
   * @param fetched the last fetch of each download by URL (missing: use the kept copy as is)
   * @param first true at the start, when there is no snapshot to keep
   * @param expectedDomains about how many distinct domains to expect (the current set's size), to
   *     size the new table once; 0 if unknown
   * @throws ListLoadException if a source cannot be read (see the class description)
   */
  ListSnapshot build(Map<URI, FetchResult> fetched, boolean first, int expectedDomains)
      throws ListLoadException {
    DomainSet.Builder builder =
        expectedDomains > 0 ? DomainSet.Builder.presized(expectedDomains) : new DomainSet.Builder();
    DomainSet.Builder exceptions = new DomainSet.Builder();
    List<SourceReport> reports = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    Map<Path, FileStamp> stamps = new HashMap<>();
    Map<Path, Archive> archives = new LinkedHashMap<>();
    List<Slot> archiveReports = new ArrayList<>();

    for (Map.Entry<String, List<ListSource>> list : config.lists().entrySet()) {
      int mask = categories.bit(list.getKey());
      for (ListSource source : list.getValue()) {
        Local local = local(source, fetched);
        if (local.file == null && source.kind() != ListSource.Kind.BUILT_IN) {
          String problem =
              "list '"
                  + list.getKey()
                  + "' source "
                  + source
                  + " has no copy yet ("
                  + local.lastFetch
                  + "): these names are not filtered until it arrives; retrying";
          problems.add(problem);
          reports.add(
              report(list.getKey(), false, source, SourceReport.State.NOT_LOADED, null, local));
          continue;
        }
        if (source.isArchive()) {
          stamps.put(local.file, FileStamp.of(local.file));
          archives
              .computeIfAbsent(
                  local.file, file -> new Archive(file, source.location(), new HashMap<>()))
              .wanted()
              .merge(source.member(), mask, (a, b) -> a | b);
          archiveReports.add(new Slot(list.getKey(), source, reports.size()));
          reports.add(null); // filled in once the archive is read
          continue;
        }
        ListReport report;
        try {
          if (source.kind() == ListSource.Kind.BUILT_IN) {
            report = loader.loadResource(builtInResource(source), mask, builder);
          } else {
            Path stamped = stampedFile(local.file);
            stamps.put(stamped, FileStamp.of(stamped));
            report = loader.load(local.file, mask, builder, exceptions);
          }
        } catch (ListLoadException e) {
          if (!first || source.kind() != ListSource.Kind.URL) {
            throw e;
          }
          problems.add("list '" + list.getKey() + "': " + e.getMessage());
          reports.add(
              report(list.getKey(), false, source, SourceReport.State.NOT_LOADED, null, local));
          continue;
        }
        reports.add(report(list.getKey(), false, source, SourceReport.State.LOADED, report, local));
      }
    }
    readArchives(archives, archiveReports, reports, problems, fetched, first, builder, exceptions);
    DomainSet domains = builder.build().withExceptions(exceptions.build());
    builder = null; // the scratch of the build may go before the locked lists are read
    DomainSet locked =
        new LockedBuild(config, categories, loader, copies, this::local)
            .build(fetched, reports, problems, stamps);
    LOG.info(
        "{} distinct blocked domains and {} exceptions in {} categories ({} KiB), {} locked",
        domains.size(),
        domains.exceptions().size(),
        config.lists().size(),
        domains.heapBytes() / 1024,
        locked.size());
    return new ListSnapshot(domains, locked, reports, problems, List.of(), stamps, clock.instant());
  }

  private void readArchives(
      Map<Path, Archive> archives,
      List<Slot> slots,
      List<SourceReport> reports,
      List<String> problems,
      Map<URI, FetchResult> fetched,
      boolean first,
      DomainSet.Builder builder,
      DomainSet.Builder exceptions)
      throws ListLoadException {
    Map<Path, Map<String, ListReport>> read = new HashMap<>();
    Map<Path, String> failed = new HashMap<>();
    for (Archive archive : archives.values()) {
      try {
        read.put(
            archive.file(),
            ListArchive.load(
                archive.file(), archive.label(), archive.wanted(), loader, builder, exceptions));
      } catch (ListLoadException e) {
        if (!first || !archive.label().startsWith("http")) {
          throw e;
        }
        failed.put(archive.file(), e.getMessage());
        problems.add(e.getMessage());
      }
    }
    for (Slot slot : slots) {
      ListSource source = slot.source();
      Local local = local(source, fetched);
      String list = slot.list();
      ListReport report = read.getOrDefault(local.file, Map.of()).get(source.member());
      SourceReport.State state;
      if (report != null) {
        state = SourceReport.State.LOADED;
      } else if (failed.containsKey(local.file)) {
        state = SourceReport.State.NOT_LOADED;
      } else {
        state = SourceReport.State.ABSENT;
        if (!source.optional()) {
          problems.add(
              "list '" + list + "' source " + source + ": the archive has no such category");
        }
      }
      reports.set(slot.index(), report(list, false, source, state, report, local));
    }
  }

  /** Where a source's content is on disk now, and what its last fetch said. */
  record Local(Path file, Instant fetched, String lastFetch) {}

  Local local(ListSource source, Map<URI, FetchResult> fetched) {
    if (source.kind() == ListSource.Kind.BUILT_IN) {
      return new Local(null, null, null);
    }
    if (source.kind() == ListSource.Kind.PATH) {
      return new Local(source.path(), null, null);
    }
    FetchResult result = fetched.get(source.download().uri());
    Optional<CachedCopy> copy =
        result != null ? Optional.ofNullable(result.copy()) : downloader.cached(source.download());
    String lastFetch = result != null ? result.detail() : "not fetched since the start";
    return new Local(
        copy.map(CachedCopy::file).orElse(null),
        copy.map(CachedCopy::fetched).orElse(null),
        lastFetch);
  }

  static SourceReport report(
      String list,
      boolean locked,
      ListSource source,
      SourceReport.State state,
      ListReport report,
      Local local) {
    return new SourceReport(
        list, locked, source.toString(), state, report, local.fetched(), local.lastFetch());
  }

  /** True if a file the snapshot read has changed since (or is gone). */
  static boolean changed(ListSnapshot snapshot) {
    for (Map.Entry<Path, FileStamp> stamp : snapshot.stamps().entrySet()) {
      if (!FileStamp.of(stamp.getKey()).equals(stamp.getValue())) {
        return true;
      }
    }
    return false;
  }

  /** The classpath resource behind a {@code builtin:} source; the config allows only these. */
  private static String builtInResource(ListSource source) {
    return switch (source.location()) {
      case "demo" -> ListLoader.DEMO_RESOURCE;
      case UnsafeSearch.CATEGORY -> UnsafeSearch.RESOURCE;
      default -> throw new IllegalStateException("no built-in list " + source);
    };
  }

  /** For a directory source, the stamp that matters is its {@code domains} file's. */
  static Path stampedFile(Path source) {
    Path domains = source.resolve("domains");
    return Files.isDirectory(source) ? domains : source;
  }
}
