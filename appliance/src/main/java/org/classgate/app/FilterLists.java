package org.classgate.app;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.ListSource;
import org.classgate.app.config.ProfileConfig;
import org.classgate.app.config.ProfileConfig.SafeSearchLevel;
import org.classgate.dns.Profile;
import org.classgate.filter.Categories;
import org.classgate.filter.DomainSet;
import org.classgate.filter.ListLoadException;
import org.classgate.filter.ListLoader;
import org.classgate.filter.ListReport;
import org.classgate.filter.LockedCopies;
import org.classgate.filter.SafeSearchRules;
import org.classgate.filter.UnsafeSearch;
import org.classgate.filter.schedule.ProfileSchedule;
import org.tinylog.TaggedLogger;

/**
 * Turns the configured lists, locked lists and profiles into the filter's categories, domain sets
 * and profiles.
 */
final class FilterLists {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("filter");

  private final Categories categories;
  private final DomainSet domains;
  private final DomainSet locked;
  private final Map<String, ProfileSchedule> profiles;
  private final Map<String, SafeSearchRules> safeSearch;
  private final List<String> problems;

  private FilterLists(
      Categories categories,
      DomainSet domains,
      DomainSet locked,
      Map<String, ProfileSchedule> profiles,
      Map<String, SafeSearchRules> safeSearch,
      List<String> problems) {
    this.categories = categories;
    this.domains = domains;
    this.locked = locked;
    this.profiles = profiles;
    this.safeSearch = safeSearch;
    this.problems = problems;
  }

  /**
   * Loads every configured source. A category source that cannot be read stops the start: a box
   * that silently filters less than it was told to is worse than one that says why it won't start.
   * A locked source that cannot be read is replaced by its last good copy, loudly; with no copy
   * either, the start stops.
   */
  static FilterLists load(ApplianceConfig config, LongSupplier nanoTime) throws ListLoadException {
    List<String> names = new ArrayList<>(config.lists().keySet());
    names.addAll(config.locked().keySet());
    LockedCopies copies = new LockedCopies(lockedDirectory(config));
    List<LockedCopies.Orphan> orphans = LockedOrphans.find(config, copies);
    LockedOrphans.addNames(orphans, names);
    Categories categories = Categories.of(names);
    ListLoader loader = new ListLoader();
    long started = nanoTime.getAsLong();

    DomainSet.Builder builder = new DomainSet.Builder();
    for (Map.Entry<String, List<ListSource>> list : config.lists().entrySet()) {
      int mask = categories.bit(list.getKey());
      for (ListSource source : list.getValue()) {
        // The loader logs each source's report (entries, skips by reason, age).
        if (source.kind() == ListSource.Kind.BUILT_IN) {
          loader.loadResource(builtInResource(source), mask, builder);
        } else {
          loader.load(source.path(), mask, builder);
        }
      }
    }
    DomainSet domains = builder.build();

    List<String> problems = new ArrayList<>();
    DomainSet locked = loadLocked(config, categories, loader, copies, orphans, problems);
    LOG.info(
        "{} distinct blocked domains in {} categories ({} KiB), {} locked, built in {} ms",
        domains.size(),
        config.lists().size(),
        domains.heapBytes() / 1024,
        locked.size(),
        (nanoTime.getAsLong() - started) / 1_000_000);
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
    return new FilterLists(
        categories,
        domains,
        locked,
        Map.copyOf(profiles),
        Map.copyOf(safeSearch),
        List.copyOf(problems));
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

  private static DomainSet loadLocked(
      ApplianceConfig config,
      Categories categories,
      ListLoader loader,
      LockedCopies copies,
      List<LockedCopies.Orphan> orphans,
      List<String> problems)
      throws ListLoadException {
    DomainSet.Builder builder = new DomainSet.Builder();
    // First: copies of locked lists the configuration no longer names stay enforced.
    LockedOrphans.enforce(orphans, categories, loader, builder, problems);
    for (Map.Entry<String, List<ListSource>> list : config.locked().entrySet()) {
      String name = list.getKey();
      int mask = categories.bit(name);
      List<ListSource> sources = list.getValue();
      for (int index = 0; index < sources.size(); index++) {
        ListSource source = sources.get(index);
        String failure;
        try {
          ListReport report = loader.load(source.path(), mask, builder);
          if (report.entries() > 0) {
            keepCopy(copies, name, index, Path.of(report.source()), problems);
            continue;
          }
          failure = "it has no valid domains";
        } catch (ListLoadException e) {
          failure = e.getMessage();
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
        loader.load(copy.get(), mask, builder);
      }
    }
    return builder.build();
  }

  private static void keepCopy(
      LockedCopies copies, String name, int index, Path loaded, List<String> problems) {
    try {
      copies.keep(name, index, loaded);
    } catch (IOException e) {
      String problem = "cannot keep a copy of locked list '" + name + "': " + e.getMessage();
      LOG.error(problem);
      problems.add(problem);
    }
  }

  DomainSet domains() {
    return domains;
  }

  DomainSet locked() {
    return locked;
  }

  Categories categories() {
    return categories;
  }

  /** The names of the categories in {@code mask}. */
  List<String> categoryNames(int mask) {
    return categories.names(mask);
  }

  /** What is wrong with the lists (e.g. a locked list running on its last good copy). */
  List<String> problems() {
    return problems;
  }

  /**
   * The named profile's schedule (what it blocks in each timetable period); the configuration has
   * already checked that it exists.
   */
  ProfileSchedule schedule(String name) {
    return profiles.get(name);
  }

  /** The classpath resource behind a {@code builtin:} source; the config allows only these. */
  private static String builtInResource(ListSource source) {
    return switch (source.location()) {
      case "demo" -> ListLoader.DEMO_RESOURCE;
      case UnsafeSearch.CATEGORY -> UnsafeSearch.RESOURCE;
      default -> throw new IllegalStateException("no built-in list " + source);
    };
  }
}
