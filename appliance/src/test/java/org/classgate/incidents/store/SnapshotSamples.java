package org.classgate.incidents.store;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.classgate.incidents.SnapshotEntry;

/** Snapshots for the codec and store tests: a classroom's mix, and the awkward cases. */
final class SnapshotSamples {
  static final Instant PRESS = Instant.parse("2025-03-10T10:30:00Z");

  private SnapshotSamples() {}

  /**
   * {@code count} queries over the ten minutes before {@link #PRESS} from 30 devices, oldest first:
   * one in seven blocked (some by two categories), a few without a device or a profile, every name
   * different, as a busy classroom looks.
   */
  static List<SnapshotEntry> classroom(int count) {
    List<SnapshotEntry> entries = new ArrayList<>(count);
    for (int i = 0; i < count; i++) {
      int device = i % 30;
      boolean blocked = i % 7 == 0;
      entries.add(
          new SnapshotEntry(
              PRESS.minusMillis(600_000L * (count - i) / count),
              "192.0.2." + (device + 10),
              device == 29 ? null : "tablet-" + device,
              device == 28 ? null : "pupil",
              "host" + i + ".example.org",
              i % 5 == 0 ? 28 : 1,
              blocked ? "BLOCKED" : i % 3 == 0 ? "CACHED" : "ALLOWED",
              !blocked ? List.of() : i % 2 == 0 ? List.of("gambling", "games") : List.of("adult")));
    }
    return entries;
  }

  /** Entries with every optional part missing, odd text and times that go backwards. */
  static List<SnapshotEntry> awkward() {
    return List.of(
        new SnapshotEntry(
            Instant.ofEpochMilli(1_741_602_600_123L),
            "2001:db8::1",
            null,
            null,
            null,
            0,
            "FORMERR",
            List.of()),
        new SnapshotEntry(
            Instant.ofEpochMilli(1_741_602_000_000L),
            "192.0.2.23",
            "Élodie's tablet ✓",
            "staff, the \"senior\" team",
            "\\000\\255.x.example",
            65_535,
            "LOCKED",
            List.of("illegal-content", "self-harm", "")),
        new SnapshotEntry(
            Instant.ofEpochMilli(-86_400_000L),
            "192.0.2.23",
            "Élodie's tablet ✓",
            "pupil",
            "www.bbc.co.uk",
            1,
            "ALLOWED",
            List.of()),
        new SnapshotEntry(
            Instant.ofEpochMilli(Long.MAX_VALUE),
            "10.0.0.1",
            "",
            "",
            "",
            Integer.MIN_VALUE,
            "SERVFAIL",
            List.of("self-harm")));
  }
}
