package org.classgate.app.config;

import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import org.classgate.dns.BlockAnswer;
import org.classgate.dns.Subnet;

/**
 * The DNS part of the configuration (keys {@code dns.*}). Immutable.
 *
 * @param rateLimit queries a second per client; 0 switches limiting off
 * @param serveStale how long past expiry a cached answer may still be served when every upstream
 *     fails; zero switches serve-stale off
 */
public record DnsConfig(
    List<InetSocketAddress> listen,
    List<InetSocketAddress> upstreams,
    Duration upstreamTimeout,
    List<Subnet> allowedClients,
    int rateLimit,
    int rateBurst,
    BlockAnswer blockAnswer,
    int cacheMaxEntries,
    int cacheMaxMib,
    Duration serveStale,
    int tcpMaxConnections,
    Duration tcpIdleTimeout) {
  public DnsConfig {
    listen = List.copyOf(listen);
    upstreams = List.copyOf(upstreams);
    allowedClients = List.copyOf(allowedClients);
  }
}
