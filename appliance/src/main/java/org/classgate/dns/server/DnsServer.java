package org.classgate.dns.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.classgate.dns.OutcomeCounters;
import org.tinylog.TaggedLogger;

/** UDP and TCP listeners on every configured address, all feeding one query handler. */
public final class DnsServer implements AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("dns");

  /** Limits for DNS over TCP. */
  public record TcpLimits(int maxConnections, Duration idleTimeout, Duration answerTimeout) {}

  private final List<UdpListener> udp = new ArrayList<>();
  private final List<TcpListener> tcp = new ArrayList<>();

  private DnsServer() {}

  /**
   * Binds every address for UDP and TCP. If any bind fails, whatever was bound is closed again and
   * the error names the address.
   */
  public static DnsServer start(
      List<InetSocketAddress> addresses,
      QueryHandler handler,
      TcpLimits tcpLimits,
      OutcomeCounters counters,
      LongSupplier nanoTime)
      throws IOException {
    DnsServer server = new DnsServer();
    int threads = Math.max(1, Runtime.getRuntime().availableProcessors());
    try {
      for (InetSocketAddress address : addresses) {
        UdpListener udpListener = UdpListener.start(address, threads, handler, counters, nanoTime);
        server.udp.add(udpListener);
        // Port 0 (tests) binds TCP to the port UDP was given, so both share one number.
        InetSocketAddress bound = udpListener.localAddress();
        server.tcp.add(
            TcpListener.start(
                bound,
                handler,
                counters,
                tcpLimits.maxConnections(),
                tcpLimits.idleTimeout(),
                tcpLimits.answerTimeout(),
                nanoTime));
        LOG.info("DNS listening on {} (UDP and TCP)", bound);
      }
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** The UDP addresses actually bound, in configuration order. */
  public List<InetSocketAddress> addresses() throws IOException {
    List<InetSocketAddress> bound = new ArrayList<>();
    for (UdpListener listener : udp) {
      bound.add(listener.localAddress());
    }
    return bound;
  }

  @Override
  public void close() {
    udp.forEach(UdpListener::close);
    tcp.forEach(TcpListener::close);
  }
}
