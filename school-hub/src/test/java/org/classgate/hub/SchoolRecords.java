package org.classgate.hub;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.classgate.sync.RecordKind;
import org.classgate.sync.payload.ActivitySummaryPayload;
import org.classgate.sync.payload.AlertPayload;
import org.classgate.sync.payload.ChangeLogPayload;
import org.classgate.sync.payload.HealthPayload;
import org.classgate.sync.payload.IncidentPayload;
import org.classgate.time.Stamp;

/**
 * A classroom's real records, encoded by the box's own payload encoders, with the text fields a
 * hostile pupil or device could influence set to {@code hostile}: health problem text, incident
 * descriptions and actions, snapshot query names, alert names and details, change-log subjects.
 */
final class SchoolRecords {
  static final String ZEROS = "0".repeat(64);
  static final String HASH_1 = "a".repeat(64);
  static final String HASH_2 = "b".repeat(64);

  private SchoolRecords() {}

  private static Stamp stamp(long sequence, Instant at) {
    return new Stamp(sequence, "boot-1", sequence * 1000, at.toEpochMilli(), true);
  }

  /** Appends every kind of record, supersessions included, to {@code box}. */
  static void appendTo(BoxFixture box, String hostile) throws Exception {
    Instant pressed = Instant.parse("2025-02-10T10:15:00Z");
    List<IncidentPayload.SnapshotItem> snapshot =
        List.of(
            new IncidentPayload.SnapshotItem(
                pressed.minusSeconds(60), "dev-7f3a", "games.example", "ALLOWED", ""),
            new IncidentPayload.SnapshotItem(
                pressed.minusSeconds(30), "dev-7f3a", hostile + ".example", "BLOCKED", "adult"));
    box.append(
        RecordKind.HEALTH,
        new HealthPayload(
                Instant.parse("2025-03-03T08:00:00Z"),
                "degraded",
                List.of(new HealthPayload.Problem("lists", "warning", "list stale " + hostile)),
                23,
                Map.of("adult", 3600L),
                0)
            .encode());
    box.append(RecordKind.INCIDENT, incident(1, "new", 1, pressed, hostile, List.of(), snapshot));
    box.append(
        RecordKind.ALERT,
        new AlertPayload(
                7,
                "report-button",
                "high",
                null,
                null,
                null,
                "button pressed " + hostile,
                pressed,
                stamp(7, pressed),
                1L)
            .encode());
    box.append(
        RecordKind.INCIDENT,
        incident(
            1,
            "acknowledged",
            2,
            pressed,
            hostile,
            List.of(
                new IncidentPayload.Action(
                    "status:acknowledged", "dsl1", pressed.plusSeconds(600), hostile, null)),
            snapshot));
    box.append(
        RecordKind.INCIDENT,
        incident(
            2,
            "closed",
            0,
            Instant.parse("2025-01-20T13:00:00Z"),
            "staff report",
            List.of(),
            List.of()));
    box.append(
        RecordKind.ALERT,
        new AlertPayload(
                9,
                "locked-content",
                "high",
                "dev-11aa",
                "abuse",
                hostile + ".test",
                "locked list",
                Instant.parse("2025-02-11T09:00:00Z"),
                stamp(9, Instant.parse("2025-02-11T09:00:00Z")),
                null)
            .encode());
    box.append(RecordKind.CHANGE_LOG, change(1, hostile, HASH_1, ZEROS));
    box.append(RecordKind.CHANGE_LOG, change(2, "safe.example", HASH_2, HASH_1));
    box.append(RecordKind.CHANGE_LOG, change(3, "gap.example", "c".repeat(64), "d".repeat(64)));
    box.append(
        RecordKind.ACTIVITY_SUMMARY, day("2025-01-15", "dev-1", 100, 5, Map.of("adult", 5L)));
    box.append(
        RecordKind.ACTIVITY_SUMMARY,
        day("2025-02-03", "dev-1", 200, 7, Map.of("adult", 3L, "games", 4L)));
    box.append(RecordKind.ACTIVITY_SUMMARY, day("2025-02-04", "dev-2", 50, 1, Map.of("games", 1L)));
    // Outside the spring term: not counted.
    box.append(RecordKind.ACTIVITY_SUMMARY, day("2024-12-01", "dev-2", 9, 9, Map.of("games", 9L)));
  }

  static final int RECORDS = 13;

  private static byte[] incident(
      long id,
      String status,
      int presses,
      Instant at,
      String description,
      List<IncidentPayload.Action> actions,
      List<IncidentPayload.SnapshotItem> snapshot) {
    return new IncidentPayload(
            id,
            presses > 0 ? "button" : "staff",
            status,
            "Year 5 Oak",
            presses,
            at,
            null,
            at,
            stamp(id, at),
            description,
            presses > 0 ? null : "teacher1",
            actions,
            null,
            snapshot,
            0,
            0)
        .encode();
  }

  private static byte[] change(long index, String subject, String hash, String previous) {
    Instant at = Instant.parse("2025-02-01T08:00:00Z").plusSeconds(index);
    return new ChangeLogPayload(
            index,
            at,
            "tech1",
            "allowance.create",
            subject,
            "lesson",
            null,
            hash,
            previous,
            null,
            null,
            "lesson",
            null,
            false)
        .encode();
  }

  private static byte[] day(
      String day, String device, long allowed, long blocked, Map<String, Long> byCategory) {
    return new ActivitySummaryPayload(LocalDate.parse(day), device, allowed, blocked, byCategory)
        .encode();
  }
}
