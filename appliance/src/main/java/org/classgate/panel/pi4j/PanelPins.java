package org.classgate.panel.pi4j;

/**
 * The panel's GPIO wiring (BCM numbers). Immutable.
 *
 * @param button the button's pin
 * @param buttonActiveLow true when pressing pulls the pin low (button to ground, pull-up on)
 * @param red the red channel's pin, or -1 if not wired
 * @param green the green channel's pin, or -1 if not wired
 * @param blue the blue channel's pin, or -1 if not wired
 * @param ledActiveLow true when a channel lights with the pin low (common-anode RGB LED)
 */
public record PanelPins(
    int button, boolean buttonActiveLow, int red, int green, int blue, boolean ledActiveLow) {
  public static final int NOT_WIRED = -1;

  @Override
  public String toString() {
    return "button "
        + button
        + (buttonActiveLow ? " (active low)" : "")
        + ", led "
        + pin(red)
        + "/"
        + pin(green)
        + "/"
        + pin(blue)
        + (ledActiveLow ? " (active low)" : "");
  }

  private static String pin(int pin) {
    return pin == NOT_WIRED ? "-" : Integer.toString(pin);
  }
}
