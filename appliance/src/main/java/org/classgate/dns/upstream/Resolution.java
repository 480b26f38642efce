package org.classgate.dns.upstream;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;
import java.util.random.RandomGenerator;
import org.classgate.dns.Answer;
import org.classgate.dns.Outcome;
import org.classgate.dns.Responses;
import org.classgate.dns.upstream.ExchangeResult.Failure;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Rcode;
import org.classgate.dns.wire.WireFormatException;
import org.tinylog.TaggedLogger;

/**
 * Resolves one client query through the upstreams: UDP to the first one in the pool's order, TCP to
 * the same one if the answer was truncated, the next one on failure, SERVFAIL when none is left.
 * Every exchange gets a new random ID.
 *
 * <p>Thread safety: {@link #start} and the exchange callbacks run on the loop thread only; {@link
 * #abandon} may be called from any thread once the loop can no longer run this resolution.
 */
final class Resolution {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("dns");

  /** What every resolution of one resolver shares. */
  record Shared(
      IoLoop loop,
      UpstreamPool pool,
      UpstreamSettings settings,
      RandomGenerator random,
      LongAdder droppedResponses,
      LongAdder tcpRetries) {}

  private final Shared shared;
  private final Message client;
  private final CompletableFuture<Answer> future = new CompletableFuture<>();
  private List<InetSocketAddress> candidates;
  private int nextCandidate;
  private InetSocketAddress current;

  /**
   * @param client the parsed client query with exactly one question
   */
  Resolution(Shared shared, Message client) {
    this.shared = shared;
    this.client = client;
  }

  /** Completes with the answer for the client; never exceptionally. */
  CompletableFuture<Answer> future() {
    return future;
  }

  /** Starts with the first upstream; loop thread only. */
  void start() {
    candidates = shared.pool().order(shared.loop().now());
    tryNextUpstream();
  }

  /** Completes with SERVFAIL (a no-op if already complete); any thread. */
  void abandon() {
    future.complete(servfail());
  }

  private void tryNextUpstream() {
    if (future.isDone()) {
      return; // abandoned or completed by a caller: no point asking further
    }
    if (nextCandidate >= candidates.size()) {
      LOG.debug("every upstream failed {}; answering SERVFAIL", client.question());
      future.complete(servfail());
      return;
    }
    current = candidates.get(nextCandidate++);
    int id = newId();
    byte[] query = upstreamQuery(id);
    if (query != null) {
      UdpExchange.start(
          shared.loop(),
          current,
          query,
          id,
          client.question(),
          shared.settings().timeoutNanos(),
          rejection -> shared.droppedResponses().increment(),
          this::onUdpResult);
    }
  }

  private void onUdpResult(ExchangeResult result) {
    if (result.isAnswered() && result.response().isTruncated()) {
      // RFC 7766 §5: a truncated answer is retried over TCP, to the same upstream, with a new ID.
      shared.tcpRetries().increment();
      int id = newId();
      byte[] query = upstreamQuery(id);
      if (query != null) {
        TcpExchange.start(
            shared.loop(),
            current,
            query,
            id,
            client.question(),
            shared.settings().tcpTimeoutNanos(),
            this::onFinalResult);
      }
      return;
    }
    onFinalResult(result);
  }

  private void onFinalResult(ExchangeResult result) {
    if (!result.isAnswered()) {
      upstreamFailed(result.failure(), result.detail());
      return;
    }
    Message response = result.response();
    int rcode = response.rcode();
    if (rcode == Rcode.SERVFAIL || rcode == Rcode.REFUSED) {
      // Another upstream may well answer: SERVFAIL is often one resolver's DNSSEC or network
      // trouble, REFUSED a misconfigured ACL.
      upstreamFailed(null, "answered " + Rcode.name(rcode));
      return;
    }
    byte[] wire;
    try {
      wire = UpstreamMessages.forClient(client, response);
    } catch (WireFormatException e) {
      upstreamFailed(Failure.BAD_RESPONSE, "answer cannot be re-encoded: " + e.getMessage());
      return;
    }
    shared.pool().succeeded(current, result.rttNanos());
    future.complete(Answer.of(wire, Outcome.ALLOWED));
  }

  /**
   * @param failure null for an upstream that answered with a failure code
   */
  private void upstreamFailed(Failure failure, String detail) {
    LOG.debug("upstream {} failed {}: {}", current, client.question(), detail);
    if (failure != Failure.LOCAL) {
      shared.pool().failed(current, shared.loop().now(), detail);
    }
    tryNextUpstream();
  }

  private int newId() {
    return shared.random().nextInt(0x10000);
  }

  /** The upstream query, or null after completing with SERVFAIL if it cannot be encoded. */
  private byte[] upstreamQuery(int id) {
    try {
      return UpstreamMessages.upstreamQuery(client, id);
    } catch (WireFormatException e) {
      // The question was parsed from the client, so it always encodes; never fail open anyway.
      LOG.error("cannot encode the upstream query for {}: {}", client.question(), e.getMessage());
      future.complete(servfail());
      return null;
    }
  }

  private Answer servfail() {
    return Answer.of(Responses.error(client, Rcode.SERVFAIL), Outcome.SERVFAIL);
  }
}
