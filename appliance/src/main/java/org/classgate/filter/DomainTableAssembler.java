package org.classgate.filter;

import java.util.Arrays;

/**
 * Fills the open-addressing table of a {@link DomainSet} (see its layout) in one pass over the
 * builder's entries: each fingerprint goes to its slot and each slot gets a one-byte code for its
 * category mask straight away, so no per-slot {@code int} mask array and no second pass over the
 * table is needed on the way to the compact layout.
 *
 * <p>The result is exactly the set {@link DomainSet} describes whatever order entries come in: a
 * table of {@link DomainSet#slotsFor} the distinct count (a second, compacting pass only when
 * repeats made the first table too big), and codes for exactly the masks some slot ends with,
 * falling back to a whole mask per slot only if more than 256 distinct masks remain. Masks that a
 * repeat ORs away stop being used; their codes are reused and finally dropped.
 *
 * <p>Not thread-safe; one use.
 */
final class DomainTableAssembler {
  private static final int MAX_CODES = 256;

  private long[] table;

  /** Per slot: the code of its mask; null after {@link #widen()}. */
  private byte[] codes;

  /** Per slot: its mask, only after {@link #widen()} (more than 256 masks in use). */
  private int[] slotMasks;

  private final int[] maskOfCode = new int[MAX_CODES];
  private final int[] usesOfCode = new int[MAX_CODES];
  private int codeCount;

  /** mask → code, open addressing; a key of 0 is empty (no category mask is 0). */
  private final int[] keys = new int[2 * MAX_CODES];

  private final byte[] values = new byte[2 * MAX_CODES];
  private int lastMask;
  private int lastCode;
  private int inserted;
  private int distinct;

  DomainTableAssembler(int slots) {
    table = new long[slots];
    codes = new byte[slots];
  }

  /**
   * Inserts one fingerprint with {@code mask} (non-zero), ORing a repeat, and grows the table by
   * half when it is three quarters full: for a table sized from an estimate (a reload knows about
   * how many domains to expect), so no list of every entry is kept on the side.
   */
  void insertOne(long fingerprint, int mask) {
    if (distinct >= table.length - table.length / 4) {
      rehash(DomainSet.slotsFor(distinct + distinct / 2));
    }
    long[] slots = table;
    int length = slots.length;
    int slot = DomainSet.homeSlot(fingerprint, length);
    long stored;
    while ((stored = slots[slot]) != DomainFingerprint.EMPTY && stored != fingerprint) {
      if (++slot == length) {
        slot = 0;
      }
    }
    if (stored == DomainFingerprint.EMPTY) {
      slots[slot] = fingerprint;
      distinct++;
      assign(slot, mask);
    } else {
      merge(slot, mask);
    }
    inserted++;
  }

  /** Inserts {@code source[from, from + n)}, each with {@code mask} (non-zero), ORing repeats. */
  void insert(long[] source, int from, int n, int mask) {
    long[] slots = table;
    int length = slots.length;
    for (int i = from; i < from + n; i++) {
      long fingerprint = source[i];
      int slot = DomainSet.homeSlot(fingerprint, length);
      long stored;
      while ((stored = slots[slot]) != DomainFingerprint.EMPTY && stored != fingerprint) {
        if (++slot == length) {
          slot = 0;
        }
      }
      if (stored == DomainFingerprint.EMPTY) {
        slots[slot] = fingerprint;
        distinct++;
        assign(slot, mask);
      } else {
        merge(slot, mask);
      }
    }
    inserted += n;
  }

  private void assign(int slot, int mask) {
    if (codes != null) {
      int code = codeFor(mask);
      if (code >= 0) {
        if (code != 0) {
          codes[slot] = (byte) code; // a new slot's code is already 0: spare a cache miss
        }
        usesOfCode[code]++;
        return;
      }
      widen();
    }
    slotMasks[slot] = mask;
  }

  /** ORs {@code mask} into an occupied slot's mask: a repeat of a domain. */
  private void merge(int slot, int mask) {
    if (codes != null) {
      int old = codes[slot] & 0xFF;
      int merged = maskOfCode[old] | mask;
      if (merged == maskOfCode[old]) {
        return;
      }
      usesOfCode[old]--; // so its code may be reused for the merged mask
      int code = codeFor(merged);
      if (code >= 0) {
        codes[slot] = (byte) code;
        usesOfCode[code]++;
        return;
      }
      usesOfCode[old]++;
      widen();
    }
    slotMasks[slot] |= mask;
  }

  /** The code of {@code mask}, given a new or a freed one if needed; -1 if all 256 are in use. */
  private int codeFor(int mask) {
    if (mask == lastMask) {
      return lastCode;
    }
    int code = lookup(mask);
    if (code < 0) {
      if (codeCount < MAX_CODES) {
        code = codeCount++;
        maskOfCode[code] = mask;
        put(mask, code);
      } else {
        code = unusedCode();
        if (code < 0) {
          return -1;
        }
        maskOfCode[code] = mask;
        rebuildLookup();
      }
    }
    lastMask = mask;
    lastCode = code;
    return code;
  }

  private int unusedCode() {
    for (int code = 0; code < codeCount; code++) {
      if (usesOfCode[code] == 0) {
        return code;
      }
    }
    return -1;
  }

  private int lookup(int mask) {
    int i = bucket(mask);
    while (keys[i] != 0) {
      if (keys[i] == mask) {
        return values[i] & 0xFF;
      }
      i = (i + 1) & (keys.length - 1);
    }
    return -1;
  }

  private void put(int mask, int code) {
    int i = bucket(mask);
    while (keys[i] != 0) {
      i = (i + 1) & (keys.length - 1);
    }
    keys[i] = mask;
    values[i] = (byte) code;
  }

  private int bucket(int mask) {
    return (mask * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(keys.length));
  }

  private void rebuildLookup() {
    Arrays.fill(keys, 0);
    lastMask = 0; // 0 is never a mask: the cache is empty
    for (int code = 0; code < codeCount; code++) {
      put(maskOfCode[code], code);
    }
  }

  /** Switches to a whole mask per slot: more than 256 distinct masks are in use. */
  private void widen() {
    slotMasks = new int[table.length];
    for (int slot = 0; slot < table.length; slot++) {
      if (table[slot] != DomainFingerprint.EMPTY) {
        slotMasks[slot] = maskOfCode[codes[slot] & 0xFF];
      }
    }
    codes = null;
  }

  /** The finished set; {@code minLabels}/{@code maxLabels} over every entry inserted. */
  DomainSet finish(int minLabels, int maxLabels) {
    return finish(minLabels, maxLabels, 0);
  }

  /**
   * As {@link #finish(int, int)}, keeping a table up to {@code slackEighths}/8 larger than needed
   * rather than copying it into an exact one (a table sized from an estimate: the copy would hold
   * two tables at once, the memory peak a reload must avoid).
   */
  DomainSet finish(int minLabels, int maxLabels, int slackEighths) {
    int exact = DomainSet.slotsFor(distinct);
    // Bigger than needed only when repeats (or a high estimate) left it so.
    if ((long) table.length * 8 > (long) exact * (8 + slackEighths)) {
      rehash(exact);
    }
    if (codes == null) {
      narrowIfFewMasks();
    }
    int min = distinct == 0 ? 0 : minLabels;
    int max = distinct == 0 ? 0 : maxLabels;
    if (codes == null) {
      return new DomainSet(table, null, null, slotMasks, distinct, min, max);
    }
    dropUnusedCodes();
    int[] distinctMasks = Arrays.copyOf(maskOfCode, codeCount);
    return new DomainSet(table, codes, distinctMasks, null, distinct, min, max);
  }

  /** Moves every entry to a table of {@code slots} slots (too big after repeats, or too full). */
  private void rehash(int slots) {
    long[] from = table;
    long[] to = new long[slots];
    byte[] toCodes = codes == null ? null : new byte[to.length];
    int[] toMasks = codes == null ? new int[to.length] : null;
    for (int i = 0; i < from.length; i++) {
      long fingerprint = from[i];
      if (fingerprint == DomainFingerprint.EMPTY) {
        continue;
      }
      int slot = DomainSet.homeSlot(fingerprint, to.length);
      while (to[slot] != DomainFingerprint.EMPTY) {
        if (++slot == to.length) {
          slot = 0;
        }
      }
      to[slot] = fingerprint;
      if (toCodes != null) {
        toCodes[slot] = codes[i];
      } else {
        toMasks[slot] = slotMasks[i];
      }
    }
    table = to;
    codes = toCodes;
    slotMasks = toMasks;
  }

  /** After {@link #widen()}: back to codes if repeats ORed the masks down to 256 or fewer. */
  private void narrowIfFewMasks() {
    Arrays.fill(keys, 0);
    lastMask = 0;
    codeCount = 0;
    for (int slot = 0; slot < table.length; slot++) {
      if (table[slot] != DomainFingerprint.EMPTY && lookup(slotMasks[slot]) < 0) {
        if (codeCount == MAX_CODES) {
          return;
        }
        maskOfCode[codeCount] = slotMasks[slot];
        put(slotMasks[slot], codeCount++);
      }
    }
    codes = new byte[table.length];
    Arrays.fill(usesOfCode, 0);
    for (int slot = 0; slot < table.length; slot++) {
      if (table[slot] != DomainFingerprint.EMPTY) {
        int code = lookup(slotMasks[slot]);
        codes[slot] = (byte) code;
        usesOfCode[code]++;
      }
    }
    slotMasks = null;
  }

  /** Renumbers the codes some slot uses to 0…n-1, so the set keeps exactly its masks. */
  private void dropUnusedCodes() {
    if (codes == null || unusedCode() < 0) {
      return;
    }
    int[] renumbered = new int[codeCount];
    int live = 0;
    for (int code = 0; code < codeCount; code++) {
      if (usesOfCode[code] > 0) {
        renumbered[code] = live;
        maskOfCode[live++] = maskOfCode[code];
      }
    }
    codeCount = live;
    for (int slot = 0; slot < table.length; slot++) {
      if (table[slot] != DomainFingerprint.EMPTY) {
        codes[slot] = (byte) renumbered[codes[slot] & 0xFF];
      }
    }
  }
}
