package org.classgate.dns.pipeline;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * A token bucket per client address: {@code ratePerSecond} tokens a second, at most {@code burst}
 * saved up. Thread-safe. The table is bounded: when it grows past {@code maxClients}, buckets that
 * have refilled completely (idle clients) are dropped, so a flood of spoofed sources cannot exhaust
 * memory.
 */
public final class RateLimiter {
  private static final long NANOS_PER_SECOND = 1_000_000_000L;

  private final int ratePerSecond;
  private final int burst;
  private final int maxClients;
  private final LongSupplier nanoTime;
  private final ConcurrentHashMap<InetAddress, Bucket> buckets = new ConcurrentHashMap<>();

  /**
   * @param ratePerSecond 0 turns limiting off
   */
  public RateLimiter(int ratePerSecond, int burst, int maxClients, LongSupplier nanoTime) {
    if (ratePerSecond < 0 || burst < 0 || maxClients < 1) {
      throw new IllegalArgumentException("rate, burst and client bound must be positive");
    }
    this.ratePerSecond = ratePerSecond;
    this.burst = Math.max(burst, ratePerSecond);
    this.maxClients = maxClients;
    this.nanoTime = nanoTime;
  }

  /** Takes one token for {@code client}; false if its bucket is empty. */
  public boolean tryAcquire(InetAddress client) {
    if (ratePerSecond == 0) {
      return true;
    }
    long now = nanoTime.getAsLong();
    Bucket bucket = buckets.get(client);
    if (bucket == null) {
      if (buckets.size() >= maxClients) {
        evictIdle(now);
      }
      bucket = buckets.computeIfAbsent(client, key -> new Bucket(burst, now));
    }
    return bucket.take(now, ratePerSecond, burst);
  }

  /** Number of clients being tracked (for tests and statistics). */
  public int trackedClients() {
    return buckets.size();
  }

  private void evictIdle(long now) {
    buckets.values().removeIf(bucket -> bucket.isFull(now, ratePerSecond, burst));
    if (buckets.size() >= maxClients) {
      // Everyone is busy: start afresh rather than grow without bound; limits apply again at once.
      buckets.clear();
    }
  }

  private static final class Bucket {
    private double tokens;
    private long updatedNanos;

    Bucket(int tokens, long now) {
      this.tokens = tokens;
      this.updatedNanos = now;
    }

    synchronized boolean take(long now, int rate, int burst) {
      refill(now, rate, burst);
      if (tokens >= 1) {
        tokens -= 1;
        return true;
      }
      return false;
    }

    synchronized boolean isFull(long now, int rate, int burst) {
      refill(now, rate, burst);
      return tokens >= burst;
    }

    private void refill(long now, int rate, int burst) {
      long elapsed = now - updatedNanos;
      if (elapsed > 0) {
        tokens = Math.min(burst, tokens + (double) elapsed * rate / NANOS_PER_SECOND);
        updatedNanos = now;
      }
    }
  }
}
