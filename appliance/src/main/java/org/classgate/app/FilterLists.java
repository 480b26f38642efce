package org.classgate.app;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.ListSource;
import org.classgate.app.config.ProfileConfig;
import org.classgate.app.config.ProfileConfig.SafeSearchLevel;
import org.classgate.dns.Profile;
import org.classgate.filter.Categories;
import org.classgate.filter.DomainSet;
import org.classgate.filter.ListLoadException;
import org.classgate.filter.LockedCopies;
import org.classgate.filter.SafeSearchRules;
import org.classgate.filter.schedule.ProfileSchedule;
import org.classgate.filter.sources.Download;
import org.classgate.filter.sources.DownloadCache;
import org.classgate.filter.sources.FetchResult;
import org.classgate.filter.sources.SourceDownloader;
import org.tinylog.TaggedLogger;

/**
 * Turns the configured lists, locked lists and profiles into the filter's categories, domain sets
 * and profiles. The sets are the current {@link ListSnapshot}, which a list update replaces whole
 * ({@link #swap}); the categories, profiles and SafeSearch rules come from the configuration and
 * never change while the box runs.
 *
 * <p>Thread-safe: the snapshot is an {@link AtomicReference}, read once per query by the chain.
 */
final class FilterLists {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("filter");

  private final Categories categories;
  private final AtomicReference<ListSnapshot> current;
  private final Map<String, ProfileSchedule> profiles;
  private final Map<String, SafeSearchRules> safeSearch;

  private FilterLists(
      Categories categories,
      ListSnapshot snapshot,
      Map<String, ProfileSchedule> profiles,
      Map<String, SafeSearchRules> safeSearch) {
    this.categories = categories;
    this.current = new AtomicReference<>(snapshot);
    this.profiles = profiles;
    this.safeSearch = safeSearch;
  }

  /**
   * Loads every configured source from disk and the kept copies of downloads, without fetching
   * anything (for the policy command, which must not download).
   */
  static FilterLists load(ApplianceConfig config, LongSupplier nanoTime) throws ListLoadException {
    return load(config, Map.of(), Clock.systemUTC(), nanoTime);
  }

  /**
   * Loads every configured source. A category source on disk that cannot be read stops the start: a
   * box that silently filters less than it was told to is worse than one that says why it won't
   * start. A download with no copy yet is a problem, not a stop (see {@link ListBuild}). A locked
   * source that cannot be read is replaced by its last good copy, loudly; with no copy either, the
   * start stops.
   *
   * @param fetched the downloads fetched for this start, by URL (the others use their kept copy)
   */
  static FilterLists load(
      ApplianceConfig config, Map<URI, FetchResult> fetched, Clock clock, LongSupplier nanoTime)
      throws ListLoadException {
    Categories categories = categories(config);
    long started = nanoTime.getAsLong();
    ListSnapshot snapshot = builder(config, categories, clock).build(fetched, true, 0);
    LOG.info(
        "lists built in {} ms: {} blocked domains, {} locked",
        (nanoTime.getAsLong() - started) / 1_000_000,
        snapshot.domains().size(),
        snapshot.locked().size());
    Map<String, ProfileSchedule> profiles = new HashMap<>();
    Map<String, SafeSearchRules> safeSearch = new HashMap<>();
    Map<SafeSearchLevel, SafeSearchRules> rulesByLevel = new EnumMap<>(SafeSearchLevel.class);
    for (Map.Entry<String, ProfileConfig> entry : config.profiles().entrySet()) {
      ProfileConfig profile = entry.getValue();
      Map<String, Integer> blockedByPeriod = new HashMap<>();
      profile
          .blockedByPeriod()
          .forEach((period, blocked) -> blockedByPeriod.put(period, categories.mask(blocked)));
      profiles.put(
          entry.getKey(),
          new ProfileSchedule(
              entry.getKey(),
              config.timetable(),
              categories.mask(profile.blocked()),
              blockedByPeriod));
      safeSearch.put(
          entry.getKey(), rulesByLevel.computeIfAbsent(profile.safeSearch(), FilterLists::rules));
    }
    return new FilterLists(categories, snapshot, Map.copyOf(profiles), Map.copyOf(safeSearch));
  }

  /** The categories' bits: the lists in configuration order, then the locked lists. */
  static Categories categories(ApplianceConfig config) throws ListLoadException {
    List<String> names = new ArrayList<>(config.lists().keySet());
    names.addAll(config.locked().keySet());
    // Copies of locked lists the configuration no longer names stay enforced, under their name.
    LockedOrphans.addNames(
        LockedOrphans.find(config, new LockedCopies(lockedDirectory(config))), names);
    return Categories.of(names);
  }

  /** What builds this configuration's snapshots: at the start and at every update. */
  static ListBuild builder(ApplianceConfig config, Categories categories, Clock clock) {
    return new ListBuild(
        config,
        categories,
        new LockedCopies(lockedDirectory(config)),
        downloader(config, clock, System::nanoTime),
        clock);
  }

  /** The downloader of this configuration's list sources, keeping copies in data.dir/sources. */
  static SourceDownloader downloader(ApplianceConfig config, Clock clock, LongSupplier nanoTime) {
    return new SourceDownloader(
        new DownloadCache(config.dataDir().resolve("sources")),
        config.sources().downloads(),
        clock,
        nanoTime);
  }

  /** Every download the configuration uses, each once. */
  static List<Download> downloads(ApplianceConfig config) {
    Set<Download> downloads = new LinkedHashSet<>();
    for (Map<String, List<ListSource>> lists : List.of(config.lists(), config.locked())) {
      for (List<ListSource> sources : lists.values()) {
        for (ListSource source : sources) {
          if (source.download() != null) {
            downloads.add(source.download());
          }
        }
      }
    }
    return List.copyOf(downloads);
  }

  /** The current snapshot. */
  ListSnapshot snapshot() {
    return current.get();
  }

  /** Makes {@code next} the current snapshot, atomically. */
  void swap(ListSnapshot next) {
    current.set(next);
  }

  /** Each rule table is built once and shared by every profile at that level. */
  private static SafeSearchRules rules(SafeSearchLevel level) {
    return switch (level) {
      case OFF -> SafeSearchRules.NONE;
      case MODERATE -> SafeSearchRules.standard(SafeSearchRules.YouTubeMode.MODERATE);
      case STRICT -> SafeSearchRules.standard(SafeSearchRules.YouTubeMode.STRICT);
    };
  }

  /**
   * The SafeSearch rules of a profile; {@link SafeSearchRules#NONE} for one with SafeSearch off.
   * Never null for a configured profile.
   */
  SafeSearchRules safeSearchFor(Profile profile) {
    return Objects.requireNonNull(
        safeSearch.get(profile.name()), () -> "no SafeSearch rules for " + profile.name());
  }

  static Path lockedDirectory(ApplianceConfig config) {
    return config.dataDir().resolve("locked");
  }

  /** The current category set (with its exceptions). */
  DomainSet domains() {
    return current.get().domains();
  }

  /** The current locked set. */
  DomainSet locked() {
    return current.get().locked();
  }

  Categories categories() {
    return categories;
  }

  /** The names of the categories in {@code mask}. */
  List<String> categoryNames(int mask) {
    return categories.names(mask);
  }

  /** What is wrong with the lists now (e.g. a locked list running on its last good copy). */
  List<String> problems() {
    return current.get().problems();
  }

  /**
   * The named profile's schedule (what it blocks in each timetable period); the configuration has
   * already checked that it exists.
   */
  ProfileSchedule schedule(String name) {
    return profiles.get(name);
  }
}
