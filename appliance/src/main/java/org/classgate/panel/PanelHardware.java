package org.classgate.panel;

/**
 * The panel's hardware as the domain needs it: a button that reports edges and an LED that shows a
 * colour. Adapters: {@code panel.pi4j} (GPIO on the Pi), {@code panel.simulated} (dev mode and
 * tests). Implementations are thread-safe.
 */
public interface PanelHardware extends AutoCloseable {
  /** Receives the button's raw (not debounced) level changes, on the adapter's thread. */
  @FunctionalInterface
  interface ButtonListener {
    void edge(boolean pressed);
  }

  /** Starts delivering button edges to {@code listener}; called once, before any {@link #show}. */
  void listen(ButtonListener listener);

  /**
   * Lights the LED's channels for {@code colour}.
   *
   * @throws PanelHardwareException if the hardware refused (the caller reports it as a problem)
   */
  void show(LedColour colour);

  /** What this is, for the status and the log, e.g. {@code gpio (button 17, led 22/27/24)}. */
  String describe();

  /** Turns the LED off and releases the hardware. Never throws. */
  @Override
  void close();
}
