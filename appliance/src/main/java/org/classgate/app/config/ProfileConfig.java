package org.classgate.app.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.classgate.filter.Taxonomy;
import org.classgate.filter.UnsafeSearch;
import org.tinylog.TaggedLogger;

/**
 * One filtering profile as configured ({@code profile.<name>.*}). Immutable.
 *
 * @param blocked the categories the profile blocks outside any period named in {@code
 *     blockedByPeriod}
 * @param blockedByPeriod timetable period → the categories blocked in that period instead
 * @param safeSearch whether search engines are forced into their safe modes for this profile
 * @param allow the profile's allow entries ({@code profile.<name>.allow}), normalised domains in
 *     configuration order without repeats: each waives the profile's categories for the domain and
 *     its subdomains
 * @param deny the profile's deny entries ({@code profile.<name>.deny}), likewise: each blocks the
 *     domain and its subdomains for the profile whatever its categories say
 */
public record ProfileConfig(
    List<String> blocked,
    Map<String, List<String>> blockedByPeriod,
    SafeSearchLevel safeSearch,
    List<String> allow,
    List<String> deny) {
  /** How strictly SafeSearch and YouTube's Restricted Mode are enforced. */
  public enum SafeSearchLevel {
    /** Search engines are not rewritten. */
    OFF,
    /** SafeSearch on; YouTube's moderate Restricted Mode. */
    MODERATE,
    /** SafeSearch on; YouTube's strict Restricted Mode. */
    STRICT
  }

  private static final TaggedLogger LOG = org.tinylog.Logger.tag("config");
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
  private static final Set<String> SETTINGS = Set.of("block", "safesearch", "allow", "deny");

  public ProfileConfig {
    blocked = List.copyOf(blocked);
    blockedByPeriod = Map.copyOf(blockedByPeriod);
    allow = List.copyOf(allow);
    deny = List.copyOf(deny);
  }

  /** A profile without allow or deny entries. */
  public ProfileConfig(
      List<String> blocked, Map<String, List<String>> blockedByPeriod, SafeSearchLevel safeSearch) {
    this(blocked, blockedByPeriod, safeSearch, List.of(), List.of());
  }

  /**
   * Reads every {@code profile.<name>.<setting>} key. With none, the built-in pupil, staff and
   * visitor profiles apply (see {@link #builtIn}).
   */
  static Map<String, ProfileConfig> read(ConfigReader in, Set<String> lists, Set<String> periods)
      throws ConfigException {
    Set<String> names = new LinkedHashSet<>();
    Map<String, Set<String>> periodsByProfile = new LinkedHashMap<>();
    for (String suffix : in.suffixesOf("profile.")) {
      String[] parts = suffix.split("\\.", -1);
      String key = "profile." + suffix;
      boolean known =
          (parts.length == 2 && SETTINGS.contains(parts[1]))
              || (parts.length == 3 && parts[1].equals("block"));
      if (!known) {
        throw new ConfigException(
            key,
            "unknown profile key; a profile has profile.<name>.block, .block.<period>,"
                + " .safesearch, .allow and .deny");
      }
      String name = parts[0];
      if (parts.length == 3) {
        if (!periods.contains(parts[2])) {
          throw new ConfigException(
              key,
              "'"
                  + parts[2]
                  + "' is not a timetable period; the periods are: "
                  + String.join(", ", periods));
        }
        periodsByProfile.computeIfAbsent(name, n -> new LinkedHashSet<>()).add(parts[2]);
      }
      if (!NAME.matcher(name).matches()) {
        throw new ConfigException(
            key, "a profile name is 1-32 of a-z, 0-9 and '-', starting with a letter or digit");
      }
      names.add(name);
    }
    Map<String, ProfileConfig> profiles = new LinkedHashMap<>();
    for (String name : names) {
      List<String> categories = categories(in, "profile." + name + ".block", lists);
      Map<String, List<String>> byPeriod = new LinkedHashMap<>();
      for (String period : periodsByProfile.getOrDefault(name, Set.of())) {
        byPeriod.put(period, categories(in, "profile." + name + ".block." + period, lists));
      }
      SafeSearchLevel safeSearch =
          in.choice("profile." + name + ".safesearch", SafeSearchLevel.OFF, SafeSearchLevel.class);
      List<String> allow = ProfileEntriesConfig.read(in, "profile." + name + ".allow", true);
      List<String> deny = ProfileEntriesConfig.read(in, "profile." + name + ".deny", false);
      for (String entry : allow) {
        if (deny.contains(entry)) {
          throw new ConfigException(
              "profile." + name + ".allow",
              entry,
              "a domain the profile does not also deny (profile." + name + ".deny lists it)");
        }
      }
      ProfileConfig profile = new ProfileConfig(categories, byPeriod, safeSearch, allow, deny);
      warnIfSafeSearchCanBeSideStepped(name, profile);
      profiles.put(name, profile);
    }
    if (profiles.isEmpty()) {
      profiles.putAll(builtIn(lists));
    }
    return profiles;
  }

  /**
   * A profile that forces SafeSearch but leaves {@value UnsafeSearch#CATEGORY} open in some period
   * is allowed (a school may want it), but it is almost certainly an oversight: say so once at
   * start.
   */
  private static void warnIfSafeSearchCanBeSideStepped(String name, ProfileConfig profile) {
    if (profile.safeSearch() == SafeSearchLevel.OFF) {
      return;
    }
    boolean open = !profile.blocked().contains(UnsafeSearch.CATEGORY);
    for (List<String> blocked : profile.blockedByPeriod().values()) {
      open |= !blocked.contains(UnsafeSearch.CATEGORY);
    }
    if (open) {
      LOG.warn(
          "profile.{}.safesearch is {} but profile.{}.block does not name {} in every period:"
              + " search engines without a safe mode stay open to it",
          name,
          profile.safeSearch().name().toLowerCase(Locale.ROOT),
          name,
          UnsafeSearch.CATEGORY);
    }
  }

  /**
   * The profiles of a box that configures none, following the school policies: pupil, staff and
   * visitor each block the taxonomy categories it marks for them (every harmful category for all
   * three); a list outside the taxonomy is blocked for all three, so an added list never silently
   * blocks nothing. SafeSearch is strict for pupils, moderate for visitors, off for staff; {@value
   * UnsafeSearch#CATEGORY} is blocked exactly for the profiles whose SafeSearch is on, since an
   * engine without a safe mode would undo it (the taxonomy's defaults say the same).
   */
  private static Map<String, ProfileConfig> builtIn(Set<String> lists) {
    Taxonomy taxonomy = Taxonomy.builtIn();
    Map<String, ProfileConfig> profiles = new LinkedHashMap<>();
    Map<String, SafeSearchLevel> safeSearch =
        Map.of(
            Taxonomy.PUPIL, SafeSearchLevel.STRICT,
            Taxonomy.STAFF, SafeSearchLevel.OFF,
            Taxonomy.VISITOR, SafeSearchLevel.MODERATE);
    for (String profile : Taxonomy.DEFAULT_PROFILES) {
      List<String> blocked = new ArrayList<>();
      for (String list : lists) {
        boolean blocks =
            list.equals(UnsafeSearch.CATEGORY)
                ? safeSearch.get(profile) != SafeSearchLevel.OFF
                : taxonomy
                    .find(list)
                    .map(category -> category.blockedByDefaultFor(profile))
                    .orElse(true);
        if (blocks) {
          blocked.add(list);
        }
      }
      profiles.put(profile, new ProfileConfig(blocked, Map.of(), safeSearch.get(profile)));
    }
    return profiles;
  }

  private static List<String> categories(ConfigReader in, String key, Set<String> lists)
      throws ConfigException {
    List<String> categories = in.list(key);
    for (String category : categories) {
      if (!lists.contains(category)) {
        throw new ConfigException(
            key,
            category,
            lists.isEmpty()
                ? "a category with a list (none is configured: add lists." + category + ")"
                : "a category with a list: " + String.join(", ", lists));
      }
    }
    return categories;
  }
}
