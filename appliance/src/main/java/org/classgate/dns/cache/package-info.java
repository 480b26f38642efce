/**
 * The DNS answer cache stage ({@link org.classgate.dns.cache.DnsCache}).
 *
 * <p>Design, and why:
 *
 * <ul>
 *   <li>Answers are stored in wire form with the offsets of their TTL fields precomputed, so a hit
 *       is one array copy plus a few byte patches (ID, RD bit, question case, TTLs). The hit path
 *       is what the benchmark against unbound measures; re-serialising a message there would cost
 *       several allocations per query.
 *   <li>What is stored is a canonical re-serialisation of the upstream answer (TTLs clamped, AA
 *       cleared, OPT options dropped), made once on the miss path. OPT options such as cookies
 *       belong to one exchange and must not be replayed to another client.
 *   <li>The key includes the client's DO and CD bits and whether it sent EDNS, so each stored
 *       answer already has the right shape for every client that can hit it. Size limits are left
 *       to the listener, which truncates any answer too large for the client's UDP payload.
 *   <li>Storage is a fixed set of access-ordered {@link java.util.LinkedHashMap} segments, each
 *       under its own lock: exact bounds, approximate global LRU, little contention. Small caches
 *       (under 128 entries) use one segment and so are exact LRU.
 *   <li>Concurrent misses for one key are coalesced onto one upstream query; an answer that cannot
 *       be cached is not shared, and each waiting client then asks for its own.
 * </ul>
 */
package org.classgate.dns.cache;
