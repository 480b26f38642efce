package org.classgate.dns.cache;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.classgate.dns.cache.CacheFixtures.SECOND;
import static org.classgate.dns.cache.CacheFixtures.a;
import static org.classgate.dns.cache.CacheFixtures.allowed;
import static org.classgate.dns.cache.CacheFixtures.cname;
import static org.classgate.dns.cache.CacheFixtures.dnsjavaTtls;
import static org.classgate.dns.cache.CacheFixtures.query;
import static org.classgate.dns.cache.CacheFixtures.response;
import static org.classgate.dns.cache.CacheFixtures.soa;
import static org.classgate.dns.cache.CacheFixtures.ttls;
import static org.classgate.dns.cache.CacheFixtures.wire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.classgate.dns.Answer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Outcome;
import org.classgate.dns.Responses;
import org.classgate.dns.cache.CacheFixtures.FakeClock;
import org.classgate.dns.cache.CacheFixtures.Responder;
import org.classgate.dns.cache.CacheFixtures.ScriptedNext;
import org.classgate.dns.wire.Flags;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Rcode;
import org.classgate.dns.wire.RecordType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** Negative caching (RFC 2308) and the answers that must never be cached. */
class DnsCacheNegativeTest {
  private final FakeClock clock = new FakeClock();
  private final DnsCache cache = new DnsCache(CacheSettings.defaults(), clock::nanoTime);

  private Answer ask(DnsQuery query, ScriptedNext next) throws Exception {
    return cache.resolve(query, next).get(5, SECONDS);
  }

  @ParameterizedTest(name = "SOA TTL {0}, MINIMUM {1} -> cached {2} s")
  @CsvSource({"600, 300, 300", "120, 900, 120", "7200, 7200, 3600"})
  void nxdomainLivesForMinOfSoaTtlAndMinimumCappedByTheSetting(
      long soaTtl, long minimum, long expectedSeconds) throws Exception {
    ScriptedNext next =
        new ScriptedNext(
            q ->
                allowed(
                    response(
                        q,
                        Rcode.NXDOMAIN,
                        List.of(),
                        List.of(soa("example.com", soaTtl, minimum)),
                        List.of())));
    assertEquals(Outcome.ALLOWED, ask(query(1, "gone.example.com", RecordType.A), next).outcome());

    clock.advance((expectedSeconds - 1) * SECOND);
    Answer hit = ask(query(2, "gone.example.com", RecordType.A), next);
    assertEquals(Outcome.CACHED, hit.outcome());
    org.xbill.DNS.Message oracle = new org.xbill.DNS.Message(hit.wire());
    assertEquals(org.xbill.DNS.Rcode.NXDOMAIN, oracle.getRcode());
    assertEquals(
        List.of(1L),
        dnsjavaTtls(hit.wire()),
        "the SOA's TTL counts down to the end of negative caching (RFC 2308 §5)");
    assertEquals(1, next.calls());

    clock.advance(SECOND);
    assertEquals(Outcome.ALLOWED, ask(query(3, "gone.example.com", RecordType.A), next).outcome());
    assertEquals(2, next.calls());
  }

  @Test
  void nodataIsCachedLikeNxdomain() throws Exception {
    ScriptedNext next =
        new ScriptedNext(
            q ->
                allowed(
                    response(
                        q,
                        Rcode.NOERROR,
                        List.of(),
                        List.of(soa("example.com", 3600, 60)),
                        List.of())));
    ask(query(1, "v4only.example.com", RecordType.AAAA), next);

    clock.advance(45 * SECOND);
    Answer hit = ask(query(2, "v4only.example.com", RecordType.AAAA), next);
    assertEquals(Outcome.CACHED, hit.outcome());
    Message parsed = Message.parse(hit.wire());
    assertEquals(Rcode.NOERROR, parsed.rcode());
    assertEquals(0, parsed.answers().size());
    assertEquals(List.of(15L), ttls(hit.wire()));

    clock.advance(15 * SECOND);
    ask(query(3, "v4only.example.com", RecordType.AAAA), next);
    assertEquals(2, next.calls());
  }

  @Test
  void nxdomainAfterACnameChainKeepsTheChainAndCountsItDownToo() throws Exception {
    ScriptedNext next =
        new ScriptedNext(
            q ->
                allowed(
                    response(
                        q,
                        Rcode.NXDOMAIN,
                        List.of(cname("alias.example.com", 86400, "gone.example.net")),
                        List.of(soa("example.net", 900, 900)),
                        List.of())));
    ask(query(1, "alias.example.com", RecordType.A), next);

    clock.advance(100 * SECOND);
    Answer hit = ask(query(2, "alias.example.com", RecordType.A), next);
    assertEquals(Outcome.CACHED, hit.outcome());
    assertEquals(List.of(800L, 800L), dnsjavaTtls(hit.wire()), "capped at the 900 s lifetime");
  }

  @Test
  void negativeAnswerWithoutSoaIsNotCached() throws Exception {
    ScriptedNext next =
        new ScriptedNext(
            q -> allowed(response(q, Rcode.NXDOMAIN, List.of(), List.of(), List.of())));
    ask(query(1, "nosoa.example", RecordType.A), next);
    Answer again = ask(query(2, "nosoa.example", RecordType.A), next);
    assertEquals(Outcome.ALLOWED, again.outcome());
    assertEquals(2, next.calls());
    assertEquals(0, cache.stats().entries());
  }

  static Stream<Arguments> uncacheable() {
    return Stream.of(
        Arguments.of(
            "SERVFAIL from the upstream resolver", (Responder) q -> rcode(q, Rcode.SERVFAIL)),
        Arguments.of("REFUSED", (Responder) q -> rcode(q, Rcode.REFUSED)),
        Arguments.of("FORMERR", (Responder) q -> rcode(q, Rcode.FORMERR)),
        Arguments.of(
            "all upstreams failed",
            (Responder)
                q ->
                    CompletableFuture.completedFuture(
                        Answer.of(Responses.error(q.message(), Rcode.SERVFAIL), Outcome.SERVFAIL))),
        Arguments.of(
            "truncated",
            (Responder)
                q -> {
                  Message full = positive(q, 300);
                  return allowed(full.withFlags(full.flags() | Flags.TC));
                }),
        Arguments.of(
            "answer to another question",
            (Responder)
                q -> {
                  DnsQuery other = query(q.message().id(), "other.example", RecordType.A);
                  return allowed(positive(other, 300));
                }),
        Arguments.of(
            "answer of another type",
            (Responder)
                q -> {
                  DnsQuery other = query(q.message().id(), "x.example", RecordType.AAAA);
                  return allowed(positive(other, 300));
                }),
        Arguments.of(
            "unparseable bytes",
            (Responder)
                q ->
                    CompletableFuture.completedFuture(
                        Answer.of(
                            new byte[] {0, 1, (byte) 0x81, (byte) 0x80, 0, 1, 0, 5},
                            Outcome.ALLOWED))),
        Arguments.of(
            "not a response",
            (Responder)
                q -> {
                  Message full = positive(q, 300);
                  return allowed(full.withFlags(full.flags() & ~Flags.QR));
                }),
        Arguments.of("zero TTL", (Responder) q -> allowed(positive(q, 0))),
        Arguments.of(
            "an outcome other than ALLOWED",
            (Responder)
                q ->
                    CompletableFuture.completedFuture(
                        Answer.of(wire(positive(q, 300)), Outcome.SAFESEARCH))));
  }

  private static Message positive(DnsQuery query, long ttl) throws Exception {
    return response(
        query,
        Rcode.NOERROR,
        List.of(a(query.question().name().toString(), ttl, 192, 0, 2, 1)),
        List.of(),
        List.of());
  }

  private static CompletableFuture<Answer> rcode(DnsQuery query, int rcode) throws Exception {
    return allowed(
        response(query, rcode, List.of(), List.of(soa("example", 3600, 3600)), List.of()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("uncacheable")
  void neverCached(String label, Responder responder) throws Exception {
    ScriptedNext next = new ScriptedNext(responder);
    DnsQuery first = query(1, "x.example", RecordType.A);
    Answer upstream = responder.respond(first).get();
    next.respondWith(q -> CompletableFuture.completedFuture(upstream));

    assertSame(upstream, ask(first, next), "passed through unchanged");
    assertSame(upstream, ask(query(1, "x.example", RecordType.A), next));
    assertEquals(2, next.calls(), label + " must go upstream every time");
    assertEquals(0, cache.stats().entries());
  }
}
