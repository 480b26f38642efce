package org.classgate.sync.payload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.jr.ob.JSON;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.classgate.sync.RecordKind;
import org.classgate.time.Stamp;
import org.junit.jupiter.api.Test;

/** Every record kind's JSON, both ways, with hostile text and at the size bound. */
class PayloadsTest {
  private static final Instant AT = Instant.parse("2025-03-10T10:30:00.123456789Z");
  private static final Stamp STAMP =
      new Stamp(77, "boot-\"1\"", 123_456_789L, 1_741_602_600_123L, false);

  /** Text a pupil or a hostile list could put in names and descriptions. */
  private static final String HOSTILE =
      "\"quoted\" \\back\\slash\n\r\t\u0000\u001f </script><b>bold</b> \u202eRTL\u202c"
          + " emoji \uD83D\uDE00 {\"v\":2} \u2028";

  private static IncidentPayload incident(List<IncidentPayload.SnapshotItem> snapshot) {
    return new IncidentPayload(
        12,
        "staff",
        "under-review",
        "Year 5 Oak",
        0,
        AT,
        "Tuesday, after lunch " + HOSTILE,
        AT,
        STAMP,
        HOSTILE,
        "Ms " + HOSTILE,
        List.of(
            new IncidentPayload.Action("status:acknowledged", "dsl", AT, null, null),
            new IncidentPayload.Action("refer-to-police", "head", AT, HOSTILE, "J. Head")),
        new ReviewPayload(
            AT,
            STAMP,
            "Online Safety Group",
            HOSTILE,
            new ReviewPayload.Reviewer("A", "DSL"),
            new ReviewPayload.Reviewer("B", "Head"),
            "Office PC",
            List.of(new ReviewPayload.Concern("bad.example", HOSTILE)),
            null),
        snapshot,
        0,
        0);
  }

  private static IncidentPayload.SnapshotItem item(int second, String outcome) {
    return new IncidentPayload.SnapshotItem(
        AT.plusMillis(second * 100L),
        "0123456789abcdef0123456789abcd" + (second % 30 < 10 ? "0" : "") + (second % 30),
        "www" + second + ".some-site.example.co.uk",
        outcome,
        outcome.equals("BLOCKED") ? "games,social" : "");
  }

  @Test
  void anIncidentTravelsWholeWithHostileTextUnchanged() throws Exception {
    IncidentPayload written = incident(List.of(item(1, "ALLOWED"), item(2, "BLOCKED")));
    byte[] json = written.encode();
    assertStrictUtf8(json);
    assertEquals(written, IncidentPayload.decode(json));
    // An independent reader sees the contract's field names and values.
    Map<String, Object> object = JSON.std.mapFrom(json);
    assertEquals(1, object.get("v"));
    assertEquals(HOSTILE, object.get("description"));
    assertEquals(AT.toString(), object.get("recordedAt"));
    assertTrue(object.containsKey("review"));
    Map<?, ?> stamp = (Map<?, ?>) object.get("stamp");
    assertEquals(77, stamp.get("seq"));
    assertEquals(false, stamp.get("synchronised"));
    assertEquals(
        List.of("at", "device", "name", "outcome", "category"),
        List.copyOf(((Map<?, ?>) ((List<?>) object.get("snapshot")).get(0)).keySet()));
    assertEquals(
        List.of("v", "id", "origin", "status", "classroom", "pressCount", "occurredAt"),
        List.copyOf(object.keySet()).subList(0, 7));
  }

  @Test
  void nullsAreWrittenNotLeftOut() throws Exception {
    IncidentPayload button =
        new IncidentPayload(
            3,
            "button",
            "new",
            "Oak",
            1,
            AT,
            null,
            AT,
            STAMP,
            "Report button pressed",
            null,
            List.of(),
            null,
            List.of(),
            0,
            0);
    Map<String, Object> object = JSON.std.mapFrom(button.encode());
    assertTrue(object.containsKey("review"));
    assertNull(object.get("review"));
    assertTrue(object.containsKey("reportedBy"));
    assertEquals(button, IncidentPayload.decode(button.encode()));
  }

  @Test
  void aLoneSurrogateBecomesTheReplacementCharacterAndNothingElseChanges() throws Exception {
    AlertPayload alert =
        new AlertPayload(
            5,
            "locked-content",
            "high",
            "abc",
            "illegal",
            "x\uD800y\uDC00z",
            HOSTILE,
            AT,
            STAMP,
            null);
    byte[] json = alert.encode();
    assertStrictUtf8(json);
    AlertPayload read = AlertPayload.decode(json);
    assertEquals("x\uFFFDy\uFFFDz", read.name());
    assertEquals(HOSTILE, read.detail());
  }

  @Test
  void tenMinutesOfABusyClassroomFitWhole() throws Exception {
    // 30 devices, one query a second each, for 10 minutes: 18,000 decisions, a tenth blocked.
    List<IncidentPayload.SnapshotItem> snapshot = new ArrayList<>();
    for (int i = 0; i < 18_000; i++) {
      snapshot.add(item(i, i % 10 == 0 ? "BLOCKED" : "ALLOWED"));
    }
    byte[] json = incident(snapshot).encode();
    assertTrue(json.length <= Payloads.MAX_BYTES, json.length + " bytes");
    IncidentPayload read = IncidentPayload.decode(json);
    assertEquals(18_000, read.snapshot().size());
    assertEquals(0, read.snapshotOmitted());
  }

  @Test
  void aSnapshotBeyondTheBoundKeepsBlockedThenNewestAndCountsTheRest() throws Exception {
    List<IncidentPayload.SnapshotItem> snapshot = new ArrayList<>();
    for (int i = 0; i < 60_000; i++) {
      snapshot.add(item(i, i % 20 == 0 ? "BLOCKED" : "ALLOWED"));
    }
    byte[] json = incident(snapshot).encode();
    assertTrue(json.length <= Payloads.MAX_BYTES, json.length + " bytes");
    IncidentPayload read = IncidentPayload.decode(json);
    assertEquals(60_000, read.snapshot().size() + read.snapshotOmitted());
    assertTrue(read.snapshotOmitted() > 0);
    assertEquals(
        3_000,
        read.snapshot().stream().filter(i -> i.outcome().equals("BLOCKED")).count(),
        "every blocked decision is kept");
    assertEquals(
        snapshot.get(snapshot.size() - 1), read.snapshot().get(read.snapshot().size() - 1));
    for (int i = 1; i < read.snapshot().size(); i++) {
      assertFalse(
          read.snapshot().get(i).at().isBefore(read.snapshot().get(i - 1).at()), "in time order");
    }
  }

  @Test
  void aPathologicalIncidentIsSqueezedNotRefused() throws Exception {
    String huge = "\u0001".repeat(12_000_000);
    List<IncidentPayload.Action> actions = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      actions.add(
          new IncidentPayload.Action("warning", "t" + i, AT, huge.substring(0, 5_000), null));
    }
    IncidentPayload payload =
        new IncidentPayload(
            9,
            "staff",
            "new",
            "Oak",
            0,
            AT,
            null,
            AT,
            STAMP,
            huge,
            "x",
            actions,
            null,
            List.of(item(1, "BLOCKED")),
            0,
            0);
    byte[] json = payload.encode();
    assertTrue(json.length <= Payloads.MAX_BYTES, json.length + " bytes");
    IncidentPayload read = IncidentPayload.decode(json);
    assertTrue(read.description().endsWith("characters cut]"), "the cut is said");
    assertEquals(5_000, read.actions().size() + read.actionsOmitted());
    assertEquals("t4999", read.actions().get(read.actions().size() - 1).by(), "the newest kept");
  }

  @Test
  void everyOtherKindRoundTrips() throws Exception {
    AlertPayload alert =
        new AlertPayload(8, "report-button", "high", null, null, null, "pressed", AT, STAMP, 12L);
    assertEquals(alert, Payloads.decode(RecordKind.ALERT, alert.encode()));
    ChangeLogPayload change =
        new ChangeLogPayload(
            4,
            AT,
            "teacher",
            "allowance.create",
            "example.com",
            HOSTILE,
            AT.plusSeconds(2700),
            "ab".repeat(32),
            "00".repeat(32),
            null,
            "allowance 4: " + HOSTILE,
            HOSTILE,
            "oso",
            false);
    assertEquals(change, Payloads.decode(RecordKind.CHANGE_LOG, change.encode()));
    DeviceChangePayload device =
        new DeviceChangePayload(
            "02:00:00:00:00:01", HOSTILE, "school-shared", "approved", "approved", null, AT, STAMP);
    assertEquals(device, Payloads.decode(RecordKind.DEVICE_CHANGE, device.encode()));
    HealthPayload health =
        new HealthPayload(
            AT,
            "degraded",
            List.of(new HealthPayload.Problem("disk", "warning", HOSTILE)),
            17,
            Map.of("games", 3600L, "adult", 86_400L),
            0);
    assertEquals(health, Payloads.decode(RecordKind.HEALTH, health.encode()));
    ActivitySummaryPayload summary =
        new ActivitySummaryPayload(
            LocalDate.of(2025, 3, 10), "0123abcd", 1234, 56, Map.of("games", 50L, "social", 6L));
    assertEquals(summary, Payloads.decode(RecordKind.ACTIVITY_SUMMARY, summary.encode()));
    assertEquals(
        "{\"v\":1,\"day\":\"2025-03-10\",\"device\":\"0123abcd\",\"allowed\":1234,\"blocked\":56,"
            + "\"byCategory\":{\"games\":50,\"social\":6}}",
        new String(summary.encode(), StandardCharsets.UTF_8));
  }

  @Test
  void malformedPayloadsAreRefusedWithTheReason() {
    byte[] good = new AlertPayload(1, "k", "high", null, null, null, "d", AT, STAMP, null).encode();
    String text = new String(good, StandardCharsets.UTF_8);
    assertMalformed("not JSON", "{\"v\":1,");
    assertMalformed("after its object", text + " {}");
    assertMalformed("not a JSON object", "[1]");
    assertMalformed("version 2", text.replace("\"v\":1", "\"v\":2"));
    assertMalformed("not JSON", text.replace("\"id\":1", "\"id\":1,\"id\":2"));
    assertMalformed("'raisedAt' is not an ISO-8601", text.replace(AT.toString(), "yesterday"));
    assertMalformed("'kind' is missing", text.replace("\"kind\":\"k\",", ""));
    assertMalformed("'id' is not an integer", text.replace("\"id\":1", "\"id\":\"1\""));
    assertThrows(MalformedPayload.class, () -> IncidentPayload.decode(good));
    assertThrows(
        MalformedPayload.class,
        () ->
            ActivitySummaryPayload.decode(
                "{\"v\":1,\"day\":\"10/03/2025\",\"device\":\"d\",\"allowed\":1,\"blocked\":0,\"byCategory\":{}}"
                    .getBytes(StandardCharsets.UTF_8)));
  }

  private static void assertMalformed(String reason, String json) {
    MalformedPayload e =
        assertThrows(
            MalformedPayload.class,
            () -> AlertPayload.decode(json.getBytes(StandardCharsets.UTF_8)),
            json);
    assertTrue(e.getMessage().contains(reason), e.getMessage());
  }

  /** Fails unless {@code bytes} are well-formed UTF-8 (no encoded lone surrogates). */
  private static void assertStrictUtf8(byte[] bytes) throws CharacterCodingException {
    StandardCharsets.UTF_8
        .newDecoder()
        .onMalformedInput(CodingErrorAction.REPORT)
        .onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes));
  }
}
