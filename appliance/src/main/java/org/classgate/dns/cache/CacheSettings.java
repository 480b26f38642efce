package org.classgate.dns.cache;

/**
 * Limits and TTL policy of the {@link DnsCache}. Validated once in the constructor, immutable
 * afterwards.
 *
 * @param maxEntries most answers held at once (at least 1)
 * @param maxBytes most estimated memory the held answers take (at least {@value #MIN_BYTES})
 * @param minTtlSeconds TTLs of positive answers below this are raised to it (0 keeps them as
 *     received); negative answers keep their RFC 2308 lifetime
 * @param maxTtlSeconds record TTLs above this are lowered to it (RFC 2181 §8: at most 2^31-1)
 * @param maxNegativeTtlSeconds cap on the lifetime of NXDOMAIN and NODATA answers (RFC 2308 §5); 0
 *     turns negative caching off
 * @param staleAnswerTtlSeconds TTL put on every record of a stale answer (RFC 8767 §4 recommends 30
 *     s)
 * @param maxStaleSeconds how long past expiry an answer may still be served when every upstream
 *     fails (RFC 8767 §5 suggests one to three days); 0 turns serve-stale off
 */
public record CacheSettings(
    int maxEntries,
    long maxBytes,
    int minTtlSeconds,
    int maxTtlSeconds,
    int maxNegativeTtlSeconds,
    int staleAnswerTtlSeconds,
    int maxStaleSeconds) {
  /** Below this not even one typical answer fits: a smaller limit is a configuration mistake. */
  public static final long MIN_BYTES = 1024;

  public CacheSettings {
    atLeast("maxEntries", maxEntries, 1);
    atLeast("maxBytes", maxBytes, MIN_BYTES);
    atLeast("minTtlSeconds", minTtlSeconds, 0);
    atLeast("maxTtlSeconds", maxTtlSeconds, 1);
    atLeast("maxNegativeTtlSeconds", maxNegativeTtlSeconds, 0);
    atLeast("staleAnswerTtlSeconds", staleAnswerTtlSeconds, 0);
    atLeast("maxStaleSeconds", maxStaleSeconds, 0);
    if (minTtlSeconds > maxTtlSeconds) {
      throw new IllegalArgumentException(
          "minTtlSeconds must not exceed maxTtlSeconds ("
              + maxTtlSeconds
              + "), was "
              + minTtlSeconds);
    }
  }

  /**
   * 10,000 answers in at most 8 MiB, TTLs kept as received up to a day, negative answers for at
   * most an hour (RFC 2308 §5 suggests one to three hours), stale answers with TTL 30 s for up to a
   * day past expiry (RFC 8767 §4 and §5).
   */
  public static CacheSettings defaults() {
    return new CacheSettings(10_000, 8L * 1024 * 1024, 0, 86_400, 3_600, 30, 86_400);
  }

  private static void atLeast(String field, long value, long minimum) {
    if (value < minimum) {
      throw new IllegalArgumentException(field + " must be at least " + minimum + ", was " + value);
    }
  }
}
