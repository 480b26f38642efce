package org.classgate.dns.cache;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.classgate.dns.cache.CacheFixtures.EDNS;
import static org.classgate.dns.cache.CacheFixtures.EDNS_DO;
import static org.classgate.dns.cache.CacheFixtures.SECOND;
import static org.classgate.dns.cache.CacheFixtures.a;
import static org.classgate.dns.cache.CacheFixtures.allowed;
import static org.classgate.dns.cache.CacheFixtures.cname;
import static org.classgate.dns.cache.CacheFixtures.dnsjavaTtls;
import static org.classgate.dns.cache.CacheFixtures.query;
import static org.classgate.dns.cache.CacheFixtures.response;
import static org.classgate.dns.cache.CacheFixtures.ttls;
import static org.classgate.dns.cache.CacheFixtures.wire;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.classgate.dns.Answer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Outcome;
import org.classgate.dns.cache.CacheFixtures.FakeClock;
import org.classgate.dns.cache.CacheFixtures.ScriptedNext;
import org.classgate.dns.wire.Edns;
import org.classgate.dns.wire.Flags;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Rcode;
import org.classgate.dns.wire.RecordType;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.OPTRecord;

/** Hits, misses and the bytes of a cached answer. */
class DnsCacheTest {
  private final FakeClock clock = new FakeClock();
  private final DnsCache cache = new DnsCache(CacheSettings.defaults(), clock::nanoTime);

  private Answer ask(DnsQuery query, ScriptedNext next) throws Exception {
    return cache.resolve(query, next).get(5, SECONDS);
  }

  private static Message threeSections(DnsQuery query) throws Exception {
    return response(
        query,
        Rcode.NOERROR,
        List.of(
            cname("www.example.com", 300, "web.example.net"),
            a("web.example.net", 250, 192, 0, 2, 10)),
        List.of(),
        List.of(a("ns1.example.net", 900, 192, 0, 2, 53)));
  }

  @Test
  void missGoesUpstreamAndTheRepeatIsServedFromTheCache() throws Exception {
    DnsQuery first = query(0x1111, "www.example.com", RecordType.A);
    Answer upstream = Answer.of(wire(threeSections(first)), Outcome.ALLOWED);
    ScriptedNext next =
        new ScriptedNext(q -> java.util.concurrent.CompletableFuture.completedFuture(upstream));

    assertSame(upstream, ask(first, next), "a miss passes the upstream answer through");
    Answer hit = ask(query(0x1111, "www.example.com", RecordType.A), next);

    assertEquals(Outcome.CACHED, hit.outcome());
    assertEquals(1, next.calls());
    assertEquals(List.of(300L, 250L, 900L), ttls(hit.wire()), "no time passed, TTLs as received");
    CacheStats stats = cache.stats();
    assertEquals(1, stats.entries());
    assertEquals(1, stats.hits());
    assertEquals(1, stats.misses());
    assertTrue(stats.bytes() > hit.wire().length, "bytes estimate covers at least the wire form");
  }

  @Test
  void hitDecrementsEveryTtlByTheWholeSecondsSinceStoring() throws Exception {
    DnsQuery first = query(0x1111, "www.example.com", RecordType.A, Flags.RD, EDNS_DO);
    Message upstream = threeSections(first);
    ScriptedNext next = new ScriptedNext(q -> allowed(upstream));
    ask(first, next);

    clock.advance(100 * SECOND + 700_000_000L);
    DnsQuery second = query(0x2222, "WwW.ExAmPlE.cOm", RecordType.A, Flags.RD, EDNS_DO);
    Answer hit = ask(second, next);

    assertEquals(Outcome.CACHED, hit.outcome());
    assertEquals(List.of(200L, 150L, 800L), ttls(hit.wire()));
    assertEquals(List.of(200L, 150L, 800L), dnsjavaTtls(hit.wire()), "dnsjava reads the same");
    // The exact bytes a correct cache must send: the upstream answer re-addressed to the second
    // client with counted-down TTLs. Serialised independently of the cache's patching code.
    Message expected =
        new Message(
            0x2222,
            upstream.flags(),
            second.question(),
            List.of(
                cname("www.example.com", 200, "web.example.net"),
                a("web.example.net", 150, 192, 0, 2, 10)),
            List.of(),
            List.of(a("ns1.example.net", 800, 192, 0, 2, 53)),
            Edns.ours(true));
    assertArrayEquals(wire(expected), hit.wire());
  }

  @Test
  void hitEchoesTheClientsIdQuestionCaseAndRdBit() throws Exception {
    ScriptedNext next = new ScriptedNext(q -> allowed(threeSections(q)));
    ask(query(0x1111, "www.example.com", RecordType.A), next);

    DnsQuery second = query(0xBEEF, "WWW.example.COM", RecordType.A, 0, null);
    Answer hit = ask(second, next);

    org.xbill.DNS.Message oracle = new org.xbill.DNS.Message(hit.wire());
    assertEquals(0xBEEF, oracle.getHeader().getID());
    assertEquals("WWW.example.COM.", oracle.getQuestion().getName().toString());
    assertFalse(oracle.getHeader().getFlag(org.xbill.DNS.Flags.RD), "RD copied from the query");
    assertTrue(oracle.getHeader().getFlag(org.xbill.DNS.Flags.QR));
    int questionEnd = Message.HEADER_LENGTH + second.question().name().wireLength() + 4;
    assertTrue(
        Arrays.equals(
            hit.wire(),
            Message.HEADER_LENGTH,
            questionEnd,
            second.raw(),
            Message.HEADER_LENGTH,
            questionEnd),
        "question section identical to the client's bytes (DNS 0x20)");
    assertEquals("WWW.example.COM.", Message.parse(hit.wire()).question().name().toString());
  }

  @Test
  void optRecordIsNeverTreatedAsATtl() throws Exception {
    ScriptedNext next = new ScriptedNext(q -> allowed(threeSections(q)));
    ask(query(1, "www.example.com", RecordType.A, Flags.RD, EDNS_DO), next);

    clock.advance(100 * SECOND);
    Answer hit = ask(query(2, "www.example.com", RecordType.A, Flags.RD, EDNS_DO), next);

    byte[] wire = hit.wire();
    // The OPT record is last: root name, TYPE 41, CLASS = payload 1232, TTL = ext rcode 0,
    // version 0, DO set, no options (RFC 6891 §6.1.3). A decremented "TTL" would clear DO.
    byte[] opt = Arrays.copyOfRange(wire, wire.length - 11, wire.length);
    assertArrayEquals(new byte[] {0, 0, 41, 0x04, (byte) 0xD0, 0, 0, (byte) 0x80, 0, 0, 0}, opt);
    OPTRecord oracle = new org.xbill.DNS.Message(wire).getOPT();
    assertEquals(ExtendedFlags.DO, oracle.getFlags());
    assertEquals(0, oracle.getExtendedRcode());
    assertEquals(0, oracle.getVersion());
  }

  @Test
  void optOptionsOfTheUpstreamExchangeAreNotReplayedToOtherClients() throws Exception {
    // An EDNS cookie (RFC 7873, option 10) belongs to one exchange.
    byte[] cookie = {0, 10, 0, 16, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16};
    ScriptedNext next =
        new ScriptedNext(
            q -> allowed(threeSections(q).withEdns(new Edns(1232, 0, 0, false, cookie))));
    Answer miss = ask(query(1, "www.example.com", RecordType.A, Flags.RD, EDNS), next);
    assertEquals(1, new org.xbill.DNS.Message(miss.wire()).getOPT().getOptions().size());

    Answer hit = ask(query(2, "www.example.com", RecordType.A, Flags.RD, EDNS), next);

    assertEquals(Outcome.CACHED, hit.outcome());
    assertTrue(new org.xbill.DNS.Message(hit.wire()).getOPT().getOptions().isEmpty());
  }

  @Test
  void clientsWithAndWithoutEdnsDoAndCdGetSeparateEntries() throws Exception {
    ScriptedNext next = new ScriptedNext(q -> allowed(threeSections(q)));
    ask(query(1, "www.example.com", RecordType.A, Flags.RD, null), next);
    ask(query(2, "www.example.com", RecordType.A, Flags.RD, EDNS), next);
    ask(query(3, "www.example.com", RecordType.A, Flags.RD, EDNS_DO), next);
    ask(query(4, "www.example.com", RecordType.A, Flags.RD | Flags.CD, EDNS), next);
    assertEquals(4, next.calls(), "each kind of client is a miss the first time");

    Answer plain = ask(query(5, "www.example.com", RecordType.A, Flags.RD, null), next);
    Answer edns = ask(query(6, "www.example.com", RecordType.A, Flags.RD, EDNS), next);
    Answer dnssecOk = ask(query(7, "www.example.com", RecordType.A, Flags.RD, EDNS_DO), next);

    assertEquals(4, next.calls());
    assertEquals(4, cache.stats().entries());
    assertNull(new org.xbill.DNS.Message(plain.wire()).getOPT(), "no OPT for a non-EDNS client");
    OPTRecord ednsOpt = new org.xbill.DNS.Message(edns.wire()).getOPT();
    assertNotNull(ednsOpt);
    assertEquals(0, ednsOpt.getFlags());
    assertEquals(ExtendedFlags.DO, new org.xbill.DNS.Message(dnssecOk.wire()).getOPT().getFlags());
  }

  @Test
  void answerExpiresExactlyWhenItsShortestTtlRunsOut() throws Exception {
    ScriptedNext next =
        new ScriptedNext(
            q ->
                allowed(
                    response(
                        q,
                        Rcode.NOERROR,
                        List.of(a("e.example", 60, 192, 0, 2, 1)),
                        List.of(),
                        List.of())));
    ask(query(1, "e.example", RecordType.A), next);

    clock.advance(60 * SECOND - 1);
    Answer last = ask(query(2, "e.example", RecordType.A), next);
    assertEquals(Outcome.CACHED, last.outcome());
    assertEquals(List.of(1L), ttls(last.wire()), "59.999999999 s elapsed counts as 59");

    clock.advance(1);
    next.respondWith(
        q ->
            allowed(
                response(
                    q,
                    Rcode.NOERROR,
                    List.of(a("e.example", 120, 192, 0, 2, 2)),
                    List.of(),
                    List.of())));
    Answer refreshed = ask(query(3, "e.example", RecordType.A), next);
    assertEquals(Outcome.ALLOWED, refreshed.outcome());
    assertEquals(2, next.calls());

    Answer fromNewEntry = ask(query(4, "e.example", RecordType.A), next);
    assertEquals(Outcome.CACHED, fromNewEntry.outcome());
    assertArrayEquals(
        new byte[] {(byte) 192, 0, 2, 2},
        Message.parse(fromNewEntry.wire()).answers().get(0).rdata());
  }

  @Test
  void recordTtlsAreClampedToTheConfiguredRange() throws Exception {
    DnsCache clamping =
        new DnsCache(new CacheSettings(100, 1 << 20, 60, 3600, 3600, 30, 0), clock::nanoTime);
    ScriptedNext next =
        new ScriptedNext(
            q ->
                allowed(
                    response(
                        q,
                        Rcode.NOERROR,
                        List.of(
                            a("c.example", 5, 192, 0, 2, 1), a("c.example", 604_800, 192, 0, 2, 2)),
                        List.of(),
                        List.of())));
    clamping.resolve(query(1, "c.example", RecordType.A), next).get(5, SECONDS);

    clock.advance(SECOND);
    Answer hit = clamping.resolve(query(2, "c.example", RecordType.A), next).get(5, SECONDS);
    assertEquals(List.of(59L, 3599L), dnsjavaTtls(hit.wire()));

    clock.advance(59 * SECOND);
    clamping.resolve(query(3, "c.example", RecordType.A), next).get(5, SECONDS);
    assertEquals(2, next.calls(), "the raised minimum of 60 s is the entry's lifetime");
  }

  @Test
  void questionEchoedInAnotherCaseByTheUpstreamStillMatches() throws Exception {
    ScriptedNext next =
        new ScriptedNext(
            q -> {
              DnsQuery shouting = query(q.message().id(), "EXAMPLE.com", RecordType.A);
              return allowed(
                  response(
                      shouting,
                      Rcode.NOERROR,
                      List.of(a("EXAMPLE.com", 300, 192, 0, 2, 1)),
                      List.of(),
                      List.of()));
            });
    ask(query(1, "example.com", RecordType.A), next);
    Answer hit = ask(query(2, "example.com", RecordType.A), next);
    assertEquals(Outcome.CACHED, hit.outcome());
    assertEquals("example.com.", Message.parse(hit.wire()).question().name().toString());
  }

  @Test
  void aFailureThrownByTheNextStageIsReportedAndDoesNotWedgeTheKey() throws Exception {
    IllegalStateException boom = new IllegalStateException("upstream stage bug");
    ScriptedNext next =
        new ScriptedNext(
            q -> {
              throw boom;
            });
    ExecutionException failure =
        assertThrows(
            ExecutionException.class, () -> ask(query(1, "w.example", RecordType.A), next));
    assertSame(boom, failure.getCause());

    next.respondWith(
        q ->
            allowed(
                response(
                    q,
                    Rcode.NOERROR,
                    List.of(a("w.example", 60, 192, 0, 2, 1)),
                    List.of(),
                    List.of())));
    assertEquals(Outcome.ALLOWED, ask(query(2, "w.example", RecordType.A), next).outcome());
    assertEquals(2, next.calls());
  }
}
