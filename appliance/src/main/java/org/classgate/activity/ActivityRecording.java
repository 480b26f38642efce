package org.classgate.activity;

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
 * passed on unchanged. Thread-safe.
 *
 * <p>Most answers (blocks, cache hits) are complete when the stages below return; those are
 * recorded at once, which spares the dependent future and callback that {@code whenComplete} would
 * allocate on every query.
 */
public final class ActivityRecording implements DnsStage {
  private final ActivityLog log;
  private final DeviceIds devices;
  private final LongSupplier nanoTime;

  public ActivityRecording(ActivityLog log, DeviceIds devices, LongSupplier nanoTime) {
    this.log = log;
    this.devices = devices;
    this.nanoTime = nanoTime;
  }

  @Override
  public CompletableFuture<Answer> resolve(DnsQuery query, Next next) {
    CompletableFuture<Answer> answer = next.resolve(query);
    if (answer.isDone() && !answer.isCompletedExceptionally()) {
      record(query, answer.join());
      return answer;
    }
    return answer.whenComplete((done, failure) -> record(query, done));
  }

  /** Records {@code answer}, or SERVFAIL when it is null (the stages below failed). */
  private void record(DnsQuery query, Answer answer) {
    long now = nanoTime.getAsLong();
    Question question = query.question();
    log.record(
        new QueryRecord(
            now,
            query.client(),
            devices.deviceIdOf(query),
            query.profile() == null ? null : query.profile().name(),
            question.name(),
            question.type(),
            answer == null ? Outcome.SERVFAIL : answer.outcome(),
            answer == null ? 0 : answer.categories(),
            now - query.receivedNanos()));
  }
}
