package org.classgate.incidents.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import org.classgate.incidents.SnapshotEntry;

/**
 * The packed snapshot read from the database: a damaged value is refused with a reason, never
 * anything else (an incident must stay viewable with a clear error, not crash the console or the
 * command). In a normal build this replays the seeds; {@code JAZZER_FUZZ=1} fuzzes.
 */
class SnapshotCodecFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void packedSnapshotsAreReadOrRefusedNeverCrash(FuzzedDataProvider data) {
    byte[] bytes = data.consumeRemainingAsBytes();
    List<SnapshotEntry> entries;
    try {
      entries = SnapshotCodec.decode(bytes);
    } catch (IllegalArgumentException e) {
      return;
    }
    assertEquals(entries, SnapshotCodec.decode(SnapshotCodec.encode(entries)));
  }
}
