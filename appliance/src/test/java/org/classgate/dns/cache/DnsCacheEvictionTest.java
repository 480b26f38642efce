package org.classgate.dns.cache;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.classgate.dns.cache.CacheFixtures.SECOND;
import static org.classgate.dns.cache.CacheFixtures.a;
import static org.classgate.dns.cache.CacheFixtures.allowed;
import static org.classgate.dns.cache.CacheFixtures.query;
import static org.classgate.dns.cache.CacheFixtures.response;
import static org.classgate.dns.cache.CacheFixtures.txt;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.classgate.dns.Outcome;
import org.classgate.dns.cache.CacheFixtures.FakeClock;
import org.classgate.dns.cache.CacheFixtures.ScriptedNext;
import org.classgate.dns.wire.Rcode;
import org.classgate.dns.wire.RecordType;
import org.classgate.dns.wire.ResourceRecord;
import org.junit.jupiter.api.Test;

/** The entry and byte bounds, least recently used first. */
class DnsCacheEvictionTest {
  private final FakeClock clock = new FakeClock();

  /** Answers a name with one A record, or TXT records of {@code txtLength} octets each. */
  private final ScriptedNext next =
      new ScriptedNext(
          q -> {
            String name = q.question().name().toString();
            List<ResourceRecord> records = new ArrayList<>();
            if (q.question().type() == RecordType.TXT) {
              int count = name.startsWith("huge") ? 6 : 1;
              for (int i = 0; i < count; i++) {
                records.add(txt(name, 300, 250));
              }
            } else {
              records.add(a(name, 300, 192, 0, 2, 1));
            }
            return allowed(response(q, Rcode.NOERROR, records, List.of(), List.of()));
          });

  /** True if the cache answered without asking upstream. */
  private boolean cached(DnsCache cache, String name, int type) throws Exception {
    int before = next.calls();
    Outcome outcome = cache.resolve(query(7, name, type), next).get(5, SECONDS).outcome();
    assertEquals(outcome == Outcome.CACHED, next.calls() == before);
    return outcome == Outcome.CACHED;
  }

  @Test
  void entryBoundEvictsTheLeastRecentlyUsed() throws Exception {
    DnsCache cache =
        new DnsCache(new CacheSettings(3, 1 << 20, 0, 86_400, 3600, 30, 86_400), clock::nanoTime);
    for (String name : List.of("a.example", "b.example", "c.example")) {
      cached(cache, name, RecordType.A);
    }
    assertTrue(cached(cache, "a.example", RecordType.A), "a is now the most recently used");

    cached(cache, "d.example", RecordType.A);

    assertEquals(3, cache.stats().entries());
    assertEquals(1, cache.stats().evictions());
    assertTrue(cached(cache, "a.example", RecordType.A));
    assertTrue(cached(cache, "c.example", RecordType.A));
    assertTrue(cached(cache, "d.example", RecordType.A));
    assertTrue(!cached(cache, "b.example", RecordType.A), "b was the least recently used");
  }

  @Test
  void byteBoundEvictsTheLeastRecentlyUsed() throws Exception {
    DnsCache probe = new DnsCache(CacheSettings.defaults(), clock::nanoTime);
    cached(probe, "t1.example", RecordType.TXT);
    long entryBytes = probe.stats().bytes();
    long maxBytes = 2 * entryBytes + entryBytes / 2;
    DnsCache cache =
        new DnsCache(
            new CacheSettings(100, maxBytes, 0, 86_400, 3600, 30, 86_400), clock::nanoTime);

    cached(cache, "t1.example", RecordType.TXT);
    cached(cache, "t2.example", RecordType.TXT);
    assertEquals(2 * entryBytes, cache.stats().bytes());
    assertTrue(cached(cache, "t1.example", RecordType.TXT));
    cached(cache, "t3.example", RecordType.TXT);

    assertEquals(2, cache.stats().entries());
    assertEquals(2 * entryBytes, cache.stats().bytes());
    assertEquals(1, cache.stats().evictions());
    assertTrue(cached(cache, "t1.example", RecordType.TXT));
    assertTrue(cached(cache, "t3.example", RecordType.TXT));
    assertTrue(!cached(cache, "t2.example", RecordType.TXT), "t2 was the least recently used");
  }

  @Test
  void answerLargerThanTheByteBoundIsAnsweredButNotStored() throws Exception {
    DnsCache cache =
        new DnsCache(new CacheSettings(100, 1024, 0, 86_400, 3600, 30, 86_400), clock::nanoTime);
    assertTrue(!cached(cache, "huge.example", RecordType.TXT));
    assertTrue(!cached(cache, "huge.example", RecordType.TXT));
    assertEquals(0, cache.stats().entries());
    assertEquals(0, cache.stats().bytes());
  }

  @Test
  void expiredAnswersStayForServeStaleUntilSpaceIsNeeded() throws Exception {
    DnsCache cache =
        new DnsCache(new CacheSettings(2, 1 << 20, 0, 86_400, 3600, 30, 86_400), clock::nanoTime);
    cached(cache, "old.example", RecordType.A);
    clock.advance(400 * SECOND);
    assertEquals(1, cache.stats().entries(), "expired but within the stale window");

    cached(cache, "new1.example", RecordType.A);
    cached(cache, "new2.example", RecordType.A);
    assertEquals(2, cache.stats().entries());
    assertEquals(1, cache.stats().evictions(), "the expired answer made room");
  }

  @Test
  void answersPastTheStaleWindowArePurgedWithoutCountingAsEvictions() throws Exception {
    DnsCache cache =
        new DnsCache(new CacheSettings(10, 1 << 20, 0, 86_400, 3600, 30, 100), clock::nanoTime);
    cached(cache, "dead.example", RecordType.A);
    clock.advance(401 * SECOND);
    cached(cache, "live.example", RecordType.A);
    assertEquals(1, cache.stats().entries());
    assertEquals(0, cache.stats().evictions());
  }
}
