package org.classgate.dns.pipeline;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.classgate.dns.Answer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.server.QueryHandler;

/**
 * Links stages into one query handler: each stage's {@code next} is the stage after it. The links
 * are built once, so passing a query down costs no allocation. Thread-safe if the stages are.
 */
public final class StageChain implements QueryHandler {
  private final DnsStage.Next head;

  private StageChain(DnsStage.Next head) {
    this.head = head;
  }

  /**
   * @param stages in order; the last must answer every query itself (it is given a {@code next}
   *     that fails, so a query that falls off the end becomes SERVFAIL, never an unfiltered answer)
   */
  public static StageChain of(List<DnsStage> stages) {
    if (stages.isEmpty()) {
      throw new IllegalArgumentException("a chain needs at least one stage");
    }
    DnsStage.Next next = StageChain::fellOffTheEnd;
    for (int i = stages.size() - 1; i >= 0; i--) {
      DnsStage stage = stages.get(i);
      DnsStage.Next rest = next;
      next = query -> stage.resolve(query, rest);
    }
    return new StageChain(next);
  }

  @Override
  public CompletableFuture<Answer> handle(DnsQuery query) {
    return head.resolve(query);
  }

  private static CompletableFuture<Answer> fellOffTheEnd(DnsQuery query) {
    return CompletableFuture.failedFuture(
        new IllegalStateException("the last stage passed the query on: no stage answered it"));
  }
}
