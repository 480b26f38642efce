package org.classgate.dns;

/**
 * The filtering profile a client was identified with (pupil, staff, visitor …) and the list
 * categories it blocks. Lives in {@code dns} because the identity stage attaches it to every query;
 * the filter package, which depends on {@code dns}, gives the bits their meaning. Immutable.
 *
 * @param blockedCategories bitmask of category bits (see {@code org.classgate.filter.Categories})
 */
public record Profile(String name, int blockedCategories) {
  public Profile {
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("profile name is required");
    }
  }

  /** The categories of {@code matched} this profile blocks; 0 means the name is allowed. */
  public int blocks(int matchedCategories) {
    return matchedCategories & blockedCategories;
  }
}
