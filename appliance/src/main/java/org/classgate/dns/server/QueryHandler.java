package org.classgate.dns.server;

import java.util.concurrent.CompletableFuture;
import org.classgate.dns.Answer;
import org.classgate.dns.DnsQuery;

/** What a listener hands each received query to: the head of the stage chain. Thread-safe. */
@FunctionalInterface
public interface QueryHandler {
  CompletableFuture<Answer> handle(DnsQuery query);
}
