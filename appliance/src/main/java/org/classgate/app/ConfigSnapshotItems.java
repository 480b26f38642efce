package org.classgate.app;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.ListSource;
import org.classgate.app.config.ProfileConfig;
import org.classgate.filter.LockedCopies;
import org.classgate.filter.ProfileEntryTable;
import org.classgate.filter.schedule.Timetable;
import org.classgate.filter.schedule.WeeklyRange;

/**
 * The filtering-relevant configuration as items for the change-control log ({@link
 * org.classgate.filter.changelog.ConfigChanges}): the list sources per category, the locked lists,
 * every profile's categories (also per period), SafeSearch level and allow/deny entries, the
 * timetable and the default profile. The effective configuration is recorded, not the keys as
 * written: the built-in profiles of a box that configures none, {@code sources.ut1} expanded into
 * its categories, allow/deny files as the entries they held, so editing such a file counts as a
 * change too.
 *
 * <p>Also says which items the box refuses: allow entries over a locked list (item {@code
 * refused.profile.<name>.allow}) and locked lists whose key was removed but which stay enforced.
 */
final class ConfigSnapshotItems {
  private ConfigSnapshotItems() {}

  static SortedMap<String, String> of(ApplianceConfig config, ProfileEntryTable entries) {
    SortedMap<String, String> items = new TreeMap<>();
    config.lists().forEach((name, sources) -> items.put("lists." + name, sources(sources)));
    config.locked().forEach((name, sources) -> items.put("locked." + name, sources(sources)));
    for (Map.Entry<String, ProfileConfig> entry : config.profiles().entrySet()) {
      String prefix = "profile." + entry.getKey() + ".";
      ProfileConfig profile = entry.getValue();
      items.put(prefix + "block", joined(profile.blocked()));
      profile
          .blockedByPeriod()
          .forEach((period, blocked) -> items.put(prefix + "block." + period, joined(blocked)));
      items.put(prefix + "safesearch", profile.safeSearch().name().toLowerCase(Locale.ROOT));
      if (!profile.allow().isEmpty()) {
        items.put(prefix + "allow", String.join(", ", profile.allow()));
      }
      if (!profile.deny().isEmpty()) {
        items.put(prefix + "deny", String.join(", ", profile.deny()));
      }
    }
    for (ProfileEntryTable.Refusal refusal : entries.refused()) {
      items.merge(refusedItem(refusal.profile()), refusal.entryText(), (a, b) -> a + ", " + b);
    }
    Timetable timetable = config.timetable();
    items.put("timetable.zone", timetable.zone().getId());
    for (String period : timetable.periods()) {
      if (!period.equals(Timetable.OUTSIDE)) {
        items.put(
            "timetable." + period,
            String.join(
                ", ", timetable.ranges(period).stream().map(WeeklyRange::toString).toList()));
      }
    }
    items.put("devices.default-profile", config.defaultProfile());
    return items;
  }

  /** Item → why the box refuses it. */
  static Map<String, String> refused(ProfileEntryTable entries, List<LockedCopies.Orphan> orphans) {
    Map<String, String> refused = new TreeMap<>();
    for (ProfileEntryTable.Refusal refusal : entries.refused()) {
      refused.put(
          refusedItem(refusal.profile()),
          "allow entries covered by a locked list (illegal content) are not applied: nothing can"
              + " allow locked content");
    }
    for (LockedCopies.Orphan orphan : orphans) {
      refused.put(
          "locked." + orphan.list(),
          "a locked list cannot be switched off by configuration: its last good copy "
              + orphan.copy()
              + " is still enforced");
    }
    return refused;
  }

  private static String refusedItem(String profile) {
    return "refused.profile." + profile + ".allow";
  }

  private static String sources(List<ListSource> sources) {
    return String.join(", ", sources.stream().map(ListSource::toString).toList());
  }

  private static String joined(List<String> values) {
    return values.isEmpty() ? "(nothing)" : String.join(", ", values);
  }
}
