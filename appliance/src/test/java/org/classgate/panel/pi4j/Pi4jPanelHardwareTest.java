package org.classgate.panel.pi4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import com.pi4j.io.gpio.digital.DigitalOutput;
import com.pi4j.io.gpio.digital.DigitalState;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInput;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalInputProvider;
import com.pi4j.plugin.mock.provider.gpio.digital.MockDigitalOutputProvider;
import java.util.ArrayList;
import java.util.List;
import org.classgate.panel.LedColour;
import org.classgate.panel.PanelHardwareException;
import org.junit.jupiter.api.Test;

/** The Pi4J adapter against Pi4J's own mock GPIO providers. */
class Pi4jPanelHardwareTest {
  private static Context mockContext() {
    return Pi4J.newContextBuilder()
        .noAutoDetect()
        .add(MockDigitalInputProvider.newInstance(), MockDigitalOutputProvider.newInstance())
        .build();
  }

  private static DigitalState pin(Context context, String channel) {
    return context.registry().<DigitalOutput>get("classgate-led-" + channel).state();
  }

  @Test
  void buttonLevelsBecomeEdgesByPolarity() {
    Context context = mockContext();
    Pi4jPanelHardware hardware =
        Pi4jPanelHardware.open(context, new PanelPins(17, true, 22, 27, 24, false));
    List<Boolean> edges = new ArrayList<>();
    hardware.listen(edges::add);
    MockDigitalInput button = context.registry().get("classgate-button");
    button.mockState(DigitalState.HIGH);
    edges.clear();
    button.mockState(DigitalState.LOW);
    button.mockState(DigitalState.HIGH);
    assertEquals(List.of(true, false), edges, "active low: LOW is pressed");
    hardware.close();
  }

  @Test
  void coloursLightTheirChannelsAndActiveLowInverts() {
    Context context = mockContext();
    Pi4jPanelHardware hardware =
        Pi4jPanelHardware.open(context, new PanelPins(17, false, 22, 27, 24, true));
    assertEquals(DigitalState.HIGH, pin(context, "red"), "off at start (active low)");
    hardware.show(LedColour.AMBER);
    assertEquals(DigitalState.LOW, pin(context, "red"));
    assertEquals(DigitalState.LOW, pin(context, "green"));
    assertEquals(DigitalState.HIGH, pin(context, "blue"));
    hardware.show(LedColour.BLUE);
    assertEquals(DigitalState.HIGH, pin(context, "red"));
    assertEquals(DigitalState.LOW, pin(context, "blue"));
    assertTrue(hardware.describe().startsWith("gpio (button 17, led 22/27/24 (active low))"));
    hardware.close();
  }

  @Test
  void unwiredChannelsAreSkipped() {
    Context context = mockContext();
    Pi4jPanelHardware hardware =
        Pi4jPanelHardware.open(context, new PanelPins(5, true, 6, 13, PanelPins.NOT_WIRED, false));
    hardware.show(LedColour.WHITE);
    assertEquals(DigitalState.HIGH, pin(context, "red"));
    assertTrue(!context.registry().exists("classgate-led-blue"));
    hardware.close();
  }

  @Test
  void aPinThatCannotBeOpenedIsAHardwareException() {
    Context context = mockContext();
    PanelHardwareException failure =
        assertThrows(
            PanelHardwareException.class,
            () -> Pi4jPanelHardware.open(context, new PanelPins(17, true, 17, 27, 24, false)));
    assertTrue(failure.getMessage().startsWith("cannot open the panel's GPIO pins"));
  }

  @Test
  void withoutGpioTheGpiodProviderIsUnavailableNotACrash() {
    // This machine has no /dev/gpiochip*: the real gpiod provider must fail cleanly.
    assertThrows(
        PanelHardwareException.class,
        () -> Pi4jPanelHardware.gpiod(new PanelPins(17, true, 22, 27, 24, false)).close());
  }
}
