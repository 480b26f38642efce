package org.classgate.dns.upstream;

import static org.classgate.dns.upstream.ClientQueries.NO_NEXT;
import static org.classgate.dns.upstream.ClientQueries.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import org.classgate.dns.Answer;
import org.classgate.dns.Outcome;
import org.classgate.testing.FreePorts;
import org.classgate.testing.UnboundUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;
import org.xbill.DNS.TXTRecord;
import org.xbill.DNS.Type;

/** The resolver against a real unbound on loopback, and against ports where nothing listens. */
class UpstreamResolverIT {
  private static final Duration BACKOFF = Duration.ofSeconds(10);
  private static UnboundUpstream unbound;

  private final SteppedClock clock = new SteppedClock();
  private UpstreamResolver resolver;

  @BeforeAll
  static void startUnbound() {
    assumeTrue(UnboundUpstream.isInstalled(), "unbound is not installed: apt-get install unbound");
    unbound = UnboundUpstream.startDefault();
  }

  @AfterAll
  static void stopUnbound() {
    if (unbound != null) {
      unbound.close();
    }
  }

  @AfterEach
  void closeResolver() {
    if (resolver != null) {
      resolver.close();
    }
  }

  private UpstreamResolver resolver(InetSocketAddress... upstreams) {
    resolver =
        new UpstreamResolver(
            List.of(upstreams),
            new UpstreamSettings(Duration.ofSeconds(1), 64, Duration.ofSeconds(2), BACKOFF),
            new SecureRandom(),
            clock::nanoTime);
    return resolver;
  }

  private static InetSocketAddress unboundAddress() {
    if (!unbound.isRunning()) {
      unbound.start();
    }
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), unbound.port());
  }

  /** A loopback port with nothing listening: UDP gets ICMP port unreachable, TCP a reset. */
  private static InetSocketAddress deadPort() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), FreePorts.udpAndTcp());
  }

  private static Answer ask(UpstreamResolver resolver, int id, String name, int type)
      throws Exception {
    return await(resolver.resolve(ClientQueries.plain(id, name, type), NO_NEXT));
  }

  private static List<String> addresses(Message reply) {
    return reply.getSection(Section.ANSWER).stream()
        .filter(ARecord.class::isInstance)
        .map(record -> ((ARecord) record).getAddress().getHostAddress())
        .toList();
  }

  @Test
  void anAllowedNameResolvesWithTheClientsIdAndQuestion() throws Exception {
    resolver(unboundAddress());

    Answer answer = ask(resolver, 0xABCD, "WwW.Allowed.Test.", Type.A);

    assertEquals(Outcome.ALLOWED, answer.outcome());
    Message reply = new Message(answer.wire());
    assertEquals(0xABCD, reply.getHeader().getID());
    assertEquals("WwW.Allowed.Test.", reply.getQuestion().getName().toString());
    assertEquals(Rcode.NOERROR, reply.getRcode());
    assertTrue(reply.getHeader().getFlag(Flags.RA), "the upstream's RA is kept");
    assertEquals(List.of(UnboundUpstream.ALLOWED_ADDRESS), addresses(reply));
    assertNull(reply.getOPT(), "no OPT record for a client that did not use EDNS");
    assertNotNull(resolver.health().get(0).lastRtt());
  }

  @Test
  void anEdnsClientGetsOurOptRecordAndNegativeAnswersPassThrough() throws Exception {
    resolver(unboundAddress());

    Answer answer =
        await(
            resolver.resolve(
                ClientQueries.query(
                    7, UnboundUpstream.MISSING_NAME + ".", Type.A, 4096, false, false),
                NO_NEXT));

    assertEquals(Outcome.ALLOWED, answer.outcome());
    Message reply = new Message(answer.wire());
    assertEquals(Rcode.NXDOMAIN, reply.getRcode());
    assertEquals(1232, reply.getOPT().getPayloadSize());
    assertEquals(1, reply.getSection(Section.AUTHORITY).size(), "the SOA for negative caching");
  }

  @Test
  void aTruncatedUdpAnswerIsFetchedOverTcp() throws Exception {
    resolver(unboundAddress());

    Answer answer =
        await(
            resolver.resolve(
                ClientQueries.query(
                    0x0B16, UnboundUpstream.LARGE_TXT_NAME + ".", Type.TXT, 4096, false, false),
                NO_NEXT));

    assertEquals(Outcome.ALLOWED, answer.outcome());
    Message reply = new Message(answer.wire());
    assertFalse(reply.getHeader().getFlag(Flags.TC));
    long txt =
        reply.getSection(Section.ANSWER).stream().filter(TXTRecord.class::isInstance).count();
    assertEquals(UnboundUpstream.LARGE_TXT_COUNT, txt);
    assertTrue(answer.wire().length > 1232, "larger than any UDP answer to our EDNS size");
    assertEquals(1, resolver.tcpRetries());
  }

  @Test
  void aDeadFirstUpstreamFailsOverIsMarkedUnhealthyAndSkippedUntilItsBackoffEnds()
      throws Exception {
    InetSocketAddress dead = deadPort();
    resolver(dead, unboundAddress());

    Answer first = ask(resolver, 1, "one.allowed.test.", Type.A);

    assertEquals(Outcome.ALLOWED, first.outcome());
    assertEquals(List.of(UnboundUpstream.ALLOWED_ADDRESS), addresses(new Message(first.wire())));
    UpstreamHealth deadHealth = resolver.health().get(0);
    assertFalse(deadHealth.healthy());
    assertEquals(1, deadHealth.consecutiveFailures());
    assertTrue(resolver.health().get(1).healthy());

    Answer second = ask(resolver, 2, "two.allowed.test.", Type.A);

    assertEquals(Outcome.ALLOWED, second.outcome());
    assertEquals(1, resolver.health().get(0).consecutiveFailures(), "skipped, not tried again");

    clock.advance(BACKOFF);
    Answer third = ask(resolver, 3, "three.allowed.test.", Type.A);

    assertEquals(Outcome.ALLOWED, third.outcome());
    assertEquals(2, resolver.health().get(0).consecutiveFailures(), "retried after the backoff");
  }

  @Test
  void whenEveryUpstreamIsDownTheClientGetsServfailNotAnException() throws Exception {
    resolver(deadPort(), deadPort());

    Answer answer = ask(resolver, 0x5E5F, "down.allowed.test.", Type.A);

    assertEquals(Outcome.SERVFAIL, answer.outcome());
    Message reply = new Message(answer.wire());
    assertEquals(Rcode.SERVFAIL, reply.getRcode());
    assertEquals(0x5E5F, reply.getHeader().getID());
    assertTrue(resolver.health().stream().noneMatch(UpstreamHealth::healthy));
  }

  @Test
  void anUpstreamThatComesBackIsHealthyAgain() throws Exception {
    resolver(unboundAddress());
    unbound.stop();

    Answer whileDown = ask(resolver, 1, "down.allowed.test.", Type.A);
    unbound.start();
    Answer afterRestart = ask(resolver, 2, "up.allowed.test.", Type.A);

    assertEquals(Outcome.SERVFAIL, whileDown.outcome());
    assertEquals(Outcome.ALLOWED, afterRestart.outcome(), "the only upstream is tried anyway");
    UpstreamHealth health = resolver.health().get(0);
    assertTrue(health.healthy());
    assertEquals(0, health.consecutiveFailures());
  }
}
