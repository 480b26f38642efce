package org.classgate.dns.server;

import java.util.concurrent.CompletableFuture;
import org.classgate.dns.Answer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Outcome;
import org.classgate.dns.OutcomeCounters;
import org.classgate.dns.Responses;
import org.classgate.dns.wire.Rcode;
import org.tinylog.TaggedLogger;

/**
 * Runs a query through the chain for a listener: counts the outcome, and turns any failure inside
 * the chain into SERVFAIL (never an allowed answer, never a dead listener). Thread-safe.
 */
final class QueryDispatcher {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("dns");

  private final QueryHandler handler;
  private final OutcomeCounters counters;

  QueryDispatcher(QueryHandler handler, OutcomeCounters counters) {
    this.handler = handler;
    this.counters = counters;
  }

  /**
   * Completes with the bytes to send back, or null to send nothing. Never completes exceptionally.
   */
  CompletableFuture<byte[]> dispatch(DnsQuery query) {
    CompletableFuture<Answer> answer;
    try {
      answer = handler.handle(query);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    return answer.handle(
        (result, failure) -> {
          if (failure != null) {
            LOG.error(
                failure, "query from {} failed inside the chain", query.client().getHostAddress());
            counters.count(Outcome.SERVFAIL);
            return query.message() == null
                ? null
                : Responses.error(query.message(), Rcode.SERVFAIL);
          }
          counters.count(result.outcome());
          return result.wire();
        });
  }
}
