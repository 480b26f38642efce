package org.classgate.app;

import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.filter.Categories;
import org.classgate.filter.DomainSet;
import org.classgate.filter.ListLoadException;
import org.classgate.filter.ListLoader;
import org.classgate.filter.ListReport;
import org.classgate.filter.LockedCopies;
import org.tinylog.TaggedLogger;

/**
 * Keeps locked lists enforced when the configuration stops naming them. The rule: "no role,
 * API call or configuration key can switch them off". A locked list that has been enforced once has
 * a last good copy in {@code data.dir/locked}; if its {@code locked.<name>} key is removed (or a
 * source is dropped from it), the copy is still enforced, an ERROR is logged at every start and the
 * problem is reported, until someone with access to the box's data directory deliberately deletes
 * the copy (the README's "Retiring a locked list").
 */
final class LockedOrphans {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("filter");

  private LockedOrphans() {}

  /** The kept copies of locked sources the configuration no longer has. */
  static List<LockedCopies.Orphan> find(ApplianceConfig config, LockedCopies copies)
      throws ListLoadException {
    Map<String, Integer> configured = new HashMap<>();
    config.locked().forEach((name, sources) -> configured.put(name, sources.size()));
    try {
      return copies.orphans(configured);
    } catch (IOException e) {
      // Not knowing which locked lists were enforced before is not a reason to enforce fewer.
      throw new ListLoadException(
          "cannot list the locked lists' last good copies in "
              + FilterLists.lockedDirectory(config)
              + " ("
              + e.getMessage()
              + "): refusing to filter without knowing which locked lists were enforced before",
          e);
    }
  }

  /** Adds the orphans' list names that are not among {@code names} yet (each once). */
  static void addNames(List<LockedCopies.Orphan> orphans, List<String> names) {
    for (LockedCopies.Orphan orphan : orphans) {
      if (!names.contains(orphan.list())) {
        names.add(orphan.list());
      }
    }
  }

  /** Loads every orphan into {@code builder} under its list's bit, loudly. */
  static void enforce(
      List<LockedCopies.Orphan> orphans,
      Categories categories,
      ListLoader loader,
      DomainSet.Builder builder,
      List<String> problems)
      throws ListLoadException {
    for (LockedCopies.Orphan orphan : orphans) {
      ListReport report = loader.load(orphan.copy(), categories.bit(orphan.list()), builder);
      String problem =
          "locked list '"
              + orphan.list()
              + "' source "
              + orphan.index()
              + " is no longer configured (locked."
              + orphan.list()
              + " removed or shortened), but a locked list cannot be switched off by"
              + " configuration: enforcing its last good copy "
              + orphan.copy()
              + " ("
              + report.entries()
              + " domains)";
      LOG.error(problem);
      problems.add(problem);
    }
  }
}
