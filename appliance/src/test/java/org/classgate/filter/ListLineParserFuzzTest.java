package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.classgate.dns.wire.Name;

/**
 * Fuzz target for the list line parser (untrusted input from downloaded lists). In a normal build
 * it replays the seeds under {@code ListLineParserFuzzTestInputs}; {@code JAZZER_FUZZ=1} fuzzes.
 */
class ListLineParserFuzzTest {
  private static final Pattern NORMALISED =
      Pattern.compile("[a-z0-9_-]{1,63}(\\.[a-z0-9_-]{1,63})*");

  @FuzzTest(maxDuration = "30s")
  void everyEmittedNameIsValidAndMatchable(FuzzedDataProvider data) throws Exception {
    String text = data.consumeRemainingAsString();
    char[] line = text.toCharArray();
    int length = Math.min(line.length, ListLineParser.MAX_LINE_CHARS);
    RecordingSink sink = new RecordingSink();
    new ListLineParser().parse(line, length, sink);
    List<String> names = new ArrayList<>();
    int[] skips = {0};
    for (String result : sink.results) {
      if (result.startsWith("!")) {
        skips[0]++;
      } else {
        names.add(result.startsWith("@@") ? result.substring(2) : result);
      }
    }
    assertTrue(names.size() + skips[0] <= length / 2 + 1, "more results than fields");
    DomainSet.Builder builder = new DomainSet.Builder();
    for (String name : names) {
      assertTrue(name.length() <= 253, name);
      assertTrue(NORMALISED.matcher(name).matches(), name);
      builder.add(name, 1);
    }
    DomainSet set = builder.build();
    for (String name : names) {
      assertEquals(1, set.match(Name.of(name)), name);
    }
  }
}
