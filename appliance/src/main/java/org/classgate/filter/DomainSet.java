package org.classgate.filter;

import java.util.Arrays;
import org.classgate.dns.wire.Name;

/**
 * The blocked domains of every category list, each with the bitmask of the categories that list it.
 * An entry covers the domain and all its subdomains (squidGuard semantics): {@code example.com}
 * blocks {@code www.example.com} but an entry {@code www.example.com} does not block {@code
 * example.com}.
 *
 * <p><b>Layout.</b> Only a 64-bit {@link DomainFingerprint} of each entry is kept, in an
 * open-addressing table with linear probing, plus one byte per slot indexing a small table of the
 * distinct category masks (a set with more than 256 distinct masks keeps a whole {@code int} per
 * slot instead). The slot count is about 1.5·n, not a power of two, so memory grows with n instead
 * of doubling at each power of two (load ≤ 2/3, about 5 probes for a miss, mostly within one cache
 * line); the home slot comes from the fingerprint's high 32 bits by multiply-shift (Lemire's
 * "fastrange"). One million entries take 13.5 MB (12.9 MiB). The original texts are not kept: the
 * explain feature re-reads the list files.
 *
 * <p><b>Lookup</b> hashes each suffix of the query name straight from its wire bytes, skipping
 * suffixes with more or fewer labels than any entry has, so it allocates nothing and a hostile
 * 127-label name costs no more than names the lists can actually hold.
 *
 * <p>Immutable and thread-safe: every field is final and the arrays are never written after
 * construction.
 */
public final class DomainSet {
  /** An empty set: matches nothing. */
  public static final DomainSet EMPTY = new Builder().build();

  /** An array header on 64-bit HotSpot with compressed class pointers (the default): 12 + 4. */
  private static final int ARRAY_HEADER_BYTES = 16;

  private final long[] fingerprints;

  /** Per slot: index into {@link #distinctMasks}; null when {@link #slotMasks} is used. */
  private final byte[] maskIndex;

  private final int[] distinctMasks;

  /** Per slot: the mask itself, used only when there are more than 256 distinct masks. */
  private final int[] slotMasks;

  private final int size;
  private final int minLabels;
  private final int maxLabels;

  /** Adblock-style exceptions ({@code @@||name^}) taken out of {@link #match}; null if none. */
  private final DomainSet exceptions;

  DomainSet(
      long[] fingerprints,
      byte[] maskIndex,
      int[] distinctMasks,
      int[] slotMasks,
      int size,
      int minLabels,
      int maxLabels) {
    this.fingerprints = fingerprints;
    this.maskIndex = maskIndex;
    this.distinctMasks = distinctMasks;
    this.slotMasks = slotMasks;
    this.size = size;
    this.minLabels = minLabels;
    this.maxLabels = maxLabels;
    this.exceptions = null;
  }

  private DomainSet(DomainSet listed, DomainSet exceptions) {
    this.fingerprints = listed.fingerprints;
    this.maskIndex = listed.maskIndex;
    this.distinctMasks = listed.distinctMasks;
    this.slotMasks = listed.slotMasks;
    this.size = listed.size;
    this.minLabels = listed.minLabels;
    this.maxLabels = listed.maxLabels;
    this.exceptions = exceptions.size == 0 ? null : exceptions;
  }

  /**
   * This set's entries (its own exceptions dropped) with {@code exceptions} taken out of every
   * match: a category bit of an exception listing the name or an ancestor clears that bit, so an
   * exception covers its subdomains and beats any block of that category, as in Adblock Plus. The
   * arrays are shared, not copied.
   *
   * @param exceptions non-null; its masks are the categories each exception applies to
   */
  public DomainSet withExceptions(DomainSet exceptions) {
    return new DomainSet(listedOnly(), exceptions.listedOnly());
  }

  private DomainSet listedOnly() {
    return exceptions == null ? this : new DomainSet(this, EMPTY);
  }

  /** The exceptions taken out of {@link #match}; {@link #EMPTY} if none. */
  public DomainSet exceptions() {
    return exceptions == null ? EMPTY : exceptions;
  }

  /**
   * The OR of the category masks of every entry equal to {@code queryName} or to one of its
   * ancestors, compared case-insensitively, less the categories of every exception equal to it or
   * an ancestor ({@link #withExceptions}); 0 if none. Allocation-free.
   *
   * @param queryName non-null; the root name never matches
   */
  public int match(Name queryName) {
    int listed = matchListed(queryName);
    // Exceptions are few and rarely hit: looked up only for a name some entry lists.
    return listed == 0 || exceptions == null ? listed : listed & ~exceptions.matchListed(queryName);
  }

  /** {@link #match} without the exceptions: what the entries alone list. Allocation-free. */
  int matchListed(Name queryName) {
    byte[] wire = queryName.wireBytes();
    int labels = queryName.labelCount();
    int pos = 0;
    // Suffixes with more labels than the longest entry cannot match: skip them unhashed.
    for (; labels > maxLabels; labels--) {
      pos += 1 + (wire[pos] & 0xFF);
    }
    int matched = 0;
    for (; labels >= minLabels && labels > 0; labels--) {
      matched |= maskOf(DomainFingerprint.of(wire, pos, wire.length));
      pos += 1 + (wire[pos] & 0xFF);
    }
    return matched;
  }

  private int maskOf(long fingerprint) {
    long[] table = fingerprints;
    int slot = homeSlot(fingerprint, table.length);
    while (true) {
      long stored = table[slot];
      if (stored == fingerprint) {
        return slotMasks != null ? slotMasks[slot] : distinctMasks[maskIndex[slot] & 0xFF];
      }
      if (stored == DomainFingerprint.EMPTY) {
        return 0;
      }
      if (++slot == table.length) {
        slot = 0;
      }
    }
  }

  /** Maps the fingerprint's high 32 bits onto [0, slots) without division (fastrange). */
  static int homeSlot(long fingerprint, int slots) {
    return (int) (((fingerprint >>> 32) * slots) >>> 32);
  }

  /** Number of distinct domains. */
  public int size() {
    return size;
  }

  /**
   * The heap taken by this set's arrays, exactly as HotSpot lays them out on a 64-bit JVM (16-byte
   * header plus elements, rounded up to 8 bytes). The few bytes of this object itself are not
   * counted.
   */
  public long heapBytes() {
    long bytes = arrayBytes(fingerprints.length, Long.BYTES);
    if (exceptions != null) {
      bytes += exceptions.heapBytes();
    }
    if (maskIndex != null) {
      bytes += arrayBytes(maskIndex.length, Byte.BYTES);
    }
    if (distinctMasks != null) {
      bytes += arrayBytes(distinctMasks.length, Integer.BYTES);
    }
    if (slotMasks != null) {
      bytes += arrayBytes(slotMasks.length, Integer.BYTES);
    }
    return bytes;
  }

  private static long arrayBytes(int length, int elementBytes) {
    long raw = ARRAY_HEADER_BYTES + (long) length * elementBytes;
    return (raw + 7) & ~7L;
  }

  @Override
  public String toString() {
    String excepted = exceptions == null ? "" : ", " + exceptions.size + " exceptions";
    return "DomainSet[" + size + " domains" + excepted + ", " + heapBytes() + " bytes]";
  }

  /** Slots for n entries: load factor at most 2/3, and always at least one empty slot. */
  static int slotsFor(int entries) {
    long slots = Math.max(8L, (entries * 3L + 1) / 2 + 1);
    if (slots > Integer.MAX_VALUE - 8) {
      throw new IllegalStateException("too many domains for one set: " + entries);
    }
    return (int) slots;
  }

  /**
   * Collects entries, then builds an immutable {@link DomainSet}. Not thread-safe: one loader fills
   * one builder. {@link #build()} may be called more than once (except on a {@link #presized} one);
   * each call sees every entry added so far.
   *
   * <p>Entries are kept as fingerprints in fixed-size chunks, so growing never copies and never
   * holds an old and a new array at once, and the category masks as runs (a list file adds one mask
   * many times over), so a million entries of a few lists take 8 MB, not 12.
   */
  public static final class Builder {
    private static final int CHUNK_SHIFT = 14;
    private static final int CHUNK_SIZE = 1 << CHUNK_SHIFT;

    private long[][] chunks = new long[4][];
    private int count;

    /** Entries {@code [runEnds[r - 1], runEnds[r])} have mask {@code runMasks[r]}. */
    private int[] runEnds = new int[4];

    private int[] runMasks = new int[4];
    private int runs;
    private int minLabels = Integer.MAX_VALUE;
    private int maxLabels;
    private final byte[] scratch = new byte[Name.MAX_WIRE_LENGTH + 1];

    /** In a {@link #presized} builder, the table entries go straight into; else null. */
    private DomainTableAssembler direct;

    private boolean built;

    public Builder() {}

    /**
     * A builder that puts each entry straight into a table sized for about {@code expectedDistinct}
     * distinct domains (growing it if more come), instead of keeping every entry until {@link
     * #build()}. For a rebuild, which knows the size of the set it replaces: building then needs
     * one new table beside the old set, not a list of every entry as well. Such a builder builds
     * once; the table may be up to an eighth larger than an exact one.
     */
    public static Builder presized(int expectedDistinct) {
      Builder builder = new Builder();
      int expected = Math.max(expectedDistinct, 0);
      builder.direct = new DomainTableAssembler(slotsFor(expected + expected / 32 + 16));
      return builder;
    }

    /**
     * Adds {@code domain} (and so all its subdomains) for the categories in {@code categoryMask};
     * adding the same domain again ORs the masks.
     *
     * @throws IllegalArgumentException if the domain is the root or the mask is 0
     */
    public Builder add(Name domain, int categoryMask) {
      if (domain.labelCount() == 0) {
        throw new IllegalArgumentException("the root name cannot be listed (it would block all)");
      }
      byte[] wire = domain.wireBytes();
      return add(DomainFingerprint.of(wire, 0, wire.length), domain.labelCount(), categoryMask);
    }

    /**
     * Adds a domain given as presentation text without escapes, e.g. {@code www.example.com} (one
     * trailing dot allowed). Letters may be in any case; the loader passes normalised lower case.
     *
     * @throws IllegalArgumentException if the text is not a valid non-root name of ASCII
     *     characters, or the mask is 0
     */
    public Builder add(String domain, int categoryMask) {
      int length = domain.length();
      if (length > 0 && domain.charAt(length - 1) == '.') {
        length--;
      }
      if (length == 0) {
        throw new IllegalArgumentException("the root name cannot be listed (it would block all)");
      }
      if (length > Name.MAX_WIRE_LENGTH - 2) {
        throw new IllegalArgumentException("name longer than 253 characters: " + length);
      }
      byte[] wire = scratch;
      int labels = 0;
      int labelStart = 0;
      for (int i = 0; i <= length; i++) {
        char c = i < length ? domain.charAt(i) : '.';
        if (c == '.') {
          int labelLength = i - labelStart;
          if (labelLength == 0 || labelLength > Name.MAX_LABEL_LENGTH) {
            throw new IllegalArgumentException("empty or over-long label in a listed domain");
          }
          // text[i] lands in wire[i + 1]: wire[0] and each dot's slot hold the next label's length.
          wire[labelStart] = (byte) labelLength;
          labels++;
          labelStart = i + 1;
        } else if (c > 0x7F) {
          throw new IllegalArgumentException("non-ASCII listed domain (use punycode)");
        } else {
          wire[i + 1] = (byte) c;
        }
      }
      int out = length + 2;
      wire[out - 1] = 0; // the root label
      return add(DomainFingerprint.of(wire, 0, out), labels, categoryMask);
    }

    /**
     * Adds the valid, non-root name in uncompressed wire form {@code wire[0, length)} with {@code
     * labels} labels, as the list parser produces it; the caller guarantees validity.
     */
    void addWire(byte[] wire, int length, int labels, int categoryMask) {
      add(DomainFingerprint.of(wire, 0, length), labels, categoryMask);
    }

    private Builder add(long fingerprint, int labels, int categoryMask) {
      if (categoryMask == 0) {
        throw new IllegalArgumentException("a listed domain needs at least one category");
      }
      if (labels < minLabels) {
        minLabels = labels;
      }
      if (labels > maxLabels) {
        maxLabels = labels;
      }
      if (direct != null) {
        direct.insertOne(fingerprint, categoryMask);
        count++;
        return this;
      }
      int chunk = count >>> CHUNK_SHIFT;
      int offset = count & (CHUNK_SIZE - 1);
      if (offset == 0) {
        if (chunk == chunks.length) {
          chunks = Arrays.copyOf(chunks, chunk * 2);
        }
        chunks[chunk] = new long[CHUNK_SIZE];
      }
      chunks[chunk][offset] = fingerprint;
      if (runs == 0 || runMasks[runs - 1] != categoryMask) {
        if (runs == runMasks.length) {
          runMasks = Arrays.copyOf(runMasks, runs * 2);
          runEnds = Arrays.copyOf(runEnds, runs * 2);
        }
        runMasks[runs++] = categoryMask;
      }
      count++;
      runEnds[runs - 1] = count;
      return this;
    }

    /** Entries added so far, counting repeats. */
    public int added() {
      return count;
    }

    /**
     * An immutable set of every entry added so far.
     *
     * @throws IllegalStateException on a second call to a {@link #presized} builder's build
     */
    public DomainSet build() {
      if (built) {
        throw new IllegalStateException("a presized builder builds once");
      }
      if (direct != null) {
        built = true;
        DomainSet set = direct.finish(minLabels, maxLabels, 1);
        direct = null;
        return set;
      }
      DomainTableAssembler table = new DomainTableAssembler(slotsFor(count));
      int run = 0;
      for (int i = 0; i < count; ) {
        long[] chunk = chunks[i >>> CHUNK_SHIFT];
        int chunkEnd = Math.min(count, (i | (CHUNK_SIZE - 1)) + 1);
        while (i < chunkEnd) {
          int end = Math.min(chunkEnd, runEnds[run]);
          table.insert(chunk, i & (CHUNK_SIZE - 1), end - i, runMasks[run]);
          i = end;
          if (i == runEnds[run]) {
            run++;
          }
        }
      }
      return table.finish(minLabels, maxLabels);
    }
  }
}
