package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import org.classgate.dns.wire.Name;
import org.junit.jupiter.api.Test;

/**
 * Building a {@link DomainSet} in one pass must give exactly the set the layout describes, whatever
 * order entries and repeats come in: every name's OR of masks, a table of {@code
 * slotsFor(distinct)} slots, and one code per mask some entry ends with (a whole mask per slot only
 * above 256).
 */
class DomainTableAssemblerTest {
  @Test
  void randomBuildsMatchAPlainMap() throws Exception {
    Random random = new Random(3);
    int[][] maskPools = {{1}, {1, 2, 4, 8, 3}, singleBits(30), range(1, 1000)};
    for (int round = 0; round < 60; round++) {
      int[] masks = maskPools[round % maskPools.length];
      int pool = 1 + random.nextInt(round % 3 == 0 ? 20 : 5000);
      int adds = random.nextInt(3 * pool);
      DomainSet.Builder builder = new DomainSet.Builder();
      Map<String, Integer> expected = new HashMap<>();
      for (int i = 0; i < adds; i++) {
        String name = "n" + random.nextInt(pool) + ".example";
        int mask = masks[random.nextInt(masks.length)];
        builder.add(random.nextBoolean() ? name : name.toUpperCase(java.util.Locale.ROOT), mask);
        expected.merge(name, mask, (a, b) -> a | b);
      }
      DomainSet set = builder.build();
      String context = "round " + round + ", " + adds + " adds";
      assertEquals(expected.size(), set.size(), context);
      assertEquals(heapBytes(expected), set.heapBytes(), context);
      for (Map.Entry<String, Integer> entry : expected.entrySet()) {
        assertEquals(entry.getValue(), set.match(Name.of("www." + entry.getKey())), context);
      }
      assertEquals(0, set.match(Name.of("n" + pool + ".example")), context);
    }
  }

  @Test
  void aMaskNoEntryEndsWithIsNotKept() throws Exception {
    DomainSet set =
        new DomainSet.Builder().add("a.example", 1).add("a.example", 2).add("b.example", 3).build();
    assertEquals(3, set.match(Name.of("a.example")));
    assertEquals(3, set.match(Name.of("b.example")));
    // 8 slots: long[8] = 16 + 64, byte[8] = 16 + 8, one mask (3; 1 and 2 are gone) int[1] = 24.
    assertEquals(80 + 24 + 24, set.heapBytes());
  }

  @Test
  void aFreedCodeIsReusedSoTheSetStaysCompact() throws Exception {
    DomainSet.Builder builder = new DomainSet.Builder();
    for (int mask = 1; mask <= 256; mask++) {
      builder.add("m" + mask + ".example", mask);
    }
    builder.add("m1.example", 1 << 20); // mask 1 is no longer used; 1 | 1<<20 takes its code
    DomainSet set = builder.build();
    assertEquals(1 | 1 << 20, set.match(Name.of("m1.example")));
    assertEquals(256, set.match(Name.of("m256.example")));
    int slots = DomainSet.slotsFor(256);
    assertEquals(longs(slots) + bytes(slots) + ints(256), set.heapBytes());
  }

  @Test
  void moreThan256MasksForAWhileEndCompactIfRepeatsMergeThem() throws Exception {
    DomainSet.Builder builder = new DomainSet.Builder();
    for (int mask = 1; mask <= 300; mask++) {
      builder.add("m" + mask + ".example", mask);
    }
    for (int mask = 1; mask <= 300; mask++) {
      builder.add("m" + mask + ".example", 0x7FFF_FFFF);
    }
    DomainSet set = builder.build();
    assertEquals(0x7FFF_FFFF, set.match(Name.of("www.m300.example")));
    int slots = DomainSet.slotsFor(300);
    assertEquals(longs(slots) + bytes(slots) + ints(1), set.heapBytes());
  }

  /** The layout's size for these entries, as {@link DomainSet} documents it. */
  private static long heapBytes(Map<String, Integer> entries) {
    int slots = DomainSet.slotsFor(entries.size());
    int masks = new HashSet<>(entries.values()).size();
    return longs(slots) + (masks <= 256 ? bytes(slots) + ints(masks) : ints(slots));
  }

  private static long longs(int length) {
    return align(16 + 8L * length);
  }

  private static long ints(int length) {
    return align(16 + 4L * length);
  }

  private static long bytes(int length) {
    return align(16 + (long) length);
  }

  private static long align(long bytes) {
    return (bytes + 7) & ~7L;
  }

  private static int[] singleBits(int count) {
    int[] masks = new int[count];
    for (int i = 0; i < count; i++) {
      masks[i] = 1 << i;
    }
    return masks;
  }

  private static int[] range(int from, int to) {
    int[] masks = new int[to - from + 1];
    for (int i = 0; i < masks.length; i++) {
      masks[i] = from + i;
    }
    return masks;
  }
}
