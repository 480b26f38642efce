package org.classgate.incidents.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.classgate.incidents.SnapshotEntry;
import org.junit.jupiter.api.Test;

class SnapshotCodecTest {
  @Test
  void aClassroomSnapshotComesBackEqualAndCompact() {
    List<SnapshotEntry> entries = SnapshotSamples.classroom(3_000);
    byte[] packed = SnapshotCodec.encode(entries);
    assertEquals(entries, SnapshotCodec.decode(packed));
    // Each entry's name is new ("hostN.example.org", 18-21 bytes); everything else is shared.
    assertTrue(packed.length < 3_000 * 36, "bytes " + packed.length);
  }

  @Test
  void missingPartsOddTextAndBackwardTimesComeBackEqual() {
    List<SnapshotEntry> entries = SnapshotSamples.awkward();
    assertEquals(entries, SnapshotCodec.decode(SnapshotCodec.encode(entries)));
  }

  @Test
  void anEmptySnapshotIsTwoBytesOfHeaderAndACount() {
    assertArrayEquals(new byte[] {1, 0, 0}, SnapshotCodec.encode(List.of()));
    assertEquals(List.of(), SnapshotCodec.decode(new byte[] {1, 0, 0}));
  }

  @Test
  void oneEntryInExactBytes() {
    SnapshotEntry entry =
        new SnapshotEntry(
            Instant.ofEpochMilli(300), "c", null, "p", "n", -2, "o", List.of("k", "p"));
    byte[] expected = {
      1, // version
      5,
      1,
      'c',
      1,
      'p',
      1,
      'n',
      1,
      'o',
      1,
      'k', // strings: c p n o k
      1, // one entry
      (byte) 0xD8,
      4, // time: 300 ms after 0, zigzag 600 = 0x258
      0, // client "c"
      0, // no device
      2, // profile "p" (index 1, + 1)
      3, // name "n" (index 2, + 1)
      3, // type -2, zigzag
      3, // outcome "o"
      2,
      4,
      1 // categories "k", "p"
    };
    assertArrayEquals(expected, SnapshotCodec.encode(List.of(entry)));
    assertEquals(List.of(entry), SnapshotCodec.decode(expected));
  }

  @Test
  void everyTruncationAndTrailingBytesAreRefused() {
    byte[] packed = SnapshotCodec.encode(SnapshotSamples.awkward());
    for (int length = 0; length < packed.length; length++) {
      byte[] cut = Arrays.copyOf(packed, length);
      assertThrows(IllegalArgumentException.class, () -> SnapshotCodec.decode(cut), "" + length);
    }
    byte[] longer = Arrays.copyOf(packed, packed.length + 1);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SnapshotCodec.decode(longer));
    assertEquals("1 bytes after the last entry", e.getMessage());
  }

  @Test
  void damageIsRefusedWithItsReason() {
    assertEquals(
        "unknown incident snapshot version 2",
        assertThrows(IllegalArgumentException.class, () -> SnapshotCodec.decode(new byte[] {2}))
            .getMessage());
    // A string table that claims more strings than there are bytes.
    assertTrue(
        assertThrows(
                IllegalArgumentException.class,
                () -> SnapshotCodec.decode(new byte[] {1, (byte) 0xFF, (byte) 0xFF, 0x7F}))
            .getMessage()
            .startsWith("count 2097151"));
    // An entry whose client index is past the table.
    byte[] badIndex = {1, 1, 1, 'c', 1, 0, 5, 0, 0, 0, 0, 0, 0};
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> SnapshotCodec.decode(badIndex))
            .getMessage()
            .startsWith("index 5"));
    // A string that is not UTF-8.
    byte[] notUtf8 = {1, 1, 1, (byte) 0xC3, 0};
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> SnapshotCodec.decode(notUtf8))
            .getMessage()
            .contains("not UTF-8"));
  }

  @Test
  void randomDamageIsRefusedOrReadNeverAnotherException() {
    byte[] packed = SnapshotCodec.encode(SnapshotSamples.classroom(200));
    Random random = new Random(7);
    int refused = 0;
    for (int round = 0; round < 2_000; round++) {
      byte[] damaged = packed.clone();
      for (int flips = 1 + random.nextInt(4); flips > 0; flips--) {
        damaged[random.nextInt(damaged.length)] = (byte) random.nextInt(256);
      }
      try {
        List<SnapshotEntry> read = SnapshotCodec.decode(damaged);
        // Damage that still parses (a changed time or index) reads back as itself.
        assertEquals(read, SnapshotCodec.decode(SnapshotCodec.encode(read)));
      } catch (IllegalArgumentException e) {
        refused++;
      }
    }
    assertTrue(refused > 0, "some damage must be detectable");
  }
}
