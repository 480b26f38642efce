package org.classgate.dns.cache;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CacheSettingsTest {
  @Test
  void defaultsAreTheDocumentedValues() {
    CacheSettings defaults = CacheSettings.defaults();
    assertEquals(10_000, defaults.maxEntries());
    assertEquals(8L * 1024 * 1024, defaults.maxBytes());
    assertEquals(0, defaults.minTtlSeconds());
    assertEquals(86_400, defaults.maxTtlSeconds());
    assertEquals(3_600, defaults.maxNegativeTtlSeconds());
    assertEquals(30, defaults.staleAnswerTtlSeconds());
    assertEquals(86_400, defaults.maxStaleSeconds());
  }

  @ParameterizedTest(name = "{6} = {7}")
  @CsvSource({
    "0, 8388608, 0, 86400, 3600, 30, maxEntries, 0",
    "10, 1023, 0, 86400, 3600, 30, maxBytes, 1023",
    "10, 8388608, -1, 86400, 3600, 30, minTtlSeconds, -1",
    "10, 8388608, 0, 0, 3600, 30, maxTtlSeconds, 0",
    "10, 8388608, 0, 86400, -5, 30, maxNegativeTtlSeconds, -5",
    "10, 8388608, 0, 86400, 3600, -30, staleAnswerTtlSeconds, -30",
    "10, 8388608, 600, 300, 3600, 30, minTtlSeconds, 600",
  })
  void invalidValuesAreRejectedNamingFieldAndValue(
      int entries,
      long bytes,
      int minTtl,
      int maxTtl,
      int negative,
      int staleTtl,
      String field,
      String value) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CacheSettings(entries, bytes, minTtl, maxTtl, negative, staleTtl, 86_400));
    assertEquals(true, e.getMessage().startsWith(field + " must"), e.getMessage());
    assertEquals(true, e.getMessage().endsWith("was " + value), e.getMessage());
  }

  @Test
  void negativeMaxStaleIsRejected() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> new CacheSettings(10, 1 << 20, 0, 86_400, 3600, 30, -1));
    assertEquals("maxStaleSeconds must be at least 0, was -1", e.getMessage());
  }
}
