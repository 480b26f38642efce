package org.classgate.activity;

import static org.classgate.activity.ActivityRecords.CATEGORIES;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import java.util.Random;
import org.classgate.dns.Outcome;
import org.classgate.dns.wire.Name;
import org.junit.jupiter.api.Test;

class ActivityBatchCodecTest {
  private static final long BATCH = 9_000_000_000_000L;

  private static byte[] encode(QueryRecord[] rows) {
    ActivityBatchCodec.Encoder encoder = new ActivityBatchCodec.Encoder(BATCH, CATEGORIES);
    DecisionRow row = new DecisionRow();
    for (QueryRecord record : rows) {
      encoder.add(row.set(record));
    }
    return encoder.finish();
  }

  private static List<QueryRecord> decode(byte[] packed, List<CategoryNames> names) {
    List<QueryRecord> rows = new java.util.ArrayList<>();
    names.add(ActivityBatchCodec.decode(packed, BATCH, row -> rows.add(row.toRecord())));
    return rows;
  }

  private static QueryRecord[] sample() throws Exception {
    return new QueryRecord[] {
      new QueryRecord(
          BATCH - 3_000_000_123L,
          InetAddress.getByName("10.0.0.5"),
          "aa:bb:cc:dd:ee:ff",
          "pupil",
          Name.of("Bet.Example"),
          1,
          Outcome.BLOCKED,
          3,
          1_234_000),
      new QueryRecord(
          BATCH,
          InetAddress.getByName("2001:db8::1"),
          null,
          null,
          Name.of("\\000\\255.x"),
          65535,
          Outcome.SERVFAIL,
          0,
          0),
      new QueryRecord(
          BATCH - 1,
          InetAddress.getByName("10.0.0.5"),
          "aa:bb:cc:dd:ee:ff",
          "pupil",
          Name.of("www.example"),
          28,
          Outcome.CACHED,
          0,
          5_000),
    };
  }

  @Test
  void aBatchRoundTripsWithMicrosecondTimesAndExactNames() throws Exception {
    QueryRecord[] rows = sample();
    byte[] packed = encode(rows);

    List<CategoryNames> names = new java.util.ArrayList<>();
    List<QueryRecord> decoded = decode(packed, names);

    assertEquals(3, decoded.size());
    for (int i = 0; i < rows.length; i++) {
      QueryRecord in = rows[i];
      QueryRecord out = decoded.get(i);
      assertEquals((BATCH - in.monotonicNanos()) / 1000, (BATCH - out.monotonicNanos()) / 1000);
      assertEquals(in.client(), out.client());
      assertEquals(in.deviceId(), out.deviceId());
      assertEquals(in.profile(), out.profile());
      assertArrayEquals(in.name().wireBytes(), out.name().wireBytes());
      assertEquals(in.type(), out.type());
      assertEquals(in.outcome(), out.outcome());
      assertEquals(in.categories(), out.categories());
      assertEquals(in.latencyNanos() / 1000, out.latencyNanos() / 1000);
    }
    // Category names travel with the batch: bits only mean something to one configuration.
    assertEquals(List.of("gambling", "games"), names.get(0).namesOf(3));
  }

  @Test
  void aClassroomBatchTakesAboutThirtyBytesADecision() throws Exception {
    QueryRecord[] rows = new QueryRecord[1000];
    for (int i = 0; i < rows.length; i++) {
      rows[i] =
          new QueryRecord(
              BATCH - i * 7_000_000L,
              InetAddress.getByName("10.20.0." + (10 + i % 30)),
              null,
              "pupil",
              Name.of("cdn" + (i % 300) + ".example.com"),
              i % 3 == 0 ? 28 : 1,
              i % 8 == 0 ? Outcome.BLOCKED : Outcome.CACHED,
              i % 8 == 0 ? 1 : 0,
              300_000);
    }
    byte[] packed = encode(rows);
    assertTrue(packed.length < rows.length * 36, packed.length + " bytes for 1000 decisions");
    assertEquals(1000, decode(packed, new java.util.ArrayList<>()).size());
  }

  @Test
  void damagedBytesAreRefusedWithOneExceptionTypeAndNeverLoop() throws Exception {
    QueryRecord[] rows = sample();
    byte[] packed = encode(rows);
    Random random = new Random(5);
    for (int trial = 0; trial < 20_000; trial++) {
      byte[] damaged = packed.clone();
      int flips = 1 + random.nextInt(4);
      for (int f = 0; f < flips; f++) {
        damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
      }
      if (random.nextInt(4) == 0) {
        damaged = java.util.Arrays.copyOf(damaged, random.nextInt(damaged.length));
      }
      try {
        ActivityBatchCodec.decode(damaged, BATCH, row -> row.questionName());
      } catch (IllegalArgumentException expected) {
        // The only failure allowed.
      }
    }
    assertThrows(
        IllegalArgumentException.class, () -> ActivityBatchCodec.decode(new byte[0], 0, row -> {}));
    assertThrows(
        IllegalArgumentException.class,
        () -> ActivityBatchCodec.decode(new byte[] {2}, 0, row -> {}));
  }
}
