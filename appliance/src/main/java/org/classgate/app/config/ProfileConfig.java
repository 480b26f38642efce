package org.classgate.app.config;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One filtering profile as configured ({@code profile.<name>.*}). Immutable.
 *
 * @param blocked the categories the profile blocks
 * @param safeSearch whether search engines are forced into their safe modes for this profile
 */
public record ProfileConfig(List<String> blocked, SafeSearchLevel safeSearch) {
  /** How strictly SafeSearch and YouTube's Restricted Mode are enforced. */
  public enum SafeSearchLevel {
    /** Search engines are not rewritten. */
    OFF,
    /** SafeSearch on; YouTube's moderate Restricted Mode. */
    MODERATE,
    /** SafeSearch on; YouTube's strict Restricted Mode. */
    STRICT
  }

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
  private static final Set<String> SETTINGS = Set.of("block", "safesearch");

  public ProfileConfig {
    blocked = List.copyOf(blocked);
  }

  /**
   * Reads every {@code profile.<name>.<setting>} key. With none, the built-in {@code pupil} profile
   * blocks every list and enforces strict SafeSearch: a box with no profile fails closed.
   */
  static Map<String, ProfileConfig> read(ConfigReader in, Set<String> lists)
      throws ConfigException {
    Set<String> names = new LinkedHashSet<>();
    for (String suffix : in.suffixesOf("profile.")) {
      int dot = suffix.lastIndexOf('.');
      String key = "profile." + suffix;
      if (dot < 0 || !SETTINGS.contains(suffix.substring(dot + 1))) {
        throw new ConfigException(
            key, "unknown profile key; a profile has profile.<name>.block and .safesearch");
      }
      String name = suffix.substring(0, dot);
      if (!NAME.matcher(name).matches()) {
        throw new ConfigException(
            key, "a profile name is 1-32 of a-z, 0-9 and '-', starting with a letter or digit");
      }
      names.add(name);
    }
    Map<String, ProfileConfig> profiles = new LinkedHashMap<>();
    for (String name : names) {
      String blockKey = "profile." + name + ".block";
      List<String> categories = in.list(blockKey);
      for (String category : categories) {
        if (!lists.contains(category)) {
          throw new ConfigException(
              blockKey,
              category,
              lists.isEmpty()
                  ? "a category with a list (none is configured: add lists." + category + ")"
                  : "a category with a list: " + String.join(", ", lists));
        }
      }
      SafeSearchLevel safeSearch =
          in.choice("profile." + name + ".safesearch", SafeSearchLevel.OFF, SafeSearchLevel.class);
      profiles.put(name, new ProfileConfig(categories, safeSearch));
    }
    if (profiles.isEmpty()) {
      profiles.put(
          ApplianceConfig.BUILT_IN_PROFILE,
          new ProfileConfig(new ArrayList<>(lists), SafeSearchLevel.STRICT));
    }
    return profiles;
  }
}
