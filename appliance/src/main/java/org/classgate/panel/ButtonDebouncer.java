package org.classgate.panel;

/**
 * Turns the button's raw edges into presses. A change of level counts once the previous counted
 * change is at least {@code debounce} old; a press counts on its leading edge, so the
 * acknowledgement is not delayed by the debounce time. Edges that arrive too soon (contact bounce)
 * are remembered, and {@link #settle} adopts the level they left once it has held for the debounce
 * time: a very short tap whose release edge was swallowed does not leave the button "stuck" pressed
 * and the next press lost.
 *
 * <p>Pure (time is an argument) and not thread-safe: the caller serialises.
 */
public final class ButtonDebouncer {
  private final long debounceNanos;
  private boolean stablePressed;
  private boolean rawPressed;
  private long lastChangeNanos;
  private long lastRawNanos;
  private boolean changed;

  public ButtonDebouncer(long debounceNanos) {
    this.debounceNanos = debounceNanos;
  }

  /**
   * An edge reported by the hardware.
   *
   * @return true if this edge is a new press
   */
  public boolean edge(boolean pressed, long nanos) {
    rawPressed = pressed;
    lastRawNanos = nanos;
    if (pressed == stablePressed) {
      return false;
    }
    if (changed && nanos - lastChangeNanos < debounceNanos) {
      return false;
    }
    return adopt(pressed, nanos);
  }

  /**
   * Called periodically: adopts a level that was left by a swallowed edge and has held since.
   *
   * @return true if that adoption is a new press
   */
  public boolean settle(long nanos) {
    if (rawPressed != stablePressed && nanos - lastRawNanos >= debounceNanos) {
      // The level changed when its edge came, not now.
      return adopt(rawPressed, lastRawNanos);
    }
    return false;
  }

  private boolean adopt(boolean pressed, long nanos) {
    stablePressed = pressed;
    lastChangeNanos = nanos;
    changed = true;
    return pressed;
  }
}
