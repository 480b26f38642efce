package org.classgate.dns.upstream;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.tinylog.TaggedLogger;

/**
 * The configured upstreams with their health, deciding the order in which a query tries them.
 *
 * <p>An upstream that fails is marked unhealthy and put behind the others until {@code backoff} has
 * passed; then it is eligible again in its configured place, and the next query that reaches it is
 * its trial. Unhealthy upstreams still in their backoff are tried last rather than never, so a
 * query is only failed when every upstream has failed it. Thread-safe (one lock; the work under it
 * is a few field updates).
 */
final class UpstreamPool {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("dns");

  private final List<Entry> entries;
  private final long backoffNanos;

  /**
   * @param upstreams at least one, no duplicates, each with a resolved address
   * @throws IllegalArgumentException if the list breaks those rules
   */
  UpstreamPool(List<InetSocketAddress> upstreams, long backoffNanos) {
    if (upstreams == null || upstreams.isEmpty()) {
      throw new IllegalArgumentException("at least one upstream is required");
    }
    Set<InetSocketAddress> seen = new HashSet<>();
    List<Entry> list = new ArrayList<>();
    for (InetSocketAddress address : upstreams) {
      if (address == null || address.isUnresolved() || address.getPort() == 0) {
        throw new IllegalArgumentException(
            "upstream must be a resolved address with a port, was " + address);
      }
      if (!seen.add(address)) {
        throw new IllegalArgumentException("upstream " + address + " is listed twice");
      }
      list.add(new Entry(address));
    }
    this.entries = List.copyOf(list);
    this.backoffNanos = backoffNanos;
  }

  /**
   * The upstreams in the order a query starting at {@code nowNanos} should try them: healthy ones
   * and those whose backoff is over in configured order, then the rest in configured order.
   */
  synchronized List<InetSocketAddress> order(long nowNanos) {
    List<InetSocketAddress> first = new ArrayList<>(entries.size());
    List<InetSocketAddress> last = new ArrayList<>();
    for (Entry entry : entries) {
      boolean eligible = entry.healthy || nowNanos - entry.retryAtNanos >= 0;
      (eligible ? first : last).add(entry.address);
    }
    first.addAll(last);
    return first;
  }

  /** Records an accepted answer: the upstream is healthy again. */
  synchronized void succeeded(InetSocketAddress address, long rttNanos) {
    Entry entry = find(address);
    if (!entry.healthy) {
      LOG.info("upstream {} answers again after {} failures", address, entry.consecutiveFailures);
    }
    entry.healthy = true;
    entry.consecutiveFailures = 0;
    entry.lastRttNanos = rttNanos;
  }

  /** Records a failed exchange: the upstream is skipped until {@code nowNanos + backoff}. */
  synchronized void failed(InetSocketAddress address, long nowNanos, String reason) {
    Entry entry = find(address);
    if (entry.healthy) {
      LOG.warn(
          "upstream {} failed ({}); avoiding it for {} ms",
          address,
          reason,
          backoffNanos / 1_000_000);
    }
    entry.healthy = false;
    entry.consecutiveFailures++;
    entry.retryAtNanos = nowNanos + backoffNanos;
  }

  /** A snapshot per upstream in configured order. */
  synchronized List<UpstreamHealth> health() {
    List<UpstreamHealth> snapshot = new ArrayList<>(entries.size());
    for (Entry entry : entries) {
      Duration rtt = entry.lastRttNanos < 0 ? null : Duration.ofNanos(entry.lastRttNanos);
      snapshot.add(
          new UpstreamHealth(entry.address, entry.healthy, entry.consecutiveFailures, rtt));
    }
    return List.copyOf(snapshot);
  }

  private Entry find(InetSocketAddress address) {
    for (Entry entry : entries) {
      if (entry.address.equals(address)) {
        return entry;
      }
    }
    throw new IllegalArgumentException("not a configured upstream: " + address);
  }

  /** Mutable state of one upstream, guarded by the pool's lock. */
  private static final class Entry {
    final InetSocketAddress address;
    boolean healthy = true;
    int consecutiveFailures;
    long retryAtNanos;
    long lastRttNanos = -1;

    Entry(InetSocketAddress address) {
      this.address = address;
    }
  }
}
