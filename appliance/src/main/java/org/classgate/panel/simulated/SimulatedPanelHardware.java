package org.classgate.panel.simulated;

import org.classgate.panel.LedColour;
import org.classgate.panel.PanelHardware;
import org.tinylog.TaggedLogger;

/**
 * The panel in dev mode and on a box without GPIO: the LED is a value (logged when it changes and
 * shown by {@code classgate panel status}); the button is pressed through the control socket or, in
 * tests, {@link #edge}. Thread-safe.
 */
public final class SimulatedPanelHardware implements PanelHardware {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("panel");

  private final String description;
  private volatile ButtonListener listener;
  private volatile LedColour shown = LedColour.OFF;
  private volatile int changes;

  /**
   * @param description shown in the status, e.g. {@code simulated} or {@code simulated (GPIO
   *     unavailable)}
   */
  public SimulatedPanelHardware(String description) {
    this.description = description;
  }

  @Override
  public void listen(ButtonListener buttonListener) {
    this.listener = buttonListener;
  }

  /** Delivers a raw button edge, as a GPIO interrupt would. */
  public void edge(boolean pressed) {
    ButtonListener current = listener;
    if (current != null) {
      current.edge(pressed);
    }
  }

  @Override
  public synchronized void show(LedColour colour) {
    if (colour != shown) {
      LOG.debug("simulated LED: {}", colour);
    }
    shown = colour;
    changes++;
  }

  /** The colour the LED shows now. */
  public LedColour shown() {
    return shown;
  }

  /** How many times the LED was set (each set is a change of colour). */
  public int changes() {
    return changes;
  }

  @Override
  public String describe() {
    return description;
  }

  @Override
  public void close() {
    shown = LedColour.OFF;
  }
}
