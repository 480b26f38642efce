package org.classgate.filter;

/**
 * A filtering profile (pupil, staff, visitor …): the list categories it blocks. Immutable.
 *
 * @param blockedCategories bitmask of category bits (see {@link Categories})
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
