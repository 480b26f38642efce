package org.classgate.dns.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.classgate.dns.Answer;
import org.classgate.dns.BlockAnswer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Outcome;
import org.classgate.dns.Responses;
import org.classgate.dns.Transport;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.WireFormatException;

/**
 * Coverage-guided fuzzing of the {@link QueryGuard} stage, the first code that reads a client's
 * bytes: for any input the guard's future completes normally, with either a reply or deliberate
 * silence, and every reply it (or the stages behind it) sends must itself be a well-formed DNS
 * response echoing the client's ID.
 *
 * <p>Behind the guard run the real {@link SpecialNames} stage and a terminal that answers with the
 * real block answer, so the fuzzer also drives everything that later stages build from a query the
 * guard let through. Seeds: {@code
 * src/test/resources/org/classgate/dns/pipeline/QueryGuardFuzzTestInputs/} (real dig queries and
 * unbound responses; findings of fuzzing runs are saved there too).
 */
class QueryGuardFuzzTest {
  private static final Duration HANG = Duration.ofSeconds(10);
  private static final BlockAnswer BLOCK = blockAnswer();

  private final QueryGuard guard = new QueryGuard();
  private final SpecialNames specialNames = new SpecialNames();

  @FuzzTest(maxDuration = "5m")
  void guardAnswersOrStaysSilent(byte[] input) throws Exception {
    if (System.getenv("JAZZER_FUZZ") == null) {
      // See MessageFuzzTest: a JUnit @Timeout would also cut a fuzzing run short.
      assertTimeoutPreemptively(HANG, () -> check(input));
    } else {
      check(input);
    }
  }

  private void check(byte[] input) throws Exception {
    DnsQuery query =
        new DnsQuery(input.clone(), InetAddress.getLoopbackAddress(), Transport.UDP, 0L);
    CompletableFuture<Answer> future = guard.resolve(query, this::restOfChain);
    // Every stage involved answers synchronously: a future left pending would leave the client
    // without an answer forever.
    assertTrue(future.isDone(), "the guard left the query pending");
    assertFalse(future.isCompletedExceptionally(), "the guard failed the future");
    Answer answer = future.join();
    assertNotNull(answer, "a null answer");
    assertNotNull(answer.outcome(), "an answer without an outcome");
    if (answer.wire() == null) {
      assertEquals(Outcome.DROPPED, answer.outcome(), "only dropped queries get silence");
      return;
    }
    Message reply;
    try {
      reply = Message.parse(answer.wire());
    } catch (WireFormatException e) {
      throw new AssertionError("the guard sent a malformed reply: " + e.getMessage(), e);
    }
    assertTrue(reply.isResponse(), "a reply without QR");
    assertEquals(((input[0] & 0xFF) << 8) | (input[1] & 0xFF), reply.id(), "reply ID");
    assertTrue(
        answer.wire().length <= maxUdpPayloadOf(query),
        "a UDP reply of " + answer.wire().length + " octets");
  }

  /** The stages behind the guard: they may rely on a parsed query with exactly one question. */
  private CompletableFuture<Answer> restOfChain(DnsQuery query) {
    assertNotNull(query.message(), "the guard passed on an unparsed query");
    assertNotNull(query.question(), "the guard passed on a query without a question");
    return specialNames.resolve(
        query,
        q ->
            CompletableFuture.completedFuture(
                Answer.of(Responses.blocked(q.message(), BLOCK), Outcome.BLOCKED)));
  }

  private static int maxUdpPayloadOf(DnsQuery query) {
    return query.message() == null ? Message.CLASSIC_UDP_LIMIT : query.message().maxUdpPayload();
  }

  private static BlockAnswer blockAnswer() {
    try {
      return new BlockAnswer(
          BlockAnswer.Mode.ADDRESS,
          (Inet4Address) InetAddress.getByName("192.0.2.1"),
          (Inet6Address) InetAddress.getByName("2001:db8::1"),
          60);
    } catch (UnknownHostException e) {
      throw new ExceptionInInitializerError(e);
    }
  }
}
