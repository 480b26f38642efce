package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.regex.Pattern;
import org.classgate.dns.wire.Name;

/**
 * Fuzz target for a profile's entry text: any input either is refused with {@link
 * IllegalArgumentException} or gives one normalised domain that normalises to itself and that a
 * one-entry {@link ProfileEntries} matches. Replays its seeds in a normal build; {@code
 * JAZZER_FUZZ=1} fuzzes.
 */
class EntryTextFuzzTest {
  private static final Pattern NORMALISED =
      Pattern.compile("[a-z0-9_-]{1,63}(\\.[a-z0-9_-]{1,63})*");

  @FuzzTest(maxDuration = "30s")
  void anEntryIsRefusedOrNormalisedStably(FuzzedDataProvider data) throws Exception {
    String text = data.consumeRemainingAsString();
    String domain;
    try {
      domain = EntryText.domain(text);
    } catch (IllegalArgumentException refused) {
      return;
    }
    assertTrue(domain.length() <= 253 && NORMALISED.matcher(domain).matches(), domain);
    assertEquals(domain, EntryText.domain(domain), "normalising twice changes nothing");
    Name name = Name.of(domain);
    ProfileEntries entries = ProfileEntries.of(List.of(), List.of(name));
    assertTrue(entries.denies(name), domain);
    if (domain.length() <= 240) {
      assertTrue(entries.denies(Name.of("sub." + domain.toUpperCase(java.util.Locale.ROOT))));
    }
  }
}
