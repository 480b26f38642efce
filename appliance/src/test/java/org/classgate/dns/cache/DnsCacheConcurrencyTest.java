package org.classgate.dns.cache;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.classgate.dns.cache.CacheFixtures.SECOND;
import static org.classgate.dns.cache.CacheFixtures.a;
import static org.classgate.dns.cache.CacheFixtures.query;
import static org.classgate.dns.cache.CacheFixtures.response;
import static org.classgate.dns.cache.CacheFixtures.wire;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.classgate.dns.Answer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Outcome;
import org.classgate.dns.cache.CacheFixtures.FakeClock;
import org.classgate.dns.cache.CacheFixtures.ScriptedNext;
import org.classgate.dns.wire.Flags;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Rcode;
import org.classgate.dns.wire.RecordType;
import org.classgate.dns.wire.ResourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Several listener threads at once, with evictions, expiry, an upstream outage and upstream answers
 * completing on other threads: every answer must still be the right one for its client.
 */
class DnsCacheConcurrencyTest {
  private static final int THREADS = 4;
  private static final int QUERIES_PER_THREAD = 15_000;
  private static final int NAMES = 300;
  private static final int MAX_ENTRIES = 512;
  private static final long MAX_BYTES = 1 << 20;

  private final FakeClock clock = new FakeClock();
  private final DnsCache cache =
      new DnsCache(
          new CacheSettings(MAX_ENTRIES, MAX_BYTES, 0, 86_400, 3600, 30, 120), clock::nanoTime);
  private final ExecutorService upstreamThreads = Executors.newFixedThreadPool(2);
  private final ExecutorService listeners = Executors.newFixedThreadPool(THREADS);
  private final AtomicBoolean outage = new AtomicBoolean();
  private final TimeoutException outageFailure = new TimeoutException("outage");

  private final ScriptedNext next =
      new ScriptedNext(
          q -> {
            int index = indexOf(q);
            if (index % 10 == 0 && outage.get()) {
              return CompletableFuture.failedFuture(outageFailure);
            }
            String name = q.question().name().toString();
            byte[] answer =
                wire(
                    response(
                        q,
                        Rcode.NOERROR,
                        List.of(a(name, ttlOf(index), 10, index >>> 8, index & 0xFF, 1)),
                        List.of(),
                        List.of()));
            if (index % 2 == 0) {
              return CompletableFuture.supplyAsync(
                  () -> Answer.of(answer, Outcome.ALLOWED), upstreamThreads);
            }
            return CompletableFuture.completedFuture(Answer.of(answer, Outcome.ALLOWED));
          });

  @AfterEach
  void stopThreads() {
    listeners.shutdownNow();
    upstreamThreads.shutdownNow();
  }

  private static int indexOf(DnsQuery query) {
    String name = query.question().name().toString();
    return Integer.parseInt(name.substring(1, 5));
  }

  private static long ttlOf(int index) {
    return 1 + index % 300;
  }

  /** "n0042.example" with each letter's case chosen at random (DNS 0x20). */
  private static String randomCase(String name, Random random) {
    StringBuilder out = new StringBuilder(name.length());
    for (char c : name.toCharArray()) {
      out.append(random.nextBoolean() ? Character.toUpperCase(c) : c);
    }
    return out.toString();
  }

  private Map<Outcome, Integer> listen(int thread) throws Exception {
    Random random = new Random(thread);
    Map<Outcome, Integer> outcomes = new EnumMap<>(Outcome.class);
    for (int i = 0; i < QUERIES_PER_THREAD; i++) {
      if (thread == 0 && i % 100 == 0) {
        clock.advance(SECOND);
      }
      if (thread == 1 && i % 2000 == 0) {
        outage.set(!outage.get());
      }
      int index = random.nextInt(NAMES);
      int id = random.nextInt(0x10000);
      boolean edns = random.nextBoolean();
      String name = randomCase(String.format("n%04d.example", index), random);
      DnsQuery query = query(id, name, RecordType.A, Flags.RD, edns ? CacheFixtures.EDNS : null);
      Answer answer;
      try {
        answer = cache.resolve(query, next).get(10, SECONDS);
      } catch (ExecutionException e) {
        assertSame(outageFailure, e.getCause(), "only the outage may fail a query");
        assertEquals(0, index % 10, "only names in the outage fail");
        outcomes.merge(Outcome.SERVFAIL, 1, Integer::sum);
        continue;
      }
      outcomes.merge(answer.outcome(), 1, Integer::sum);
      check(query, index, name, edns, answer);
    }
    return outcomes;
  }

  private static void check(DnsQuery query, int index, String name, boolean edns, Answer answer)
      throws Exception {
    Message reply = Message.parse(answer.wire());
    assertEquals(query.message().id(), reply.id(), "the client's own ID");
    assertEquals(name + ".", reply.question().name().toString(), "the client's own case");
    assertEquals(edns, reply.edns() != null, "OPT only for EDNS clients");
    assertEquals(1, reply.answers().size());
    ResourceRecord record = reply.answers().get(0);
    assertArrayEquals(
        new byte[] {10, (byte) (index >>> 8), (byte) (index & 0xFF), 1},
        record.rdata(),
        "the answer for this name, not another");
    switch (answer.outcome()) {
      case ALLOWED -> assertEquals(ttlOf(index), record.ttl());
      case CACHED -> assertTrue(record.ttl() >= 0 && record.ttl() <= ttlOf(index));
      case STALE -> assertEquals(30, record.ttl());
      default -> throw new AssertionError("unexpected outcome " + answer.outcome());
    }
  }

  @Test
  void concurrentListenersAlwaysGetTheirOwnCorrectAnswer() throws Exception {
    List<Future<Map<Outcome, Integer>>> results = new ArrayList<>();
    for (int t = 0; t < THREADS; t++) {
      int thread = t;
      results.add(listeners.submit(() -> listen(thread)));
    }
    Map<Outcome, Integer> total = new EnumMap<>(Outcome.class);
    for (Future<Map<Outcome, Integer>> result : results) {
      result
          .get(120, SECONDS)
          .forEach((outcome, count) -> total.merge(outcome, count, Integer::sum));
    }

    CacheStats stats = cache.stats();
    assertEquals(THREADS * QUERIES_PER_THREAD, stats.hits() + stats.misses());
    assertEquals(
        stats.hits(), (long) total.getOrDefault(Outcome.CACHED, 0) - followersServed(total, stats));
    assertTrue(stats.entries() <= MAX_ENTRIES, "entry bound held: " + stats);
    assertTrue(stats.bytes() <= MAX_BYTES, "byte bound held: " + stats);
    assertTrue(stats.evictions() > 0, "the run exercised eviction: " + stats);
    assertNotNull(total.get(Outcome.STALE), "the run exercised serve-stale: " + total);
    assertEquals(total.getOrDefault(Outcome.STALE, 0), (int) stats.staleServed());
    assertNull(total.get(Outcome.FORMERR));
    assertByteAccountingIsExact();
  }

  /**
   * Cached answers handed to coalesced followers count as misses, not hits; every other CACHED
   * outcome is a hit. This difference is at least zero and at most the number of misses.
   */
  private static long followersServed(Map<Outcome, Integer> total, CacheStats stats) {
    long difference = total.getOrDefault(Outcome.CACHED, 0) - stats.hits();
    assertTrue(difference >= 0 && difference <= stats.misses(), total + " vs " + stats);
    return difference;
  }

  /**
   * After the storm, refill the cache with same-sized answers: if the byte counter had drifted
   * under concurrency, it would no longer be exactly entries times one answer's size.
   */
  private void assertByteAccountingIsExact() throws Exception {
    outage.set(false);
    clock.advance(1000 * SECOND);
    DnsCache probe = new DnsCache(CacheSettings.defaults(), clock::nanoTime);
    probe.resolve(query(1, "n0001.example", RecordType.A), next).get(10, SECONDS);
    long oneAnswer = probe.stats().bytes();
    for (int i = 1; i <= 8 * MAX_ENTRIES; i++) {
      String name = String.format("n%04d.example", i);
      cache.resolve(query(i, name, RecordType.A), next).get(10, SECONDS);
    }
    CacheStats stats = cache.stats();
    assertEquals(MAX_ENTRIES, stats.entries(), "every segment is full again");
    assertEquals(MAX_ENTRIES * oneAnswer, stats.bytes());
  }
}
