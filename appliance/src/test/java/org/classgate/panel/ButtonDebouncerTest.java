package org.classgate.panel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ButtonDebouncerTest {
  private static final long MS = 1_000_000L;

  private final ButtonDebouncer debouncer = new ButtonDebouncer(30 * MS);

  @Test
  void aBouncingContactIsOnePressCountedOnItsLeadingEdge() {
    long t = 1_000 * MS;
    assertTrue(debouncer.edge(true, t));
    int presses = 0;
    // Typical switch bounce: a few milliseconds of chatter.
    for (int i = 1; i <= 8; i++) {
      presses += debouncer.edge(i % 2 == 0, t + i * MS) ? 1 : 0;
    }
    assertEquals(0, presses);
    assertFalse(debouncer.edge(false, t + 200 * MS), "release is not a press");
    assertTrue(debouncer.edge(true, t + 400 * MS), "the next real press counts");
  }

  @Test
  void aReleaseSwallowedAsBounceIsSettledSoTheNextPressCounts() {
    assertTrue(debouncer.edge(true, 0));
    assertFalse(debouncer.edge(false, 10 * MS), "a 10 ms tap: the release looks like bounce");
    assertFalse(debouncer.settle(20 * MS), "not yet held for the debounce time");
    assertFalse(debouncer.settle(45 * MS), "released level adopted: not a press");
    assertTrue(debouncer.edge(true, 500 * MS));
  }

  @Test
  void aPressSwallowedAsBounceIsCountedWhenItHolds() {
    assertTrue(debouncer.edge(true, 0));
    assertFalse(debouncer.edge(false, 40 * MS));
    assertFalse(debouncer.edge(true, 50 * MS), "too soon after the release");
    assertTrue(debouncer.settle(85 * MS), "held down since: a second press");
    assertFalse(debouncer.settle(200 * MS), "counted once");
  }
}
