package org.classgate.filter;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The configured list categories (gambling, adult, …), each given one bit of an {@code int} in the
 * order configured, so a set of categories is a bitmask ({@link
 * org.classgate.dns.Profile#blockedCategories()}, {@link DomainSet#match}, {@code
 * Answer.categories()}). At most 32.
 *
 * <p>{@link #bit(String)} returns the <em>mask</em> with that category's single bit set (not a bit
 * position), so masks combine with {@code |}: {@code categories.bit("gambling") |
 * categories.bit("dating")}.
 *
 * <p>Immutable and thread-safe.
 */
public final class Categories {
  /** One bit of an {@code int} per category. */
  public static final int MAX_CATEGORIES = Integer.SIZE;

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

  private final List<String> names;
  private final Map<String, Integer> bitOfName;

  private Categories(List<String> names) {
    this.names = List.copyOf(names);
    Map<String, Integer> bits = new HashMap<>();
    for (int i = 0; i < names.size(); i++) {
      bits.put(names.get(i), 1 << i);
    }
    this.bitOfName = Map.copyOf(bits);
  }

  /**
   * A registry of {@code names}: the first gets bit 0 (mask 1), the second bit 1 (mask 2), and so
   * on.
   *
   * @throws IllegalArgumentException if a name does not match {@code [a-z0-9][a-z0-9-]*}, appears
   *     twice, or there are more than 32 names; the message names the culprit
   */
  public static Categories of(List<String> names) {
    if (names == null) {
      throw new IllegalArgumentException("category names are required");
    }
    if (names.size() > MAX_CATEGORIES) {
      throw new IllegalArgumentException(
          "at most "
              + MAX_CATEGORIES
              + " list categories can be configured, got "
              + names.size()
              + ": "
              + names);
    }
    List<String> seen = new ArrayList<>();
    for (String name : names) {
      if (name == null || !NAME.matcher(name).matches()) {
        throw new IllegalArgumentException(
            "invalid category name '"
                + name
                + "': use lower-case letters, digits and '-', starting with a letter or digit");
      }
      if (seen.contains(name)) {
        throw new IllegalArgumentException("category '" + name + "' is configured twice");
      }
      seen.add(name);
    }
    return new Categories(seen);
  }

  /**
   * The mask with only {@code name}'s bit set.
   *
   * @throws IllegalArgumentException if no such category is configured (the message lists those
   *     that are)
   */
  public int bit(String name) {
    Integer bit = bitOfName.get(name);
    if (bit == null) {
      throw new IllegalArgumentException(
          "unknown category '" + name + "'; configured categories are " + names);
    }
    return bit;
  }

  /** True if {@code name} is a configured category. */
  public boolean contains(String name) {
    return bitOfName.containsKey(name);
  }

  /**
   * The OR of the bits of {@code categoryNames}.
   *
   * @throws IllegalArgumentException if one of them is not configured
   */
  public int mask(Collection<String> categoryNames) {
    int mask = 0;
    for (String name : categoryNames) {
      mask |= bit(name);
    }
    return mask;
  }

  /**
   * The name of the category whose mask is {@code bit}.
   *
   * @throws IllegalArgumentException unless {@code bit} has exactly one bit set, belonging to a
   *     configured category
   */
  public String name(int bit) {
    if (Integer.bitCount(bit) != 1 || Integer.numberOfTrailingZeros(bit) >= names.size()) {
      throw new IllegalArgumentException(
          "0x" + Integer.toHexString(bit) + " is not the bit of one of " + names);
    }
    return names.get(Integer.numberOfTrailingZeros(bit));
  }

  /** The names of the configured categories in {@code mask}, in bit order; unknown bits ignored. */
  public List<String> names(int mask) {
    List<String> result = new ArrayList<>(Integer.bitCount(mask));
    for (int i = 0; i < names.size(); i++) {
      if ((mask & (1 << i)) != 0) {
        result.add(names.get(i));
      }
    }
    return List.copyOf(result);
  }

  /** Every configured name, in bit order. */
  public List<String> all() {
    return names;
  }

  /** Number of configured categories. */
  public int size() {
    return names.size();
  }

  @Override
  public String toString() {
    return "Categories" + names;
  }
}
