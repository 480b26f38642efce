package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CategoriesTest {
  private final Categories categories = Categories.of(List.of("gambling", "adult", "social-media"));

  @Test
  void bitsFollowTheConfiguredOrder() {
    assertEquals(1, categories.bit("gambling"));
    assertEquals(2, categories.bit("adult"));
    assertEquals(4, categories.bit("social-media"));
    assertEquals(3, categories.size());
    assertEquals(5, categories.mask(List.of("gambling", "social-media")));
    assertTrue(categories.contains("adult"));
    assertFalse(categories.contains("dating"));
  }

  @Test
  void namesRoundTripFromBitsAndMasks() {
    assertEquals("adult", categories.name(2));
    assertEquals(List.of("gambling", "social-media"), categories.names(5));
    assertEquals(List.of(), categories.names(0));
    assertEquals(List.of("adult"), categories.names(2 | 1 << 20), "unknown bits are ignored");
    assertEquals(List.of("gambling", "adult", "social-media"), categories.all());
  }

  @Test
  void unknownNamesAndBitsAreRejectedWithWhatIsConfigured() {
    IllegalArgumentException unknown =
        assertThrows(IllegalArgumentException.class, () -> categories.bit("dating"));
    assertEquals(
        "unknown category 'dating'; configured categories are [gambling, adult, social-media]",
        unknown.getMessage());
    assertThrows(IllegalArgumentException.class, () -> categories.name(3), "two bits");
    assertThrows(IllegalArgumentException.class, () -> categories.name(8), "unconfigured bit");
    assertThrows(IllegalArgumentException.class, () -> categories.name(0));
  }

  @Test
  void thirtyTwoCategoriesUseEveryBitIncludingTheSignBit() {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 32; i++) {
      names.add("c" + i);
    }
    Categories all = Categories.of(names);
    assertEquals(Integer.MIN_VALUE, all.bit("c31"));
    assertEquals("c31", all.name(Integer.MIN_VALUE));
    assertEquals(32, all.names(-1).size());
    names.add("c32");
    IllegalArgumentException tooMany =
        assertThrows(IllegalArgumentException.class, () -> Categories.of(names));
    assertTrue(tooMany.getMessage().startsWith("at most 32 list categories"), tooMany.getMessage());
  }

  @Test
  void invalidOrRepeatedNamesAreRejected() {
    for (String bad : Arrays.asList("Gambling", "-adult", "", "social_media", "a b", null, "é")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class,
              () -> Categories.of(Arrays.asList("ok", bad)),
              String.valueOf(bad));
      assertTrue(e.getMessage().contains("invalid category name '" + bad + "'"), e.getMessage());
    }
    IllegalArgumentException twice =
        assertThrows(
            IllegalArgumentException.class, () -> Categories.of(List.of("adult", "adult")));
    assertEquals("category 'adult' is configured twice", twice.getMessage());
    assertEquals(0, Categories.of(List.of()).size());
  }
}
