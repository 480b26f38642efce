package org.classgate.panel.pi4j;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalInput;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.io.gpio.digital.PullResistance;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalInputProvider;
import com.pi4j.plugin.gpiod.provider.gpio.digital.GpioDDigitalOutputProvider;
import org.classgate.panel.LedColour;
import org.classgate.panel.PanelHardware;
import org.classgate.panel.PanelHardwareException;
import org.tinylog.TaggedLogger;

/**
 * The panel on a Raspberry Pi's GPIO through Pi4J. On the box the gpiod provider is used: the
 * kernel's GPIO character device, which works on the Pi 5 and needs no root, only membership of the
 * {@code gpio} group. Tests give a context with Pi4J's mock providers. Thread-safe.
 */
public final class Pi4jPanelHardware implements PanelHardware {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("panel");

  private final Context context;
  private final PanelPins pins;
  private final DigitalInput button;
  private final DigitalOutput red;
  private final DigitalOutput green;
  private final DigitalOutput blue;

  private Pi4jPanelHardware(
      Context context,
      PanelPins pins,
      DigitalInput button,
      DigitalOutput red,
      DigitalOutput green,
      DigitalOutput blue) {
    this.context = context;
    this.pins = pins;
    this.button = button;
    this.red = red;
    this.green = green;
    this.blue = blue;
  }

  /**
   * Opens the pins through the kernel's GPIO character device.
   *
   * @throws PanelHardwareException if there is no GPIO (not a Pi, no permission, pin in use)
   */
  public static Pi4jPanelHardware gpiod(PanelPins pins) {
    Context context;
    try {
      context =
          Pi4J.newContextBuilder()
              .noAutoDetect()
              .add(
                  GpioDDigitalInputProvider.newInstance(), GpioDDigitalOutputProvider.newInstance())
              .build();
    } catch (RuntimeException | LinkageError e) {
      throw new PanelHardwareException("GPIO is unavailable: " + e, e);
    }
    return open(context, pins);
  }

  /**
   * Opens the pins in {@code context}, which this object owns from now on (closed with it).
   *
   * @throws PanelHardwareException if a pin cannot be opened; the context is shut down then
   */
  public static Pi4jPanelHardware open(Context context, PanelPins pins) {
    try {
      DigitalInput button =
          context.create(
              DigitalInput.newConfigBuilder(context)
                  .id("classgate-button")
                  .name("report button")
                  .address(pins.button())
                  .pull(
                      pins.buttonActiveLow() ? PullResistance.PULL_UP : PullResistance.PULL_DOWN));
      return new Pi4jPanelHardware(
          context,
          pins,
          button,
          output(context, "red", pins.red(), pins.ledActiveLow()),
          output(context, "green", pins.green(), pins.ledActiveLow()),
          output(context, "blue", pins.blue(), pins.ledActiveLow()));
    } catch (RuntimeException | LinkageError e) {
      shutdown(context);
      throw new PanelHardwareException("cannot open the panel's GPIO pins (" + pins + "): " + e, e);
    }
  }

  private static DigitalOutput output(Context context, String channel, int pin, boolean activeLow) {
    if (pin == PanelPins.NOT_WIRED) {
      return null;
    }
    DigitalState off = activeLow ? DigitalState.HIGH : DigitalState.LOW;
    return context.create(
        DigitalOutput.newConfigBuilder(context)
            .id("classgate-led-" + channel)
            .name(channel + " LED")
            .address(pin)
            .initial(off)
            .shutdown(off));
  }

  @Override
  public void listen(ButtonListener listener) {
    DigitalState pressed = pins.buttonActiveLow() ? DigitalState.LOW : DigitalState.HIGH;
    button.addListener(event -> listener.edge(event.state() == pressed));
  }

  @Override
  public synchronized void show(LedColour colour) {
    try {
      set(red, colour.red());
      set(green, colour.green());
      set(blue, colour.blue());
    } catch (RuntimeException e) {
      throw new PanelHardwareException("GPIO write failed: " + e, e);
    }
  }

  private void set(DigitalOutput output, boolean lit) {
    if (output != null) {
      output.state(lit != pins.ledActiveLow() ? DigitalState.HIGH : DigitalState.LOW);
    }
  }

  @Override
  public String describe() {
    return "gpio (" + pins + ")";
  }

  @Override
  public void close() {
    try {
      show(LedColour.OFF);
    } catch (PanelHardwareException e) {
      LOG.debug("turning the LED off at close: {}", e.getMessage());
    }
    shutdown(context);
  }

  private static void shutdown(Context context) {
    try {
      context.shutdown();
    } catch (RuntimeException e) {
      LOG.debug("Pi4J shutdown: {}", e.toString());
    }
  }
}
