package org.classgate.dns.cache;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.classgate.dns.cache.CacheFixtures.SECOND;
import static org.classgate.dns.cache.CacheFixtures.a;
import static org.classgate.dns.cache.CacheFixtures.allowed;
import static org.classgate.dns.cache.CacheFixtures.dnsjavaTtls;
import static org.classgate.dns.cache.CacheFixtures.query;
import static org.classgate.dns.cache.CacheFixtures.response;
import static org.classgate.dns.cache.CacheFixtures.ttls;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.classgate.dns.Answer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Outcome;
import org.classgate.dns.Responses;
import org.classgate.dns.cache.CacheFixtures.FakeClock;
import org.classgate.dns.cache.CacheFixtures.ScriptedNext;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Rcode;
import org.classgate.dns.wire.RecordType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Serving expired answers when every upstream fails (RFC 8767). */
class DnsCacheStaleTest {
  private static final int MAX_STALE = 86_400;

  private final FakeClock clock = new FakeClock();
  private final DnsCache cache =
      new DnsCache(
          new CacheSettings(100, 1 << 20, 0, 86_400, 3600, 30, MAX_STALE), clock::nanoTime);
  private final TimeoutException timeout = new TimeoutException("every upstream timed out");
  private final ScriptedNext next =
      new ScriptedNext(
          q ->
              allowed(
                  response(
                      q,
                      Rcode.NOERROR,
                      List.of(a("s.example", 60, 192, 0, 2, 1), a("s.example", 300, 192, 0, 2, 2)),
                      List.of(),
                      List.of(a("ns.example", 900, 192, 0, 2, 53)))));

  private Answer ask(DnsQuery query) throws Exception {
    return cache.resolve(query, next).get(5, SECONDS);
  }

  private void upstreamsTimeOut() {
    next.respondWith(q -> CompletableFuture.failedFuture(timeout));
  }

  private void upstreamsAnswerServfail() {
    next.respondWith(
        q ->
            CompletableFuture.completedFuture(
                Answer.of(Responses.error(q.message(), Rcode.SERVFAIL), Outcome.SERVFAIL)));
  }

  @BeforeEach
  void storeAnAnswerThatLivesSixtySeconds() throws Exception {
    assertEquals(Outcome.ALLOWED, ask(query(1, "s.example", RecordType.A)).outcome());
  }

  @Test
  void expiredAnswerIsServedWithTheStaleTtlWhenTheUpstreamsTimeOut() throws Exception {
    clock.advance(61 * SECOND);
    upstreamsTimeOut();

    Answer stale = ask(query(0x5151, "S.Example", RecordType.A));

    assertEquals(Outcome.STALE, stale.outcome());
    assertEquals(List.of(30L, 30L, 30L), ttls(stale.wire()), "RFC 8767 §4: 30 s");
    assertEquals(List.of(30L, 30L, 30L), dnsjavaTtls(stale.wire()));
    org.xbill.DNS.Message oracle = new org.xbill.DNS.Message(stale.wire());
    assertEquals(0x5151, oracle.getHeader().getID());
    assertEquals("S.Example.", oracle.getQuestion().getName().toString());
    assertEquals(2, next.calls(), "the upstreams were tried first");
    assertEquals(1, cache.stats().staleServed());
  }

  @Test
  void expiredAnswerIsServedWhenTheUpstreamStageAnswersServfail() throws Exception {
    clock.advance(61 * SECOND);
    upstreamsAnswerServfail();
    Answer stale = ask(query(2, "s.example", RecordType.A));
    assertEquals(Outcome.STALE, stale.outcome());
    assertEquals(Rcode.NOERROR, Message.parse(stale.wire()).rcode());
  }

  @Test
  void afterTheStaleWindowTheFailureComesThrough() throws Exception {
    clock.advance((60 + MAX_STALE - 1) * SECOND);
    upstreamsAnswerServfail();
    assertEquals(Outcome.STALE, ask(query(2, "s.example", RecordType.A)).outcome());

    clock.advance(SECOND);
    DnsQuery late = query(3, "s.example", RecordType.A);
    Answer servfail = ask(late);
    assertEquals(Outcome.SERVFAIL, servfail.outcome());
    assertEquals(Rcode.SERVFAIL, Message.parse(servfail.wire()).rcode());
    assertEquals(0, cache.stats().entries(), "the dead answer was dropped");

    upstreamsTimeOut();
    ExecutionException failure =
        assertThrows(ExecutionException.class, () -> ask(query(4, "s.example", RecordType.A)));
    assertSame(timeout, failure.getCause(), "the upstream failure is rethrown unchanged");
  }

  @Test
  void aFreshAnswerIsNeverReplacedByAStaleOne() throws Exception {
    clock.advance(30 * SECOND);
    upstreamsTimeOut();
    Answer hit = ask(query(2, "s.example", RecordType.A));
    assertEquals(Outcome.CACHED, hit.outcome());
    assertEquals(List.of(30L, 270L, 870L), ttls(hit.wire()));
    assertEquals(1, next.calls(), "fresh answers do not touch the upstreams");
  }

  @Test
  void answerIsRefreshedWhenTheUpstreamsRecover() throws Exception {
    clock.advance(61 * SECOND);
    upstreamsTimeOut();
    assertEquals(Outcome.STALE, ask(query(2, "s.example", RecordType.A)).outcome());

    next.respondWith(
        q ->
            allowed(
                response(
                    q,
                    Rcode.NOERROR,
                    List.of(a("s.example", 600, 198, 51, 100, 7)),
                    List.of(),
                    List.of())));
    assertEquals(Outcome.ALLOWED, ask(query(3, "s.example", RecordType.A)).outcome());
    Answer fresh = ask(query(4, "s.example", RecordType.A));
    assertEquals(Outcome.CACHED, fresh.outcome());
    assertArrayEquals(
        new byte[] {(byte) 198, 51, 100, 7}, Message.parse(fresh.wire()).answers().get(0).rdata());
  }

  @Test
  void serveStaleCanBeTurnedOff() throws Exception {
    DnsCache strict =
        new DnsCache(new CacheSettings(100, 1 << 20, 0, 86_400, 3600, 30, 0), clock::nanoTime);
    strict.resolve(query(1, "s.example", RecordType.A), next).get(5, SECONDS);
    clock.advance(60 * SECOND);
    upstreamsAnswerServfail();
    Answer answer = strict.resolve(query(2, "s.example", RecordType.A), next).get(5, SECONDS);
    assertEquals(Outcome.SERVFAIL, answer.outcome());
    assertEquals(0, strict.stats().staleServed());
  }
}
