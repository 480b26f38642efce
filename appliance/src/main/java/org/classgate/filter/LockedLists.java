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
 * Blocks names on the locked (illegal-content) lists for every client, whatever its profile. It
 * runs before allowances and the profile's own policy, so neither an allowance, an allow entry nor
 * a profile without categories can reach a locked name, and it takes no configuration that could
 * switch it off.
 *
 * <p>Thread-safe if the supplier is; a null set fails the query (SERVFAIL), never lets it through.
 */
public final class LockedLists implements DnsStage {
  private final Supplier<DomainSet> locked;
  private final BlockAnswer blockAnswer;

  public LockedLists(Supplier<DomainSet> locked, BlockAnswer blockAnswer) {
    this.locked = Objects.requireNonNull(locked, "locked");
    this.blockAnswer = Objects.requireNonNull(blockAnswer, "blockAnswer");
  }

  @Override
  public CompletableFuture<Answer> resolve(DnsQuery query, Next next) {
    DomainSet current = Objects.requireNonNull(locked.get(), "the locked set supplier gave null");
    int matched = current.match(query.question().name());
    if (matched != 0) {
      return CompletableFuture.completedFuture(
          new Answer(Responses.blocked(query.message(), blockAnswer), Outcome.LOCKED, matched));
    }
    return next.resolve(query);
  }
}
