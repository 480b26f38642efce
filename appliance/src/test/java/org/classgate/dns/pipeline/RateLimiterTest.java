package org.classgate.dns.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @Test
  void allowsBurstThenRefillsAtRate() throws Exception {
    RateLimiter limiter = new RateLimiter(10, 20, 100, now::get);
    InetAddress client = InetAddress.getByName("10.0.0.5");
    for (int i = 0; i < 20; i++) {
      assertTrue(limiter.tryAcquire(client), "query " + i + " of the burst");
    }
    assertFalse(limiter.tryAcquire(client));
    now.addAndGet(100_000_000L); // 100 ms at 10/s = one token
    assertTrue(limiter.tryAcquire(client));
    assertFalse(limiter.tryAcquire(client));
  }

  @Test
  void clientsHaveSeparateBuckets() throws Exception {
    RateLimiter limiter = new RateLimiter(1, 1, 100, now::get);
    assertTrue(limiter.tryAcquire(InetAddress.getByName("10.0.0.5")));
    assertFalse(limiter.tryAcquire(InetAddress.getByName("10.0.0.5")));
    assertTrue(limiter.tryAcquire(InetAddress.getByName("10.0.0.6")));
  }

  @Test
  void zeroRateMeansUnlimited() throws Exception {
    RateLimiter limiter = new RateLimiter(0, 0, 1, now::get);
    InetAddress client = InetAddress.getByName("10.0.0.5");
    for (int i = 0; i < 10_000; i++) {
      assertTrue(limiter.tryAcquire(client));
    }
    assertEquals(0, limiter.trackedClients());
  }

  @Test
  void spoofedSourcesCannotGrowTheTableBeyondItsBound() throws Exception {
    RateLimiter limiter = new RateLimiter(5, 5, 1000, now::get);
    for (int i = 0; i < 50_000; i++) {
      byte[] address = {10, (byte) (i >>> 16), (byte) (i >>> 8), (byte) i};
      limiter.tryAcquire(InetAddress.getByAddress(address));
    }
    assertTrue(limiter.trackedClients() <= 1000, "tracked " + limiter.trackedClients());
  }
}
