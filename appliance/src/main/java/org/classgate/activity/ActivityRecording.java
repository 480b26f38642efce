package org.classgate.activity;

import java.time.Clock;
import java.util.concurrent.CompletableFuture;
import java.util.function.LongSupplier;
import org.classgate.dns.Answer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Outcome;
import org.classgate.dns.pipeline.DnsStage;
import org.classgate.dns.wire.Question;

/**
 * Wraps every stage below it and hands the final outcome of each identified query to the {@link
 * ActivityLog} (the ActivityLog position of the chain). A failure below is recorded as SERVFAIL and
 * passed on unchanged.
 */
public final class ActivityRecording implements DnsStage {
  private final ActivityLog log;
  private final Clock clock;
  private final LongSupplier nanoTime;

  public ActivityRecording(ActivityLog log, Clock clock, LongSupplier nanoTime) {
    this.log = log;
    this.clock = clock;
    this.nanoTime = nanoTime;
  }

  @Override
  public CompletableFuture<Answer> resolve(DnsQuery query, Next next) {
    return next.resolve(query)
        .whenComplete(
            (answer, failure) -> {
              Outcome outcome = answer == null ? Outcome.SERVFAIL : answer.outcome();
              int categories = answer == null ? 0 : answer.categories();
              Question question = query.question();
              log.record(
                  new QueryRecord(
                      clock.instant(),
                      query.client(),
                      query.profile() == null ? null : query.profile().name(),
                      question.name().toString(),
                      question.type(),
                      outcome,
                      categories,
                      nanoTime.getAsLong() - query.receivedNanos()));
            });
  }
}
