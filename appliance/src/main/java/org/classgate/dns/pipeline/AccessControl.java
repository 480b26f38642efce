package org.classgate.dns.pipeline;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.classgate.dns.Answer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Outcome;
import org.classgate.dns.Responses;
import org.classgate.dns.Subnet;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Rcode;

/**
 * Answers only the box's own subnets and rate-limits each client, so ClassGate can never become an
 * open resolver used for amplification. Runs on the raw bytes, before any parsing work is spent on
 * an unwanted client.
 */
public final class AccessControl implements DnsStage {
  private final List<Subnet> allowed;
  private final RateLimiter limiter;

  public AccessControl(List<Subnet> allowed, RateLimiter limiter) {
    this.allowed = List.copyOf(allowed);
    this.limiter = limiter;
  }

  @Override
  public CompletableFuture<Answer> resolve(DnsQuery query, Next next) {
    if (!isAllowed(query)) {
      // REFUSED carries no more data than the query: no amplification (RFC 5358 §4).
      byte[] raw = query.raw();
      Answer refused =
          raw.length >= Message.HEADER_LENGTH
              ? Answer.of(Responses.errorFromHeader(raw, Rcode.REFUSED), Outcome.REFUSED)
              : Answer.silent(Outcome.REFUSED);
      return CompletableFuture.completedFuture(refused);
    }
    if (!limiter.tryAcquire(query.client())) {
      // Silence, not REFUSED: a spoofed flood must not turn us into a reflector.
      return CompletableFuture.completedFuture(Answer.silent(Outcome.RATE_LIMITED));
    }
    return next.resolve(query);
  }

  private boolean isAllowed(DnsQuery query) {
    for (Subnet subnet : allowed) {
      if (subnet.contains(query.client())) {
        return true;
      }
    }
    return false;
  }
}
