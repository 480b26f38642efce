package org.classgate.dns.upstream;

import java.time.Duration;

/**
 * How the upstream forwarder waits, how much it does at once and how long it avoids a failed
 * upstream. Immutable; validated on construction.
 *
 * @param timeout how long one UDP exchange with one upstream may take before the next is tried
 * @param maxInFlight how many client queries may wait for upstreams at once; more get SERVFAIL
 * @param tcpTimeout how long one TCP exchange (connect, send, receive) may take after truncation
 * @param failureBackoff how long a failed upstream is skipped while another one is healthy
 */
public record UpstreamSettings(
    Duration timeout, int maxInFlight, Duration tcpTimeout, Duration failureBackoff) {

  /**
   * @throws IllegalArgumentException naming the field if a value is missing or out of range
   */
  public UpstreamSettings {
    requirePositive("timeout", timeout);
    requirePositive("tcpTimeout", tcpTimeout);
    if (failureBackoff == null || failureBackoff.isNegative()) {
      throw new IllegalArgumentException(
          "failureBackoff must be zero or positive, was " + failureBackoff);
    }
    if (maxInFlight < 1) {
      throw new IllegalArgumentException("maxInFlight must be at least 1, was " + maxInFlight);
    }
  }

  /**
   * 1.5 s per UDP try keeps two upstreams inside a stub resolver's usual 5 s; 1024 queries in
   * flight is far above a classroom's peak; TCP gets 3 s for its extra round trips; a failed
   * upstream is left alone for 10 s so clients do not all pay its timeout.
   */
  public static UpstreamSettings defaults() {
    return new UpstreamSettings(
        Duration.ofMillis(1500), 1024, Duration.ofSeconds(3), Duration.ofSeconds(10));
  }

  long timeoutNanos() {
    return timeout.toNanos();
  }

  long tcpTimeoutNanos() {
    return tcpTimeout.toNanos();
  }

  long failureBackoffNanos() {
    return failureBackoff.toNanos();
  }

  private static void requirePositive(String field, Duration value) {
    if (value == null || value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(field + " must be positive, was " + value);
    }
  }
}
