package org.classgate.panel;

/**
 * What the LED shows at one moment, as the red, green and blue channels that are lit. With one RGB
 * LED the channels mix (amber is red and green); with separate LEDs each channel is its own LED.
 */
public enum LedColour {
  OFF(false, false, false),
  RED(true, false, false),
  GREEN(false, true, false),
  BLUE(false, false, true),
  AMBER(true, true, false),
  WHITE(true, true, true);

  private final boolean red;
  private final boolean green;
  private final boolean blue;

  LedColour(boolean red, boolean green, boolean blue) {
    this.red = red;
    this.green = green;
    this.blue = blue;
  }

  public boolean red() {
    return red;
  }

  public boolean green() {
    return green;
  }

  public boolean blue() {
    return blue;
  }
}
