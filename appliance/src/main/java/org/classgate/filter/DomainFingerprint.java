package org.classgate.filter;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A 64-bit fingerprint of a domain name's uncompressed wire form with ASCII letters folded to lower
 * case (RFC 4343: DNS names compare case-insensitively). {@link DomainSet} stores these instead of
 * the names themselves.
 *
 * <p>Why 64 bits are enough: for n distinct names, the chance that any two share a fingerprint is
 * about n²/2⁶⁵; with n = 10⁷ names that is below 3·10⁻⁶. A collision can only make an unlisted name
 * look listed (an over-block of one name), never let a listed name through, so filtering cannot
 * fail open because of it.
 *
 * <p>The mixing follows xxHash64's single-lane structure (multiply-rotate rounds over 8-byte words
 * and a murmur3-style finaliser), which passes SMHasher's avalanche and collision tests. It is not
 * a cryptographic hash: a client could craft a name colliding with a listed one, which only gets
 * that client's own crafted name blocked.
 *
 * <p>Stateless and thread-safe; allocation-free.
 */
final class DomainFingerprint {
  /** Marks an empty slot in {@link DomainSet}'s table, so no real fingerprint may equal it. */
  static final long EMPTY = 0L;

  private static final long P1 = 0x9E3779B185EBCA87L;
  private static final long P2 = 0xC2B2AE3D27D4EB4FL;
  private static final long P3 = 0x165667B19E3779F9L;
  private static final long P4 = 0x85EBCA77C2B2AE63L;
  private static final long SEED = 0x636C617373676174L; // "classgat"

  private static final long HIGH_BITS = 0x8080808080808080L;
  private static final long LOW_SEVEN = 0x7F7F7F7F7F7F7F7FL;

  private static final VarHandle LONG_LE =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

  private DomainFingerprint() {}

  /**
   * Fingerprint of {@code wire[from, to)}: a name's labels from one label's length octet through
   * the terminating root octet. Never returns {@link #EMPTY}.
   */
  static long of(byte[] wire, int from, int to) {
    long h = SEED + (to - from) * P3;
    int i = from;
    for (; i + Long.BYTES <= to; i += Long.BYTES) {
      h = round(h, toLowerAscii((long) LONG_LE.get(wire, i)));
    }
    int remaining = to - i;
    long tail = 0;
    if (remaining > 0 && to - from >= Long.BYTES) {
      // The last 1-7 octets, read as the top of the word ending at 'to' (overlapping octets
      // already hashed, then shifted out): the same value as the octet loop below, without it.
      tail = toLowerAscii((long) LONG_LE.get(wire, to - Long.BYTES)) >>> (64 - 8 * remaining);
    } else {
      for (int shift = 0; i < to; i++, shift += 8) {
        tail |= (long) (toLowerAscii(wire[i]) & 0xFF) << shift;
      }
    }
    h = round(h, tail);
    h = finish(h);
    return h == EMPTY ? P1 : h;
  }

  private static long round(long h, long word) {
    long k = Long.rotateLeft(word * P2, 31) * P1;
    return Long.rotateLeft(h ^ k, 27) * P1 + P4;
  }

  /** murmur3's fmix64: every input bit affects every output bit. */
  private static long finish(long h) {
    h ^= h >>> 33;
    h *= 0xFF51AFD7ED558CCDL;
    h ^= h >>> 33;
    h *= 0xC4CEB9FE1A85EC53L;
    h ^= h >>> 33;
    return h;
  }

  /**
   * Folds the ASCII letters A-Z of eight packed bytes to lower case and leaves every other byte
   * (including bytes ≥ 0x80) alone, without branches: per byte, the high bit of {@code x+0x3F} says
   * "≥ 'A'" and that of {@code x+0x25} says "≥ '['", computed on the low seven bits so no carry
   * crosses into the next byte.
   */
  static long toLowerAscii(long word) {
    long sevenBits = word & LOW_SEVEN;
    long atLeastA = sevenBits + 0x3F3F3F3F3F3F3F3FL;
    long aboveZ = sevenBits + 0x2525252525252525L;
    long upper = atLeastA & ~aboveZ & ~word & HIGH_BITS;
    return word | (upper >>> 2);
  }

  static byte toLowerAscii(byte b) {
    return (b >= 'A' && b <= 'Z') ? (byte) (b + ('a' - 'A')) : b;
  }
}
