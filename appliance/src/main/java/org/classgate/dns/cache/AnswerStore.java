package org.classgate.dns.cache;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The cache's storage: a fixed number of segments, each a {@link LinkedHashMap} in access order
 * under its own lock, bounded by entries and by estimated bytes. Each segment evicts its least
 * recently used answer, so the whole store is an approximate LRU whose bounds hold exactly (the
 * segments' limits add up to the configured ones). Thread-safe.
 */
final class AnswerStore {
  /** More segments than this buys nothing on a Raspberry Pi's four cores. */
  private static final int MAX_SEGMENTS = 16;

  /** Below this many entries per segment the LRU approximation gets too coarse. */
  private static final int MIN_ENTRIES_PER_SEGMENT = 64;

  /** Each segment must hold at least a couple of the largest (64 KiB) answers. */
  private static final long MIN_BYTES_PER_SEGMENT = 128 * 1024;

  /** Dead entries looked at per insertion: bounded so an insertion stays cheap. */
  private static final int PURGE_PER_PUT = 4;

  private final Segment[] segments;

  AnswerStore(int maxEntries, long maxBytes) {
    int count = 1;
    while (count < MAX_SEGMENTS
        && maxEntries / (count * 2) >= MIN_ENTRIES_PER_SEGMENT
        && maxBytes / (count * 2) >= MIN_BYTES_PER_SEGMENT) {
      count *= 2;
    }
    segments = new Segment[count];
    for (int i = 0; i < count; i++) {
      // Share the remainders out so the segments' limits add up to the configured totals.
      int entries = maxEntries / count + (i < maxEntries % count ? 1 : 0);
      long bytes = maxBytes / count + (i < maxBytes % count ? 1 : 0);
      segments[i] = new Segment(entries, bytes);
    }
  }

  private Segment segmentFor(CacheKey key) {
    return segments[key.spreadHash() & (segments.length - 1)];
  }

  /**
   * The answer stored under {@code key} if it is still usable (fresh or within its stale window),
   * else null. Marks it as recently used; drops it if its stale window has passed.
   */
  CachedAnswer get(CacheKey key, long nowNanos) {
    return segmentFor(key).get(key, nowNanos);
  }

  /**
   * Stores an answer, replacing any under the same key and evicting least recently used ones until
   * the bounds hold. Does nothing if the answer alone exceeds a segment's byte bound.
   *
   * @param key a normalised key (see {@link CacheKey#normalised()})
   */
  void put(CacheKey key, CachedAnswer answer, long nowNanos) {
    segmentFor(key).put(key, answer, nowNanos);
  }

  int entries() {
    int total = 0;
    for (Segment segment : segments) {
      total += segment.entries();
    }
    return total;
  }

  long bytes() {
    long total = 0;
    for (Segment segment : segments) {
      total += segment.bytes();
    }
    return total;
  }

  long evictions() {
    long total = 0;
    for (Segment segment : segments) {
      total += segment.evictions();
    }
    return total;
  }

  int segmentCount() {
    return segments.length;
  }

  private static final class Segment {
    private final LinkedHashMap<CacheKey, CachedAnswer> map = new LinkedHashMap<>(64, 0.75f, true);
    private final int maxEntries;
    private final long maxBytes;
    private long bytes;
    private long evictions;

    Segment(int maxEntries, long maxBytes) {
      this.maxEntries = maxEntries;
      this.maxBytes = maxBytes;
    }

    synchronized CachedAnswer get(CacheKey key, long nowNanos) {
      CachedAnswer answer = map.get(key);
      if (answer != null && !answer.isUsable(nowNanos)) {
        map.remove(key);
        bytes -= size(key, answer);
        return null;
      }
      return answer;
    }

    synchronized void put(CacheKey key, CachedAnswer answer, long nowNanos) {
      long size = size(key, answer);
      if (size > maxBytes) {
        return;
      }
      CachedAnswer previous = map.put(key, answer);
      if (previous != null) {
        bytes -= size(key, previous);
      }
      bytes += size;
      purgeDead(nowNanos);
      Iterator<Map.Entry<CacheKey, CachedAnswer>> eldest = map.entrySet().iterator();
      // The new answer is the most recently used and fits alone, so it is never evicted here.
      while (map.size() > maxEntries || bytes > maxBytes) {
        Map.Entry<CacheKey, CachedAnswer> victim = eldest.next();
        bytes -= size(victim.getKey(), victim.getValue());
        eldest.remove();
        evictions++;
      }
    }

    /**
     * Drops answers past their stale window from the least recently used end. Expired answers that
     * may still be served stale stay until space is needed (RFC 8767 §5).
     */
    private void purgeDead(long nowNanos) {
      Iterator<Map.Entry<CacheKey, CachedAnswer>> eldest = map.entrySet().iterator();
      for (int i = 0; i < PURGE_PER_PUT && eldest.hasNext(); i++) {
        Map.Entry<CacheKey, CachedAnswer> entry = eldest.next();
        if (entry.getValue().isUsable(nowNanos)) {
          return;
        }
        bytes -= size(entry.getKey(), entry.getValue());
        eldest.remove();
      }
    }

    synchronized int entries() {
      return map.size();
    }

    synchronized long bytes() {
      return bytes;
    }

    synchronized long evictions() {
      return evictions;
    }

    private static long size(CacheKey key, CachedAnswer answer) {
      return (long) key.estimatedBytes() + answer.estimatedBytes();
    }
  }
}
