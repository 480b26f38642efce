package org.classgate.app;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.ListSource;
import org.classgate.dns.Profile;
import org.classgate.filter.Categories;
import org.classgate.filter.DomainSet;
import org.classgate.filter.ListLoadException;
import org.classgate.filter.ListLoader;
import org.tinylog.TaggedLogger;

/**
 * Turns the configured lists and profiles into the filter's categories, domain set and profiles.
 */
final class FilterLists {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("filter");

  private final DomainSet domains;
  private final Map<String, Profile> profiles;

  private FilterLists(DomainSet domains, Map<String, Profile> profiles) {
    this.domains = domains;
    this.profiles = profiles;
  }

  /**
   * Loads every configured source. A source that cannot be read stops the start: a box that
   * silently filters less than it was told to is worse than one that says why it won't start.
   */
  static FilterLists load(ApplianceConfig config, LongSupplier nanoTime) throws ListLoadException {
    Categories categories = Categories.of(new ArrayList<>(config.lists().keySet()));
    DomainSet.Builder builder = new DomainSet.Builder();
    ListLoader loader = new ListLoader();
    long started = nanoTime.getAsLong();
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
    LOG.info(
        "{} distinct blocked domains in {} categories, {} KiB, built in {} ms",
        domains.size(),
        categories.size(),
        domains.heapBytes() / 1024,
        (nanoTime.getAsLong() - started) / 1_000_000);
    Map<String, Profile> profiles = new HashMap<>();
    for (Map.Entry<String, List<String>> profile : config.profiles().entrySet()) {
      int blocked = 0;
      for (String category : profile.getValue()) {
        blocked |= categories.bit(category);
      }
      profiles.put(profile.getKey(), new Profile(profile.getKey(), blocked));
    }
    return new FilterLists(domains, Map.copyOf(profiles));
  }

  DomainSet domains() {
    return domains;
  }

  /** The named profile; the configuration has already checked that it exists. */
  Profile profile(String name) {
    return profiles.get(name);
  }

  /** The classpath resource behind a {@code builtin:} source; the config allows only these. */
  private static String builtInResource(ListSource source) {
    return switch (source.location()) {
      case "demo" -> ListLoader.DEMO_RESOURCE;
      default -> throw new IllegalStateException("no built-in list " + source);
    };
  }
}
