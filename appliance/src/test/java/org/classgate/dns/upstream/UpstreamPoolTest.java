package org.classgate.dns.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class UpstreamPoolTest {
  private static final long BACKOFF = Duration.ofSeconds(10).toNanos();
  private static final InetSocketAddress FIRST = new InetSocketAddress("192.0.2.1", 53);
  private static final InetSocketAddress SECOND = new InetSocketAddress("192.0.2.2", 53);
  private static final InetSocketAddress THIRD = new InetSocketAddress("192.0.2.3", 5353);

  private final UpstreamPool pool = new UpstreamPool(List.of(FIRST, SECOND, THIRD), BACKOFF);

  @Test
  void healthyUpstreamsAreTriedInConfiguredOrder() {
    assertEquals(List.of(FIRST, SECOND, THIRD), pool.order(0));
  }

  @Test
  void aFailedUpstreamGoesLastUntilItsBackoffIsOver() {
    long now = 1_000;
    pool.failed(FIRST, now, "timeout");

    assertEquals(List.of(SECOND, THIRD, FIRST), pool.order(now));
    assertEquals(List.of(SECOND, THIRD, FIRST), pool.order(now + BACKOFF - 1));
    assertEquals(
        List.of(FIRST, SECOND, THIRD), pool.order(now + BACKOFF), "eligible again in its place");
  }

  @Test
  void failingAgainRestartsTheBackoffAndCountsConsecutiveFailures() {
    pool.failed(SECOND, 0, "timeout");
    pool.failed(SECOND, BACKOFF, "timeout");

    assertEquals(List.of(FIRST, THIRD, SECOND), pool.order(BACKOFF + BACKOFF / 2));
    UpstreamHealth second = pool.health().get(1);
    assertFalse(second.healthy());
    assertEquals(2, second.consecutiveFailures());
  }

  @Test
  void whenAllHaveFailedTheyAreStillTriedInConfiguredOrder() {
    pool.failed(THIRD, 0, "refused");
    pool.failed(FIRST, 0, "timeout");
    pool.failed(SECOND, 0, "servfail");

    assertEquals(List.of(FIRST, SECOND, THIRD), pool.order(1));
  }

  @Test
  void anAnswerMakesAnUpstreamHealthyAndRecordsItsRoundTrip() {
    pool.failed(FIRST, 0, "timeout");
    pool.failed(FIRST, 0, "timeout");

    pool.succeeded(FIRST, Duration.ofMillis(12).toNanos());

    UpstreamHealth first = pool.health().get(0);
    assertTrue(first.healthy());
    assertEquals(0, first.consecutiveFailures());
    assertEquals(Duration.ofMillis(12), first.lastRtt());
    assertEquals(List.of(FIRST, SECOND, THIRD), pool.order(1));
  }

  @Test
  void healthListsEveryUpstreamInOrderWithNoRoundTripBeforeTheFirstAnswer() {
    List<UpstreamHealth> health = pool.health();

    assertEquals(
        List.of(FIRST, SECOND, THIRD), health.stream().map(UpstreamHealth::address).toList());
    assertTrue(health.stream().allMatch(UpstreamHealth::healthy));
    assertNull(health.get(2).lastRtt());
  }

  @Test
  void rejectsEmptyDuplicateUnresolvedAndPortlessUpstreams() {
    assertThrows(IllegalArgumentException.class, () -> new UpstreamPool(List.of(), BACKOFF));
    assertThrows(
        IllegalArgumentException.class, () -> new UpstreamPool(List.of(FIRST, FIRST), BACKOFF));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new UpstreamPool(
                List.of(InetSocketAddress.createUnresolved("dns.example", 53)), BACKOFF));
    assertThrows(
        IllegalArgumentException.class,
        () -> new UpstreamPool(List.of(new InetSocketAddress("192.0.2.9", 0)), BACKOFF));
  }

  @Test
  void rejectsReportsAboutAnUnknownUpstream() {
    assertThrows(
        IllegalArgumentException.class,
        () -> pool.failed(new InetSocketAddress("198.51.100.1", 53), 0, "timeout"));
  }
}
