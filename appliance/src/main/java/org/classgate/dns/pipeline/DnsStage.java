package org.classgate.dns.pipeline;

import java.util.concurrent.CompletableFuture;
import org.classgate.dns.Answer;
import org.classgate.dns.DnsQuery;

/**
 * One concern of query handling. A stage either answers (returns a future it completes) or passes
 * the query on with {@code next.resolve(query)}, possibly transforming what comes back. Stages are
 * shared by all listener threads, so implementations must be thread-safe.
 */
@FunctionalInterface
public interface DnsStage {
  CompletableFuture<Answer> resolve(DnsQuery query, Next next);

  /** The rest of the chain after a stage. */
  @FunctionalInterface
  interface Next {
    CompletableFuture<Answer> resolve(DnsQuery query);
  }
}
