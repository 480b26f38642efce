package org.classgate.dns.cache;

/**
 * A snapshot of the cache's counters. The counters are read one after another without a global
 * lock, so under load they are each exact but not taken at one instant.
 *
 * @param entries answers held now, fresh or stale
 * @param bytes estimated memory the held answers take
 * @param hits queries answered from a fresh cached answer
 * @param misses queries that found no fresh answer (each went upstream or joined one in flight)
 * @param staleServed expired answers served because every upstream failed (RFC 8767)
 * @param evictions answers removed to make room (answers whose stale window passed are not counted)
 */
public record CacheStats(
    long entries, long bytes, long hits, long misses, long staleServed, long evictions) {}
