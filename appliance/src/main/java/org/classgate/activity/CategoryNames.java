package org.classgate.activity;

import java.util.List;

/**
 * Turns a category bitmask of an {@code Answer} into category names. Bits are positions in the
 * loaded lists, which only mean something to the running configuration, so only names are stored or
 * shown. Thread-safe.
 */
@FunctionalInterface
public interface CategoryNames {
  /** The names of the bits set in {@code mask}, in a stable order; empty for 0. */
  List<String> namesOf(int mask);
}
