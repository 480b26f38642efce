package org.classgate.filter;

import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.classgate.dns.Answer;
import org.classgate.dns.BlockAnswer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Outcome;
import org.classgate.dns.Responses;
import org.classgate.dns.pipeline.DnsStage;

/**
 * Blocks a query whose name (or one of its ancestors) is listed in a category the client's profile
 * blocks; passes every other query on. Runs after the identity stage, so {@link DnsQuery#profile()}
 * is set.
 *
 * <p>The domain set is read through a supplier on every query so a list reload can swap in a new
 * set atomically (e.g. an {@code AtomicReference::get}); the supplier must never return null. If it
 * does, or anything else fails here, the stage throws and the dispatcher answers SERVFAIL: a
 * failure never lets the query through to the upstream.
 *
 * <p>Thread-safe if the supplier is.
 */
public final class CategoryPolicy implements DnsStage {
  private final Supplier<DomainSet> domains;
  private final BlockAnswer blockAnswer;

  /**
   * @param domains the current domain set, read once per query; non-null, never supplying null
   * @param blockAnswer how blocked names are answered; non-null
   */
  public CategoryPolicy(Supplier<DomainSet> domains, BlockAnswer blockAnswer) {
    this.domains = Objects.requireNonNull(domains, "domains");
    this.blockAnswer = Objects.requireNonNull(blockAnswer, "blockAnswer");
  }

  @Override
  public CompletableFuture<Answer> resolve(DnsQuery query, Next next) {
    DomainSet current = Objects.requireNonNull(domains.get(), "the domain set supplier gave null");
    int blocked = query.profile().blocks(current.match(query.question().name()));
    if (blocked != 0 && query.categoriesWaived()) {
      // Recorded as UNBLOCKED with the categories it would have hit: the allowance is audited.
      return next.resolve(query).thenApply(answer -> unblocked(answer, blocked));
    }
    if (blocked != 0) {
      return CompletableFuture.completedFuture(
          new Answer(Responses.blocked(query.message(), blockAnswer), Outcome.BLOCKED, blocked));
    }
    return next.resolve(query);
  }

  private static Answer unblocked(Answer answer, int categories) {
    return answer.outcome() == Outcome.ALLOWED || answer.outcome() == Outcome.CACHED
        ? new Answer(answer.wire(), Outcome.UNBLOCKED, categories)
        : answer;
  }
}
