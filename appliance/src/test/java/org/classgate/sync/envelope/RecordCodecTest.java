package org.classgate.sync.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.classgate.sync.RecordKind;
import org.classgate.sync.SyncRecord;
import org.junit.jupiter.api.Test;

class RecordCodecTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void encodesKindFlagsLengthAndPayloadExactly() throws Exception {
    List<SyncRecord> records =
        List.of(
            SyncRecord.of(9, RecordKind.ALERT, new byte[] {(byte) 0xab, (byte) 0xcd}),
            SyncRecord.tombstone(10, RecordKind.ACTIVITY_SUMMARY));
    byte[] out = new byte[RecordCodec.encodedLength(records)];
    assertEquals(out.length, RecordCodec.encode(records, out, 0));
    assertEquals("020000000002abcd" + "060100000000", HEX.formatHex(out));
    assertEquals(records, RecordCodec.decode(out, 9, 2));
  }

  @Test
  void refusesEveryDeviationFromTheHeader() {
    byte[] good = HEX.parseHex("020000000002abcd060100000000");
    assertBad(good, 3, "cut short");
    assertBad(good, 1, "after the last record");
    assertBad(HEX.parseHex("070000000000"), 1, "unknown kind 7");
    assertBad(HEX.parseHex("000000000000"), 1, "unknown kind 0");
    assertBad(HEX.parseHex("020200000000"), 1, "unknown flags");
    assertBad(HEX.parseHex("0201000000011f"), 1, "dropped record 0 carries a payload");
    assertBad(HEX.parseHex("0200000000ff00"), 1, "claims 255 bytes");
    assertBad(HEX.parseHex("0200ffffffff00"), 1, "claims -1 bytes");
  }

  @Test
  void decodedPayloadsAreIndependentOfTheBuffer() throws Exception {
    byte[] plaintext = HEX.parseHex("010000000003616263");
    SyncRecord record = RecordCodec.decode(plaintext, 1, 1).get(0);
    Arrays.fill(plaintext, (byte) 0);
    assertArrayEquals("abc".getBytes(java.nio.charset.StandardCharsets.US_ASCII), record.payload());
  }

  private static void assertBad(byte[] plaintext, int count, String detail) {
    EnvelopeRejected rejected =
        assertThrows(EnvelopeRejected.class, () -> RecordCodec.decode(plaintext, 1, count));
    assertEquals(Rejection.BAD_RECORDS, rejected.reason());
    assertTrue(rejected.getMessage().contains(detail), rejected.getMessage());
  }
}
