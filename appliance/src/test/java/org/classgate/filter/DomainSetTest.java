package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.WireFormatException;
import org.junit.jupiter.api.Test;

class DomainSetTest {
  private static final int GAMBLING = 1;
  private static final int ADULT = 2;
  private static final int GAMES = 4;

  private static Name name(String text) throws WireFormatException {
    return Name.of(text);
  }

  @Test
  void entryMatchesItselfAndEverySubdomain() throws Exception {
    DomainSet set = new DomainSet.Builder().add("casino.example", GAMBLING).build();
    assertEquals(GAMBLING, set.match(name("casino.example")));
    assertEquals(GAMBLING, set.match(name("casino.example.")));
    assertEquals(GAMBLING, set.match(name("www.casino.example")));
    assertEquals(GAMBLING, set.match(name("a.b.c.d.casino.example")));
  }

  @Test
  void anExceptionTakesItsCategoryOutOfTheNameAndItsSubdomainsOnly() throws Exception {
    DomainSet listed =
        new DomainSet.Builder()
            .add("casino.example", GAMBLING | ADULT)
            .add("ads.good.casino.example", GAMES)
            .build();
    DomainSet exceptions = new DomainSet.Builder().add("good.casino.example", GAMBLING).build();
    DomainSet set = listed.withExceptions(exceptions);
    assertEquals(GAMBLING | ADULT, set.match(name("casino.example")));
    assertEquals(GAMBLING | ADULT, set.match(name("bad.casino.example")));
    assertEquals(ADULT, set.match(name("good.casino.example")), "only gambling is excepted");
    assertEquals(ADULT, set.match(name("WWW.Good.Casino.Example")));
    assertEquals(ADULT | GAMES, set.match(name("ads.good.casino.example")));
    assertEquals(0, set.match(name("other.example")));
    assertEquals(GAMBLING | ADULT, set.matchListed(name("good.casino.example")));
    assertEquals(1, set.exceptions().size());
    assertEquals(listed.heapBytes() + exceptions.heapBytes(), set.heapBytes());
    // Replacing, not stacking: the new exceptions are the only ones.
    DomainSet none = set.withExceptions(DomainSet.EMPTY);
    assertEquals(GAMBLING | ADULT, none.match(name("good.casino.example")));
    assertEquals(DomainSet.EMPTY, none.exceptions());
  }

  @Test
  void childEntryDoesNotBlockItsParentOrLookAlikes() throws Exception {
    DomainSet set = new DomainSet.Builder().add("games.school.example", GAMES).build();
    assertEquals(0, set.match(name("school.example")));
    assertEquals(0, set.match(name("example")));
    assertEquals(0, set.match(name("minigames.school.example")), "a label is not a substring");
    assertEquals(0, set.match(name("games.school.example.org")));
    assertEquals(0, set.match(Name.ROOT));
  }

  @Test
  void caseIsIgnoredOnBothSides() throws Exception {
    DomainSet set =
        new DomainSet.Builder()
            .add("MiXeD.Example", GAMBLING)
            .add(name("UPPER.EXAMPLE"), ADULT)
            .build();
    assertEquals(GAMBLING, set.match(name("mixed.example")));
    assertEquals(GAMBLING, set.match(name("WWW.MIXED.EXAMPLE")));
    assertEquals(ADULT, set.match(name("upper.example")));
    assertEquals(ADULT, set.match(name("x.Upper.Example")));
  }

  @Test
  void categoriesOfRepeatsAndOfAncestorsAreOred() throws Exception {
    DomainSet set =
        new DomainSet.Builder()
            .add("both.example", GAMBLING)
            .add("BOTH.example", ADULT)
            .add("example", GAMES)
            .build();
    assertEquals(2, set.size(), "a repeated domain is one entry");
    assertEquals(GAMBLING | ADULT | GAMES, set.match(name("www.both.example")));
    assertEquals(GAMES, set.match(name("other.example")));
  }

  @Test
  void queriesLongerThanAnyEntryStillMatchThroughAncestors() throws Exception {
    DomainSet set = new DomainSet.Builder().add("tracker.example", ADULT).build();
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 100; i++) {
      deep.append("a.");
    }
    assertEquals(ADULT, set.match(name(deep + "tracker.example")));
    assertEquals(0, set.match(name(deep + "example")));
  }

  @Test
  void emptySetMatchesNothing() throws Exception {
    assertEquals(0, DomainSet.EMPTY.match(name("anything.example")));
    assertEquals(0, DomainSet.EMPTY.size());
  }

  @Test
  void builderRejectsTheRootEmptyLabelsAndAnEmptyMask() throws Exception {
    DomainSet.Builder builder = new DomainSet.Builder();
    assertThrows(IllegalArgumentException.class, () -> builder.add(Name.ROOT, GAMBLING));
    assertThrows(IllegalArgumentException.class, () -> builder.add(".", GAMBLING));
    assertThrows(IllegalArgumentException.class, () -> builder.add("a..example", GAMBLING));
    assertThrows(IllegalArgumentException.class, () -> builder.add("x".repeat(64), GAMBLING));
    assertThrows(IllegalArgumentException.class, () -> builder.add("b\u00fccher.example", 1));
    assertThrows(IllegalArgumentException.class, () -> builder.add("fine.example", 0));
    assertEquals(0, builder.added());
  }

  @Test
  void heapBytesCountsTheArraysExactly() throws Exception {
    DomainSet set = new DomainSet.Builder().add("a.example", GAMBLING).add("b.example", 3).build();
    // 8 slots: long[8] = 16 + 64, byte[8] = 16 + 8, two distinct masks int[2] = 16 + 8.
    assertEquals(80 + 24 + 24, set.heapBytes());
  }

  @Test
  void repeatsDoNotInflateTheTable() throws Exception {
    DomainSet.Builder once = new DomainSet.Builder();
    DomainSet.Builder twice = new DomainSet.Builder();
    for (int i = 0; i < 10_000; i++) {
      once.add("host" + i + ".example", GAMBLING);
      twice.add("host" + i + ".example", GAMBLING).add("HOST" + i + ".example", GAMBLING);
    }
    assertEquals(once.build().heapBytes(), twice.build().heapBytes());
    assertEquals(10_000, twice.build().size());
  }

  @Test
  void moreThan256DistinctMasksAreKeptPerSlot() throws Exception {
    DomainSet.Builder builder = new DomainSet.Builder();
    for (int mask = 1; mask <= 1000; mask++) {
      builder.add("m" + mask + ".example", mask);
    }
    DomainSet set = builder.build();
    for (int mask = 1; mask <= 1000; mask++) {
      assertEquals(mask, set.match(name("www.m" + mask + ".example")));
    }
    int slots = DomainSet.slotsFor(1000);
    assertEquals((16 + 8L * slots) + (16 + 4L * slots + 7) / 8 * 8, set.heapBytes());
  }

  @Test
  void fingerprintFoldsExactlyTheAsciiLettersAtEveryPosition() {
    // Label lengths that exercise the octet loop (names under 8 octets), whole words, and the
    // overlapping read of a 1-7 octet tail.
    for (int labelLength : new int[] {1, 5, 6, 7, 13, 14, 16, 22}) {
      for (int position = 0; position < labelLength; position++) {
        long[] byOctet = new long[256];
        for (int octet = 0; octet < 256; octet++) {
          byte[] wire = labelWith(labelLength, position, octet);
          byOctet[octet] = DomainFingerprint.of(wire, 0, wire.length);
        }
        for (int a = 0; a < 256; a++) {
          for (int b = a + 1; b < 256; b++) {
            boolean sameIgnoringCase =
                DomainFingerprint.toLowerAscii((byte) a)
                    == DomainFingerprint.toLowerAscii((byte) b);
            assertEquals(
                sameIgnoringCase,
                byOctet[a] == byOctet[b],
                "octets " + a + ", " + b + " at " + position + " of " + labelLength);
          }
        }
      }
    }
  }

  /** The wire form of one label of 'q's with {@code octet} at {@code position}. */
  private static byte[] labelWith(int labelLength, int position, int octet) {
    byte[] wire = new byte[labelLength + 2];
    wire[0] = (byte) labelLength;
    for (int i = 1; i <= labelLength; i++) {
      wire[i] = 'q';
    }
    wire[1 + position] = (byte) octet;
    return wire; // the last octet stays 0: the root label
  }

  @Test
  void fingerprintOfASuffixIsTheFingerprintOfThatName() throws Exception {
    byte[] full = name("www.Example.COM").wireBytes();
    byte[] suffix = name("example.com").wireBytes();
    assertEquals(
        DomainFingerprint.of(suffix, 0, suffix.length), DomainFingerprint.of(full, 4, full.length));
  }

  @Test
  void builderTextAndNamesAgree() throws Exception {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      texts.add("label" + i + "." + "x".repeat(i % 40 + 1) + ".example");
    }
    DomainSet.Builder fromText = new DomainSet.Builder();
    texts.forEach(text -> fromText.add(text, GAMBLING));
    DomainSet set = fromText.build();
    for (String text : texts) {
      assertEquals(GAMBLING, set.match(name(text.toUpperCase(java.util.Locale.ROOT))), text);
    }
  }
}
