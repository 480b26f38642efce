package org.classgate.filter.changelog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChangeChainTest {
  private static final Instant AT = Instant.parse("2026-11-23T09:00:00Z");

  private static ChangeEntry entry(String actor, String before, String after, String reason) {
    return new ChangeEntry(actor, AT, "allowance.create", before, after, reason, "oso");
  }

  @Test
  void theEncodingIsExactlyAsDocumented() {
    ChangeEntry entry =
        new ChangeEntry("a", Instant.ofEpochSecond(1, 2), "x", null, "", "ré\uD83D\uDE00", null);
    assertEquals(
        "01"
            + "0000000000000002"
            + "0000000000000001"
            + "00000002"
            + "00000001"
            + "61"
            + "00000001"
            + "78"
            + "ffffffff"
            + "00000000"
            + "00000007"
            + "72c3a9f09f9880"
            + "ffffffff",
        HexFormat.of().formatHex(ChangeChain.encode(2, entry)));
    // Known answer computed independently (Python hashlib over the same bytes).
    assertEquals(
        "61d862265e892f91f26936dc3b1a15d76114d540f04b737fa78a75000933b6c8",
        ChangeChain.hex(ChangeChain.link(ChangeChain.genesis(), 2, entry)));
  }

  @Test
  void movingTextBetweenFieldsChangesTheEncoding() {
    assertFalse(
        java.util.Arrays.equals(
            ChangeChain.encode(1, entry("ab", null, "c", "r")),
            ChangeChain.encode(1, entry("a", null, "bc", "r"))));
    // A reason that spells out what would follow it cannot pass for other fields.
    assertFalse(
        java.util.Arrays.equals(
            ChangeChain.encode(1, entry("a", "b", "c", "r")),
            ChangeChain.encode(1, entry("a", null, null, "r"))));
  }

  @Test
  void nullAndEmptyAreDifferentValues() {
    assertNotEquals(
        ChangeChain.hex(ChangeChain.link(ChangeChain.genesis(), 1, entry("a", null, "x", "r"))),
        ChangeChain.hex(ChangeChain.link(ChangeChain.genesis(), 1, entry("a", "", "x", "r"))));
  }

  @Test
  void theHashDependsOnThePreviousHashAndThePosition() {
    ChangeEntry entry = entry("a", null, "x", "r");
    byte[] first = ChangeChain.link(ChangeChain.genesis(), 1, entry);
    assertEquals(ChangeChain.HASH_LENGTH, first.length);
    assertFalse(java.util.Arrays.equals(first, ChangeChain.link(ChangeChain.genesis(), 2, entry)));
    assertFalse(java.util.Arrays.equals(first, ChangeChain.link(first, 1, entry)));
    assertArrayEquals(first, ChangeChain.link(ChangeChain.genesis(), 1, entry), "deterministic");
    assertThrows(IllegalArgumentException.class, () -> ChangeChain.link(new byte[31], 1, entry));
  }

  @Test
  void entriesRefuseWhatCannotBeStoredExactly() {
    assertThrows(IllegalArgumentException.class, () -> entry(" ", null, null, "r"));
    assertThrows(IllegalArgumentException.class, () -> entry("a", null, null, "\n"));
    assertThrows(IllegalArgumentException.class, () -> entry("a", "\uDC00", null, "r"));
    assertThrows(
        IllegalArgumentException.class,
        () -> entry("a", null, "x".repeat(AuditText.MAX_LENGTH + 1), "r"));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ChangeEntry("a", AT, "Allowance Create", null, null, "r", null));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> entry("a", null, null, "ok\uD800"));
    assertTrue(e.getMessage().contains("position 2"), e.getMessage());
  }
}
