package org.classgate.dns.upstream;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import org.classgate.dns.Answer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Outcome;
import org.classgate.dns.Responses;
import org.classgate.dns.pipeline.DnsStage;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Rcode;
import org.tinylog.TaggedLogger;

/**
 * The last stage of the chain: forwards the query to the configured upstream resolvers and returns
 * their answer, rewritten for the client. It never calls {@code next}.
 *
 * <p>Each exchange uses a new socket on a kernel-chosen random port and a random ID, and only a
 * response from the upstream's exact address and port with our ID and question is accepted (RFC
 * 5452): the defences against off-path cache poisoning (Kaminsky, DNSpooq). Truncated answers are
 * fetched again over TCP (RFC 7766). Upstreams that fail are avoided for a while (see {@link
 * UpstreamPool}); when all fail, or more than {@code maxInFlight} queries are waiting, the client
 * gets SERVFAIL. The returned futures never complete exceptionally.
 *
 * <p>All sockets are non-blocking and served by one I/O thread; the futures are completed on that
 * thread, so dependent stages must not block. Thread-safe.
 */
public final class UpstreamResolver implements DnsStage, AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("dns");

  private final UpstreamSettings settings;
  private final UpstreamPool pool;
  private final IoLoop loop;
  private final Resolution.Shared shared;
  private final AtomicInteger inFlight = new AtomicInteger();
  private final Set<Resolution> active = ConcurrentHashMap.newKeySet();
  private final LongAdder droppedResponses = new LongAdder();
  private final LongAdder tcpRetries = new LongAdder();
  private final LongAdder overloaded = new LongAdder();
  private volatile boolean closed;

  /**
   * Starts the I/O thread.
   *
   * @param upstreams tried in this order while healthy; at least one, resolved, no duplicates
   * @param random source of query IDs; production passes a {@link java.security.SecureRandom}, as a
   *     predictable ID defeats the point. Used only on the I/O thread.
   * @param nanoTime monotonic clock for deadlines, round-trip times and backoff
   * @throws IllegalArgumentException if the upstream list is empty, has duplicates or unresolved
   *     addresses
   */
  public UpstreamResolver(
      List<InetSocketAddress> upstreams,
      UpstreamSettings settings,
      RandomGenerator random,
      LongSupplier nanoTime) {
    if (settings == null || random == null || nanoTime == null) {
      throw new IllegalArgumentException("settings, random and nanoTime are required");
    }
    this.settings = settings;
    this.pool = new UpstreamPool(upstreams, settings.failureBackoffNanos());
    this.loop = new IoLoop("dns-upstream", nanoTime);
    this.shared = new Resolution.Shared(loop, pool, settings, random, droppedResponses, tcpRetries);
  }

  /**
   * Forwards {@code query}, which must have been parsed ({@code query.message()} non-null with one
   * question). Completes with the upstream's answer ({@link Outcome#ALLOWED}) or SERVFAIL ({@link
   * Outcome#SERVFAIL}).
   *
   * @throws IllegalArgumentException if the query has not been parsed (a chain wiring bug)
   */
  @Override
  public CompletableFuture<Answer> resolve(DnsQuery query, Next next) {
    Message message = query.message();
    if (message == null || message.question() == null) {
      throw new IllegalArgumentException("the upstream stage needs a parsed query with a question");
    }
    if (closed) {
      return CompletableFuture.completedFuture(servfail(message));
    }
    if (inFlight.incrementAndGet() > settings.maxInFlight()) {
      inFlight.decrementAndGet();
      overloaded.increment();
      LOG.debug(
          "{} queries already waiting for upstreams; SERVFAIL for {}",
          settings.maxInFlight(),
          message.question());
      return CompletableFuture.completedFuture(servfail(message));
    }
    Resolution resolution = new Resolution(shared, message);
    active.add(resolution);
    CompletableFuture<Answer> answer = resolution.future();
    answer.whenComplete(
        (result, failure) -> {
          active.remove(resolution);
          inFlight.decrementAndGet();
        });
    if (!loop.submit(resolution::start)) {
      resolution.abandon();
    }
    return answer;
  }

  /** Health per upstream in configured order, for the console. */
  public List<UpstreamHealth> health() {
    return pool.health();
  }

  /**
   * Received messages that were not the answer they claimed to be (wrong ID, question, source …),
   * since start. A rising count while upstreams are fine suggests a spoofing attempt.
   */
  public long droppedResponses() {
    return droppedResponses.sum();
  }

  /** Truncated UDP answers fetched again over TCP, since start. */
  public long tcpRetries() {
    return tcpRetries.sum();
  }

  /** Queries answered SERVFAIL at once because {@code maxInFlight} were already waiting. */
  public long overloadedQueries() {
    return overloaded.sum();
  }

  /** How many queries are waiting for upstreams now. */
  public int inFlight() {
    return inFlight.get();
  }

  /**
   * Stops the I/O thread, closes every socket and completes every waiting query with SERVFAIL.
   * Later queries get SERVFAIL at once. Idempotent.
   */
  @Override
  public void close() {
    closed = true;
    loop.close();
    // The loop thread has stopped (or is stuck past the join timeout): nothing else will complete
    // these. A resolution submitted concurrently either sees the closed loop and abandons itself
    // or is already in this set.
    for (Resolution resolution : active) {
      resolution.abandon();
    }
  }

  private static Answer servfail(Message message) {
    return Answer.of(Responses.error(message, Rcode.SERVFAIL), Outcome.SERVFAIL);
  }
}
