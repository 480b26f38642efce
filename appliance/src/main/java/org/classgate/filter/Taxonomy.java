package org.classgate.filter;

import java.io.Reader;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * ClassGate's category taxonomy for UK schools: each category's name, a short description shown to
 * staff, whether it is harmful, whether it is locked, and which built-in default profiles ({@value
 * #PUPIL}, {@value #STAFF}, {@value #VISITOR}) block it. The shipped taxonomy is {@value #RESOURCE}
 * beside this class, whose header comment justifies the defaults from the schools' policies.
 *
 * <p>Validated when loaded: every category has all four attributes; descriptions are one line of
 * 20-240 characters; a harmful category is blocked by every default profile (the policies list such
 * content as unacceptable for all users); a locked category is harmful (so blocked by every
 * profile) too; names follow {@link Categories#of}'s rules and there are at most 32.
 *
 * <p>Immutable and thread-safe.
 */
public final class Taxonomy {
  /** The shipped taxonomy, a resource in this package. */
  public static final String RESOURCE = "taxonomy.properties";

  /** The built-in profile for pupils' devices (also the appliance's built-in profile). */
  public static final String PUPIL = "pupil";

  /** The built-in profile for staff devices. */
  public static final String STAFF = "staff";

  /** The built-in profile for visitors' own devices. */
  public static final String VISITOR = "visitor";

  /** The built-in default profiles, in this order. */
  public static final List<String> DEFAULT_PROFILES = List.of(PUPIL, STAFF, VISITOR);

  private static final String PREFIX = "category.";
  private static final List<String> ATTRIBUTES =
      List.of("description", "harmful", "locked", "blocked-for");
  private static final int MIN_DESCRIPTION = 20;
  private static final int MAX_DESCRIPTION = 240;

  /**
   * One category.
   *
   * @param name e.g. {@code pornography}
   * @param description one line for staff, in the console and on approval screens
   * @param harmful blocked by every default profile; unblocking it is a risk decision
   * @param locked nothing (no allowance, profile or period) may unblock it
   * @param blockedFor the default profiles that block it, in {@link #DEFAULT_PROFILES} order;
   *     unmodifiable
   */
  public record Category(
      String name, String description, boolean harmful, boolean locked, Set<String> blockedFor) {
    /** True if the built-in profile {@code profile} blocks this category by default. */
    public boolean blockedByDefaultFor(String profile) {
      return blockedFor.contains(profile);
    }
  }

  private final List<Category> all;
  private final Map<String, Category> byName;
  private final Categories categories;

  private Taxonomy(List<Category> all) {
    this.all = List.copyOf(all);
    Map<String, Category> index = new LinkedHashMap<>();
    for (Category category : all) {
      index.put(category.name(), category);
    }
    this.byName = index;
    this.categories = Categories.of(names());
  }

  /**
   * The shipped taxonomy ({@value #RESOURCE}).
   *
   * @throws IllegalStateException if the resource is missing or invalid (a packaging error)
   */
  public static Taxonomy builtIn() {
    KeyValueText text = KeyValueText.resource(RESOURCE);
    try {
      return from(text);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("invalid built-in taxonomy: " + e.getMessage(), e);
    }
  }

  /**
   * Parses and validates a taxonomy in the format of {@value #RESOURCE}. Does not close {@code
   * text}.
   *
   * @param source names the text in error messages
   * @throws IllegalArgumentException if the text is invalid; the message names the source, the line
   *     or category, and what is allowed
   */
  public static Taxonomy parse(String source, Reader text) {
    return from(KeyValueText.read(source, text));
  }

  private static Taxonomy from(KeyValueText text) {
    Map<String, Map<String, String>> attributesByName = new LinkedHashMap<>();
    text.values()
        .forEach(
            (key, value) -> {
              int dot = key.lastIndexOf('.');
              String attribute = dot < 0 ? "" : key.substring(dot + 1);
              if (!key.startsWith(PREFIX)
                  || dot <= PREFIX.length()
                  || !ATTRIBUTES.contains(attribute)) {
                throw new IllegalArgumentException(
                    text.where(key)
                        + ": unknown key '"
                        + key
                        + "'; expected category.<name>.<"
                        + String.join("|", ATTRIBUTES)
                        + ">");
              }
              attributesByName
                  .computeIfAbsent(key.substring(PREFIX.length(), dot), n -> new LinkedHashMap<>())
                  .put(attribute, value.text());
            });
    if (attributesByName.isEmpty()) {
      throw new IllegalArgumentException(text.source() + ": no categories");
    }
    List<Category> categories = new ArrayList<>();
    attributesByName.forEach(
        (name, attributes) -> categories.add(category(text, name, attributes)));
    try {
      return new Taxonomy(categories);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(text.source() + ": " + e.getMessage(), e);
    }
  }

  private static Category category(KeyValueText text, String name, Map<String, String> attributes) {
    String where = text.where(PREFIX + name + ".description");
    for (String attribute : ATTRIBUTES) {
      if (!attributes.containsKey(attribute)) {
        throw new IllegalArgumentException(
            where + ": category '" + name + "' has no " + PREFIX + name + "." + attribute);
      }
    }
    String description = attributes.get("description");
    if (description.length() < MIN_DESCRIPTION || description.length() > MAX_DESCRIPTION) {
      throw new IllegalArgumentException(
          where
              + ": the description of '"
              + name
              + "' has "
              + description.length()
              + " characters; staff need "
              + MIN_DESCRIPTION
              + "-"
              + MAX_DESCRIPTION);
    }
    boolean harmful = bool(text, name, "harmful", attributes);
    boolean locked = bool(text, name, "locked", attributes);
    Set<String> blockedFor = profiles(text, name, attributes.get("blocked-for"));
    if (locked && !harmful) {
      throw new IllegalArgumentException(
          text.where(PREFIX + name + ".locked")
              + ": locked category '"
              + name
              + "' must also be harmful");
    }
    if (harmful && !blockedFor.containsAll(DEFAULT_PROFILES)) {
      throw new IllegalArgumentException(
          text.where(PREFIX + name + ".blocked-for")
              + ": harmful category '"
              + name
              + "' must be blocked for every default profile "
              + DEFAULT_PROFILES
              + ", not only "
              + blockedFor);
    }
    return new Category(name, description, harmful, locked, blockedFor);
  }

  private static boolean bool(
      KeyValueText text, String name, String attribute, Map<String, String> attributes) {
    String value = attributes.get(attribute);
    if (!value.equals("true") && !value.equals("false")) {
      throw new IllegalArgumentException(
          text.where(PREFIX + name + "." + attribute)
              + ": "
              + PREFIX
              + name
              + "."
              + attribute
              + " must be true or false, not '"
              + value
              + "'");
    }
    return value.equals("true");
  }

  private static Set<String> profiles(KeyValueText text, String name, String list) {
    if (list.isBlank()) {
      return Set.of();
    }
    Set<String> given = new LinkedHashSet<>();
    for (String part : list.split(",", -1)) {
      String profile = part.strip();
      if (!DEFAULT_PROFILES.contains(profile) || !given.add(profile)) {
        throw new IllegalArgumentException(
            text.where(PREFIX + name + ".blocked-for")
                + ": "
                + PREFIX
                + name
                + ".blocked-for: '"
                + profile
                + "' is not one of "
                + DEFAULT_PROFILES
                + " or is repeated");
      }
    }
    Set<String> ordered = new LinkedHashSet<>();
    for (String profile : DEFAULT_PROFILES) {
      if (given.contains(profile)) {
        ordered.add(profile);
      }
    }
    return Collections.unmodifiableSet(ordered);
  }

  /** Every category, in file (= bit) order. */
  public List<Category> all() {
    return all;
  }

  /** Every category name, in file (= bit) order. */
  public List<String> names() {
    return List.copyOf(byName.keySet());
  }

  /** The category called {@code name}, if any; null-safe. */
  public Optional<Category> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  /**
   * The category called {@code name}.
   *
   * @throws IllegalArgumentException if there is none (the message lists the names)
   */
  public Category get(String name) {
    Category category = byName.get(name);
    if (category == null) {
      throw new IllegalArgumentException(
          "unknown category '" + name + "'; the taxonomy has " + names());
    }
    return category;
  }

  /** A bit registry of every category, in taxonomy order. */
  public Categories categories() {
    return categories;
  }

  /**
   * The categories the built-in profile {@code profile} blocks by default, in taxonomy order.
   *
   * @throws IllegalArgumentException if {@code profile} is not one of {@link #DEFAULT_PROFILES}
   */
  public List<String> defaultBlocked(String profile) {
    if (!DEFAULT_PROFILES.contains(profile)) {
      throw new IllegalArgumentException(
          "'" + profile + "' is not a built-in profile; they are " + DEFAULT_PROFILES);
    }
    return all.stream().filter(c -> c.blockedByDefaultFor(profile)).map(Category::name).toList();
  }

  /** {@link #defaultBlocked} as a mask of {@link #categories()}. */
  public int defaultMask(String profile) {
    return categories.mask(defaultBlocked(profile));
  }

  /** The harmful categories, in taxonomy order. */
  public List<String> harmful() {
    return all.stream().filter(Category::harmful).map(Category::name).toList();
  }

  /** The locked categories, in taxonomy order. */
  public List<String> locked() {
    return all.stream().filter(Category::locked).map(Category::name).toList();
  }

  @Override
  public String toString() {
    return "Taxonomy" + names();
  }
}
