package org.classgate.filter.schedule;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.time.Instant;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Fuzz target for period texts (configuration a person types, also settable with {@code --set}). In
 * a normal build it replays the seeds under {@code TimetableTextFuzzTestInputs}; {@code
 * JAZZER_FUZZ=1} fuzzes. Any text either builds a timetable whose canonical text reads back to the
 * same ranges and whose next change is a real change, or is rejected with a {@link
 * TimetableException} whose message is printable and bounded; nothing else may escape.
 */
class TimetableTextFuzzTest {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  @FuzzTest(maxDuration = "30s")
  void parsesOrExplains(FuzzedDataProvider data) throws Exception {
    String first = data.consumeString(200);
    long second = data.consumeLong();
    String other = data.consumeRemainingAsString();
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put("lessons", first);
    texts.put("lunch", other);
    Timetable timetable;
    try {
      timetable = Timetable.parse(LONDON, texts);
    } catch (TimetableException e) {
      assertTrue(e.getMessage().length() < 700, e.getMessage());
      assertTrue(e.getMessage().chars().noneMatch(c -> c < 0x20 || c == 0x7f), e.getMessage());
      assertTrue(texts.containsKey(e.period()), e.period());
      return;
    }
    for (String period : List.of("lessons", "lunch")) {
      List<WeeklyRange> ranges = timetable.ranges(period);
      String canonical = String.join(", ", ranges.stream().map(WeeklyRange::toString).toList());
      assertEquals(ranges, Timetable.parse(LONDON, Map.of(period, canonical)).ranges(period));
    }
    // Any instant from 1970 to 2100.
    Instant at = Instant.ofEpochSecond(Math.floorMod(second, 4_102_444_800L));
    String now = timetable.periodAt(at);
    Optional<Instant> change = timetable.nextChangeAfter(at);
    if (change.isPresent()) {
      assertTrue(change.get().isAfter(at));
      assertEquals(now, timetable.periodAt(change.get().minusNanos(1)));
      assertTrue(!now.equals(timetable.periodAt(change.get())), "no change at " + change.get());
    }
  }
}
