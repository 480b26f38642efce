package org.classgate.dns.cache;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.classgate.dns.cache.CacheFixtures.SECOND;
import static org.classgate.dns.cache.CacheFixtures.a;
import static org.classgate.dns.cache.CacheFixtures.allowed;
import static org.classgate.dns.cache.CacheFixtures.query;
import static org.classgate.dns.cache.CacheFixtures.response;
import static org.classgate.dns.cache.CacheFixtures.wire;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import org.classgate.dns.wire.Flags;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Rcode;
import org.classgate.dns.wire.RecordType;
import org.junit.jupiter.api.Test;

/** Concurrent misses for one key share a single upstream query. */
class DnsCacheCoalescingTest {
  private final FakeClock clock = new FakeClock();
  private final DnsCache cache = new DnsCache(CacheSettings.defaults(), clock::nanoTime);
  private final CompletableFuture<Answer> pending = new CompletableFuture<>();
  private final ScriptedNext next = new ScriptedNext(q -> pending);

  private static Message positive(DnsQuery query) throws Exception {
    return response(
        query, Rcode.NOERROR, List.of(a("slow.example", 300, 192, 0, 2, 1)), List.of(), List.of());
  }

  @Test
  void followersAreAnsweredFromWhatTheLeaderStored() throws Exception {
    DnsQuery leader = query(1, "slow.example", RecordType.A);
    CompletableFuture<Answer> first = cache.resolve(leader, next);
    CompletableFuture<Answer> second = cache.resolve(query(2, "SLOW.example", RecordType.A), next);
    CompletableFuture<Answer> third = cache.resolve(query(3, "slow.EXAMPLE", RecordType.A), next);
    assertEquals(1, next.calls(), "one upstream query for three clients");
    assertFalse(second.isDone());

    clock.advance(2 * SECOND);
    pending.complete(Answer.of(wire(positive(leader)), Outcome.ALLOWED));

    assertEquals(Outcome.ALLOWED, first.get(5, SECONDS).outcome());
    Answer followed = second.get(5, SECONDS);
    assertEquals(Outcome.CACHED, followed.outcome());
    org.xbill.DNS.Message oracle = new org.xbill.DNS.Message(followed.wire());
    assertEquals(2, oracle.getHeader().getID());
    assertEquals("SLOW.example.", oracle.getQuestion().getName().toString());
    assertEquals(300, oracle.getSection(org.xbill.DNS.Section.ANSWER).get(0).getTTL());
    assertEquals(3, Message.parse(third.get(5, SECONDS).wire()).id());
    assertEquals(3, cache.stats().misses());
  }

  @Test
  void followersShareTheLeadersFailureInsteadOfWaitingAgain() throws Exception {
    CompletableFuture<Answer> first = cache.resolve(query(1, "slow.example", RecordType.A), next);
    CompletableFuture<Answer> second = cache.resolve(query(2, "slow.example", RecordType.A), next);
    TimeoutException timeout = new TimeoutException("every upstream timed out");
    pending.completeExceptionally(timeout);

    ExecutionException leaderFailure =
        assertThrows(ExecutionException.class, () -> first.get(5, SECONDS));
    ExecutionException followerFailure =
        assertThrows(ExecutionException.class, () -> second.get(5, SECONDS));
    assertSame(timeout, leaderFailure.getCause());
    assertSame(timeout, followerFailure.getCause());
    assertEquals(1, next.calls());
  }

  @Test
  void followersGetTheirOwnServfailWhenTheLeadersFailed() throws Exception {
    DnsQuery leader = query(1, "slow.example", RecordType.A);
    cache.resolve(leader, next);
    CompletableFuture<Answer> second =
        cache.resolve(query(2, "Slow.Example", RecordType.A, Flags.RD, CacheFixtures.EDNS), next);
    // Different EDNS shape: a separate key, so this one is a leader of its own.
    assertEquals(2, next.calls());
    CompletableFuture<Answer> third = cache.resolve(query(3, "Slow.Example", RecordType.A), next);
    assertEquals(2, next.calls());
    pending.complete(
        Answer.of(Responses.error(leader.message(), Rcode.SERVFAIL), Outcome.SERVFAIL));

    Answer servfail = third.get(5, SECONDS);
    assertEquals(Outcome.SERVFAIL, servfail.outcome());
    Message parsed = Message.parse(servfail.wire());
    assertEquals(3, parsed.id());
    assertEquals(Rcode.SERVFAIL, parsed.rcode());
    assertEquals("Slow.Example.", parsed.question().name().toString());
    assertEquals(Outcome.SERVFAIL, second.get(5, SECONDS).outcome());
  }

  @Test
  void followersAskThemselvesWhenTheLeadersAnswerCouldNotBeCached() throws Exception {
    DnsQuery leader = query(1, "slow.example", RecordType.A);
    CompletableFuture<Answer> first = cache.resolve(leader, next);
    CompletableFuture<Answer> second = cache.resolve(query(2, "slow.example", RecordType.A), next);
    next.respondWith(q -> allowed(positive(q)));
    Message truncated = positive(leader).withFlags(positive(leader).flags() | Flags.TC);
    pending.complete(Answer.of(wire(truncated), Outcome.ALLOWED));

    assertEquals(Outcome.ALLOWED, first.get(5, SECONDS).outcome());
    Answer own = second.get(5, SECONDS);
    assertEquals(Outcome.ALLOWED, own.outcome());
    assertEquals(2, Message.parse(own.wire()).id());
    assertFalse(Message.parse(own.wire()).isTruncated());
    assertEquals(2, next.calls());
  }
}
