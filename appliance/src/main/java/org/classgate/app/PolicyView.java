package org.classgate.app;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.ListSource;
import org.classgate.app.config.ProfileConfig;
import org.classgate.dns.wire.Name;
import org.classgate.filter.ProfileEntries;
import org.classgate.filter.ProfileEntryTable;
import org.classgate.filter.schedule.ProfileSchedule;
import org.classgate.filter.schedule.Timetable;
import org.classgate.filter.schedule.WeeklyRange;

/**
 * {@code classgate policy show}: the effective filtering policy as the box enforces it, built from
 * the same lists, schedules and entries: the locked lists (including any still enforced from a last
 * good copy), the categories and their sources, the timetable, and per profile the categories
 * blocked in each period, its SafeSearch level and its allow and deny entries (refused ones
 * marked). Lines of plain text; the caller escapes them for the terminal.
 */
final class PolicyView {
  private final ApplianceConfig config;
  private final FilterLists lists;
  private final ProfileEntryTable entries;

  PolicyView(ApplianceConfig config, FilterLists lists) {
    this.config = config;
    this.lists = lists;
    this.entries = ProfileEntryTables.build(config, lists.locked());
  }

  /** Everything: the box-wide part, then every profile. */
  List<String> all() {
    List<String> lines = new ArrayList<>();
    lines.add(
        "locked lists (every profile; no allowance, allow entry, profile or configuration key"
            + " switches them off): "
            + lockedNames());
    for (Map.Entry<String, List<ListSource>> list : config.lists().entrySet()) {
      lines.add("category " + list.getKey() + ": " + sources(list.getValue()));
    }
    Timetable timetable = config.timetable();
    lines.add("timetable (" + timetable.zone().getId() + "):");
    for (String period : timetable.periods()) {
      lines.add(
          "  "
              + period
              + (period.equals(Timetable.OUTSIDE)
                  ? ": any time in no other period"
                  : ": "
                      + String.join(
                          ", ",
                          timetable.ranges(period).stream().map(WeeklyRange::toString).toList())));
    }
    lines.add("default profile (devices not in the registry): " + config.defaultProfile());
    for (String profile : config.profiles().keySet()) {
      lines.addAll(profile(profile));
    }
    for (String problem : lists.problems()) {
      lines.add("PROBLEM: " + problem);
    }
    for (ProfileEntryTable.Refusal refusal : entries.refused()) {
      lines.add("PROBLEM: " + refusal);
    }
    return lines;
  }

  /** One configured profile. */
  List<String> profile(String name) {
    ProfileConfig profile = config.profiles().get(name);
    ProfileSchedule schedule = lists.schedule(name);
    List<String> lines = new ArrayList<>();
    lines.add("profile " + name + ":");
    for (String period : config.timetable().periods()) {
      List<String> blocked = lists.categoryNames(schedule.blockedIn(period));
      lines.add(
          "  blocks in "
              + period
              + ": "
              + (blocked.isEmpty() ? "no category" : String.join(", ", blocked)));
    }
    lines.add("  locked lists: " + lockedNames());
    lines.add("  safesearch: " + profile.safeSearch().name().toLowerCase(Locale.ROOT));
    ProfileEntries own = entries.forProfile(name);
    lines.add(
        "  deny entries (blocked whatever the categories and allowances say): "
            + names(own.deny()));
    lines.add(
        "  allow entries (categories waived; locked lists and SafeSearch still apply): "
            + names(own.allow()));
    for (ProfileEntryTable.Refusal refusal : entries.refused()) {
      if (refusal.profile().equals(name)) {
        lines.add("  REFUSED allow entry " + refusal.entryText() + ": a locked list covers it");
      }
    }
    return lines;
  }

  private String lockedNames() {
    List<String> names = new ArrayList<>(config.locked().keySet());
    for (String category : lists.categories().all()) {
      if (!config.lists().containsKey(category) && !names.contains(category)) {
        names.add(category + " (no longer configured: enforced from its last good copy)");
      }
    }
    return names.isEmpty() ? "none configured" : String.join(", ", names);
  }

  private static String sources(List<ListSource> sources) {
    return String.join(", ", sources.stream().map(ListSource::toString).toList());
  }

  private static String names(List<Name> names) {
    if (names.isEmpty()) {
      return "none";
    }
    List<String> texts = new ArrayList<>();
    for (Name name : names) {
      String text = name.toString();
      texts.add(text.substring(0, text.length() - 1));
    }
    return String.join(", ", texts);
  }
}
