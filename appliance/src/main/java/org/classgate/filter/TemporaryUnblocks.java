package org.classgate.filter;

import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.classgate.dns.Answer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.pipeline.DnsStage;
import org.classgate.filter.allowance.AllowanceSet;

/**
 * Lets a name through the category policy while a teacher's temporary allowance covers it for this
 * client (its profile, its address, or the whole classroom). It only marks the query; the category
 * stage below records the pass as {@code UNBLOCKED}. It sits after the locked lists, so no
 * allowance reaches locked content, and the allowance set itself refuses locked names too.
 *
 * <p>Thread-safe if the supplier is; the set is swapped atomically when allowances change.
 */
public final class TemporaryUnblocks implements DnsStage {
  private final Supplier<AllowanceSet> allowances;
  private final Clock clock;

  public TemporaryUnblocks(Supplier<AllowanceSet> allowances, Clock clock) {
    this.allowances = Objects.requireNonNull(allowances, "allowances");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public CompletableFuture<Answer> resolve(DnsQuery query, Next next) {
    AllowanceSet current = allowances.get();
    if (current.size() > 0
        && current.allows(
            query.profile().name(), query.client(), query.question().name(), clock.instant())) {
      query.waiveCategories();
    }
    return next.resolve(query);
  }
}
