package org.classgate.dns.upstream;

import static org.classgate.dns.upstream.ClientQueries.NO_NEXT;
import static org.classgate.dns.upstream.ClientQueries.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.random.RandomGenerator;
import org.classgate.dns.Answer;
import org.classgate.dns.Outcome;
import org.classgate.dns.upstream.ScriptedUpstream.Received;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/** The resolver against fake upstreams on real loopback sockets that lie, forge or stay silent. */
class UpstreamResolverHostileIT {
  private static final Duration TIMEOUT = Duration.ofMillis(400);
  private static final String GENUINE = "192.0.2.99";

  private final List<AutoCloseable> resources = new ArrayList<>();

  @AfterEach
  void closeResources() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
  }

  private ScriptedUpstream upstream(ScriptedUpstream.Script script) throws Exception {
    ScriptedUpstream upstream = new ScriptedUpstream(script);
    resources.add(upstream);
    return upstream;
  }

  private UpstreamResolver resolver(
      List<InetSocketAddress> upstreams,
      int maxInFlight,
      Duration timeout,
      RandomGenerator random) {
    UpstreamResolver resolver =
        new UpstreamResolver(
            upstreams,
            new UpstreamSettings(
                timeout, maxInFlight, Duration.ofSeconds(2), Duration.ofSeconds(10)),
            random,
            System::nanoTime);
    resources.add(0, resolver); // closed before the upstreams
    return resolver;
  }

  private UpstreamResolver resolver(ScriptedUpstream upstream) {
    return resolver(List.of(upstream.address()), 64, TIMEOUT, new SecureRandom());
  }

  private static List<String> addresses(Answer answer) throws Exception {
    return new Message(answer.wire())
        .getSection(Section.ANSWER).stream()
            .filter(ARecord.class::isInstance)
            .map(record -> ((ARecord) record).getAddress().getHostAddress())
            .toList();
  }

  @Test
  void onlyTheGenuineAnswerIsAcceptedAmongForgeries() throws Exception {
    ScriptedUpstream hostile =
        upstream(
            (query, out) -> {
              byte[] echoed = query.wire(); // QR clear: a query, not an answer
              out.sendBytes(query, echoed);
              String asked = query.message().getQuestion().getName().toString();
              out.send(
                  query, ScriptedUpstream.reply(query, query.id() ^ 0x0101, asked, "203.0.113.1"));
              out.send(
                  query,
                  ScriptedUpstream.reply(query, query.id(), "other.example.", "203.0.113.2"));
              out.sendFromOtherPort(query, ScriptedUpstream.honestReply(query, "203.0.113.3"));
              out.send(query, ScriptedUpstream.honestReply(query, GENUINE));
            });
    UpstreamResolver resolver = resolver(hostile);

    Answer answer =
        await(resolver.resolve(ClientQueries.plain(0x7777, "www.example.", Type.A), NO_NEXT));

    assertEquals(Outcome.ALLOWED, answer.outcome());
    assertEquals(List.of(GENUINE), addresses(answer));
    assertEquals(0x7777, new Message(answer.wire()).getHeader().getID());
    // The echoed query, the wrong ID and the wrong question reached the socket and were dropped;
    // the reply from another port never did: the connected socket makes the kernel discard it.
    assertEquals(3, resolver.droppedResponses());
  }

  @Test
  void aSilentUpstreamTimesOutIntoServfail() throws Exception {
    ScriptedUpstream silent = upstream((query, out) -> {});
    UpstreamResolver resolver = resolver(silent);

    long start = System.nanoTime();
    Answer answer =
        await(resolver.resolve(ClientQueries.plain(0x0102, "quiet.example.", Type.A), NO_NEXT));
    Duration waited = Duration.ofNanos(System.nanoTime() - start);

    assertEquals(Outcome.SERVFAIL, answer.outcome());
    Message reply = new Message(answer.wire());
    assertEquals(Rcode.SERVFAIL, reply.getRcode());
    assertEquals(0x0102, reply.getHeader().getID());
    assertTrue(waited.compareTo(TIMEOUT) >= 0, "answered after " + waited);
    assertEquals(1, silent.received().size());
    UpstreamHealth health = resolver.health().get(0);
    assertFalse(health.healthy());
    assertEquals(1, health.consecutiveFailures());
  }

  @Test
  void everyQueryUsesAFreshPortAndAnIdFromTheInjectedRandom() throws Exception {
    ScriptedUpstream honest =
        upstream((query, out) -> out.send(query, ScriptedUpstream.honestReply(query, GENUINE)));
    UpstreamResolver resolver =
        resolver(List.of(honest.address()), 64, TIMEOUT, new SplittableRandom(2024));
    int queries = 20;

    for (int i = 0; i < queries; i++) {
      Answer answer =
          await(resolver.resolve(ClientQueries.plain(i, "n" + i + ".example.", Type.A), NO_NEXT));
      assertEquals(Outcome.ALLOWED, answer.outcome());
    }

    List<Received> received = honest.received();
    SplittableRandom twin = new SplittableRandom(2024);
    List<Integer> expectedIds = new ArrayList<>();
    for (int i = 0; i < queries; i++) {
      expectedIds.add(twin.nextInt(0x10000));
    }
    assertEquals(expectedIds, received.stream().map(Received::id).toList());
    List<Integer> ports = received.stream().map(query -> query.from().getPort()).toList();
    for (int i = 1; i < ports.size(); i++) {
      assertNotEquals(ports.get(i - 1), ports.get(i), "successive source ports: " + ports);
    }
    // Kernel-random ephemeral ports: a repeat among 20 is rare, several would mean no randomness.
    assertTrue(new HashSet<>(ports).size() >= queries - 2, "source ports: " + ports);
  }

  @Test
  void theUpstreamQueryCarriesRdCdAndDoAndTheQuestionAsAsked() throws Exception {
    ScriptedUpstream honest =
        upstream((query, out) -> out.send(query, ScriptedUpstream.honestReply(query, GENUINE)));
    UpstreamResolver resolver = resolver(honest);

    Answer answer =
        await(
            resolver.resolve(
                ClientQueries.query(0x4242, "MiXeD.Example.", Type.A, 4096, true, true), NO_NEXT));

    Message sent = honest.received().get(0).message();
    assertTrue(sent.getHeader().getFlag(Flags.RD));
    assertTrue(sent.getHeader().getFlag(Flags.CD));
    assertEquals(1232, sent.getOPT().getPayloadSize());
    assertTrue((sent.getOPT().getFlags() & ExtendedFlags.DO) != 0);
    assertEquals("MiXeD.Example.", sent.getQuestion().getName().toString());
    assertNotEquals(0x4242, sent.getHeader().getID(), "the client's ID is never reused upstream");
    Message reply = new Message(answer.wire());
    assertEquals(0x4242, reply.getHeader().getID());
    assertEquals("MiXeD.Example.", reply.getQuestion().getName().toString());
    assertTrue((reply.getOPT().getFlags() & ExtendedFlags.DO) != 0);
  }

  @Test
  void refusedAndServfailAnswersFailOverToTheNextUpstream() throws Exception {
    ScriptedUpstream refusing =
        upstream(
            (query, out) -> {
              Message reply = ScriptedUpstream.honestReply(query, "203.0.113.9");
              reply.removeAllRecords(Section.ANSWER);
              reply.getHeader().setRcode(Rcode.REFUSED);
              out.send(query, reply);
            });
    ScriptedUpstream failing =
        upstream(
            (query, out) -> {
              Message reply = ScriptedUpstream.honestReply(query, "203.0.113.10");
              reply.removeAllRecords(Section.ANSWER);
              reply.getHeader().setRcode(Rcode.SERVFAIL);
              out.send(query, reply);
            });
    ScriptedUpstream honest =
        upstream((query, out) -> out.send(query, ScriptedUpstream.honestReply(query, GENUINE)));
    UpstreamResolver resolver =
        resolver(
            List.of(refusing.address(), failing.address(), honest.address()),
            64,
            TIMEOUT,
            new SecureRandom());

    Answer answer =
        await(resolver.resolve(ClientQueries.plain(1, "www.example.", Type.A), NO_NEXT));

    assertEquals(List.of(GENUINE), addresses(answer));
    List<UpstreamHealth> health = resolver.health();
    assertFalse(health.get(0).healthy());
    assertFalse(health.get(1).healthy());
    assertTrue(health.get(2).healthy());
    assertTrue(health.get(2).lastRtt() != null);
  }

  @Test
  void queriesOverTheLimitGetServfailAtOnceAndCloseAnswersTheWaitingOnes() throws Exception {
    ScriptedUpstream silent = upstream((query, out) -> {});
    UpstreamResolver resolver =
        resolver(List.of(silent.address()), 2, Duration.ofSeconds(30), new SecureRandom());

    CompletableFuture<Answer> first =
        resolver.resolve(ClientQueries.plain(1, "a.example.", Type.A), NO_NEXT);
    CompletableFuture<Answer> second =
        resolver.resolve(ClientQueries.plain(2, "b.example.", Type.A), NO_NEXT);
    CompletableFuture<Answer> third =
        resolver.resolve(ClientQueries.plain(3, "c.example.", Type.A), NO_NEXT);

    assertTrue(third.isDone(), "over the limit: answered without waiting");
    assertEquals(Outcome.SERVFAIL, third.join().outcome());
    assertEquals(1, resolver.overloadedQueries());
    assertFalse(first.isDone());
    assertEquals(2, resolver.inFlight());

    resolver.close();

    assertTrue(first.isDone() && second.isDone(), "close completes the waiting queries");
    assertEquals(Outcome.SERVFAIL, first.join().outcome());
    assertEquals(2, new Message(second.join().wire()).getHeader().getID());
    assertEquals(0, resolver.inFlight());
    Answer afterClose =
        await(resolver.resolve(ClientQueries.plain(4, "d.example.", Type.A), NO_NEXT));
    assertEquals(Outcome.SERVFAIL, afterClose.outcome());
  }
}
