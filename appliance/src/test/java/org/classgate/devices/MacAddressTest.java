package org.classgate.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MacAddressTest {
  @Test
  void parsesEitherSeparatorAndCaseToTheCanonicalForm() {
    assertEquals("dc:a6:32:01:02:0f", MacAddress.parse("DC-A6-32-01-02-0F").toString());
    assertEquals(MacAddress.parse("dc:a6:32:01:02:0f"), MacAddress.parse("DC:A6:32:01:02:0F"));
  }

  @Test
  void tellsRandomisedAddressesFromBurnedInOnes() {
    // A Raspberry Pi's OUI (dc:a6:32) is globally administered; phones' private addresses set bit
    // 1.
    assertFalse(MacAddress.parse("dc:a6:32:01:02:03").locallyAdministered());
    assertTrue(MacAddress.parse("da:a6:32:01:02:03").locallyAdministered());
    assertTrue(MacAddress.parse("02:00:00:00:00:01").locallyAdministered());
    assertTrue(MacAddress.parse("01:00:5e:00:00:01").multicast());
    assertTrue(MacAddress.parse("ff:ff:ff:ff:ff:ff").multicast());
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "",
        "dc:a6:32:01:02",
        "dc:a6:32:01:02:03:04",
        "dc:a6-32:01:02:03",
        "dc.a6.32.01.02.03",
        "gg:a6:32:01:02:03",
        "dc:a6:32:01:02:0",
        "<script>alert(1)",
        "dc:a6:32:01:02:+3"
      })
  void rejectsAnythingElseNamingTheText(String text) {
    IllegalArgumentException error =
        assertThrows(IllegalArgumentException.class, () -> MacAddress.parse(text));
    assertTrue(error.getMessage().endsWith(text));
  }

  @Test
  void deviceClassesAreNamedAsInConfiguration() {
    assertEquals(DeviceClass.STAFF_OWNED, DeviceClass.named("Staff-Owned").orElseThrow());
    assertTrue(DeviceClass.named("teacher").isEmpty());
    assertEquals(6, DeviceClass.values().length);
  }
}
