package org.classgate.dns.cache;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.LongSupplier;
import org.classgate.dns.Answer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Outcome;
import org.classgate.dns.Responses;
import org.classgate.dns.pipeline.DnsStage;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Rcode;
import org.tinylog.TaggedLogger;

/**
 * The Cache position of the chain: answers repeated questions from stored wire-format answers with
 * their TTLs counted down, caches negative answers for their RFC 2308 lifetime, and serves expired
 * answers when every upstream fails (RFC 8767).
 *
 * <p>Concurrent misses for the same key are coalesced: the first goes upstream, the others wait for
 * it and are then answered from what it stored. If its answer could not be cached (truncated, zero
 * TTL, not ALLOWED) they each go upstream themselves; if it failed they share the failure (served
 * stale if possible) rather than each waiting out the upstream timeouts again.
 *
 * <p>Requires {@link DnsQuery#message()} to be parsed with exactly one question (the guard stage
 * runs first). Thread-safe: shared by every listener thread.
 */
public final class DnsCache implements DnsStage {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("dns");

  private final CacheSettings settings;
  private final LongSupplier nanoTime;
  private final AnswerStore store;
  private final CacheAdmission admission;
  private final ConcurrentHashMap<CacheKey, CompletableFuture<Answer>> inFlight =
      new ConcurrentHashMap<>();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();
  private final LongAdder staleServed = new LongAdder();

  /**
   * @param nanoTime monotonic time source ({@code System::nanoTime} in production)
   */
  public DnsCache(CacheSettings settings, LongSupplier nanoTime) {
    this.settings = settings;
    this.nanoTime = nanoTime;
    this.store = new AnswerStore(settings.maxEntries(), settings.maxBytes());
    this.admission = new CacheAdmission(settings);
  }

  @Override
  public CompletableFuture<Answer> resolve(DnsQuery query, Next next) {
    Message message = query.message();
    CacheKey key = CacheKey.of(message);
    long now = nanoTime.getAsLong();
    CachedAnswer cached = store.get(key, now);
    if (cached != null && cached.isFresh(now)) {
      hits.increment();
      return CompletableFuture.completedFuture(
          Answer.of(cached.renderFresh(message, now), Outcome.CACHED));
    }
    misses.increment();
    CompletableFuture<Answer> ours = new CompletableFuture<>();
    CompletableFuture<Answer> leader = inFlight.putIfAbsent(key, ours);
    if (leader != null) {
      return leader
          .handle((answer, failure) -> afterLeader(query, key, next, answer, failure))
          .thenCompose(Function.identity());
    }
    return fetch(query, key, next, ours);
  }

  /** Counters and sizes now; see {@link CacheStats} for what each means. */
  public CacheStats stats() {
    return new CacheStats(
        store.entries(),
        store.bytes(),
        hits.sum(),
        misses.sum(),
        staleServed.sum(),
        store.evictions());
  }

  /**
   * Asks the rest of the chain, stores what may be cached, and falls back to the cache when the
   * upstreams fail.
   *
   * @param shared the future waiting followers hold, completed with the raw upstream result after
   *     storing; null when this fetch is not the one others wait for
   */
  private CompletableFuture<Answer> fetch(
      DnsQuery query, CacheKey key, Next next, CompletableFuture<Answer> shared) {
    return callNext(next, query)
        .handle(
            (answer, failure) -> {
              try {
                if (failure == null) {
                  storeIfCacheable(query, key, answer);
                }
              } finally {
                if (shared != null) {
                  inFlight.remove(key, shared);
                  if (failure == null) {
                    shared.complete(answer);
                  } else {
                    shared.completeExceptionally(failure);
                  }
                }
              }
              if (failure == null && !upstreamFailed(answer)) {
                return answer;
              }
              Answer fallback = fromCacheAfterFailure(query, key);
              if (fallback != null) {
                return fallback;
              }
              if (failure != null) {
                throw failure instanceof CompletionException completion
                    ? completion
                    : new CompletionException(failure);
              }
              return answer;
            });
  }

  /** A follower's answer once the fetch it waited for has finished. */
  private CompletableFuture<Answer> afterLeader(
      DnsQuery query, CacheKey key, Next next, Answer answer, Throwable failure) {
    Message message = query.message();
    long now = nanoTime.getAsLong();
    CachedAnswer cached = store.get(key, now);
    if (cached != null && cached.isFresh(now)) {
      return CompletableFuture.completedFuture(
          Answer.of(cached.renderFresh(message, now), Outcome.CACHED));
    }
    if (failure != null || upstreamFailed(answer)) {
      Answer fallback = fromCacheAfterFailure(query, key);
      if (fallback != null) {
        return CompletableFuture.completedFuture(fallback);
      }
      if (failure != null) {
        return CompletableFuture.failedFuture(
            failure instanceof CompletionException && failure.getCause() != null
                ? failure.getCause()
                : failure);
      }
      // The leader's SERVFAIL carries the leader's ID and question case; build our own.
      return CompletableFuture.completedFuture(
          new Answer(
              Responses.error(message, Rcode.SERVFAIL), answer.outcome(), answer.categories()));
    }
    // The leader's answer was fine but not cacheable, so it cannot be shared: ask ourselves.
    return fetch(query, key, next, null);
  }

  private static CompletableFuture<Answer> callNext(Next next, DnsQuery query) {
    try {
      CompletableFuture<Answer> future = next.resolve(query);
      return future != null
          ? future
          : CompletableFuture.failedFuture(new IllegalStateException("next stage gave no future"));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void storeIfCacheable(DnsQuery query, CacheKey key, Answer answer) {
    if (answer == null || answer.outcome() != Outcome.ALLOWED || answer.wire() == null) {
      return;
    }
    try {
      long now = nanoTime.getAsLong();
      CachedAnswer entry = admission.admit(query.message(), answer.wire(), now);
      if (entry != null) {
        store.put(key.normalised(), entry, now);
      }
    } catch (RuntimeException e) {
      // A bug here must cost a cache entry, never the client's answer.
      LOG.warn(e, "could not cache the answer for {}", query.question());
    }
  }

  /**
   * True if the upstreams could not answer: the upstream stage gave up (outcome SERVFAIL), or the
   * upstream resolver itself answered SERVFAIL. RFC 8767 §4 allows stale data in both cases.
   */
  private static boolean upstreamFailed(Answer answer) {
    if (answer.outcome() == Outcome.SERVFAIL) {
      return true;
    }
    byte[] wire = answer.wire();
    return answer.outcome() == Outcome.ALLOWED
        && wire != null
        && wire.length >= Message.HEADER_LENGTH
        && (wire[3] & 0x0F) == Rcode.SERVFAIL;
  }

  /**
   * After an upstream failure: a fresh answer if another query stored one meanwhile, else an
   * expired one still inside its stale window with every TTL set to the stale answer TTL (RFC 8767
   * §4), else null.
   */
  private Answer fromCacheAfterFailure(DnsQuery query, CacheKey key) {
    long now = nanoTime.getAsLong();
    CachedAnswer cached = store.get(key, now);
    if (cached == null) {
      return null;
    }
    if (cached.isFresh(now)) {
      return Answer.of(cached.renderFresh(query.message(), now), Outcome.CACHED);
    }
    staleServed.increment();
    LOG.debug("upstreams failed; serving a stale answer for {}", query.question());
    return Answer.of(
        cached.renderStale(query.message(), settings.staleAnswerTtlSeconds()), Outcome.STALE);
  }
}
