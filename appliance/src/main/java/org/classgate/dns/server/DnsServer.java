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
        server.listen(address, threads, handler, tcpLimits, counters, nanoTime);
      }
    } catch (IOException | RuntimeException e) {
      server.close();
      throw e;
    }
    return server;
  }

  /** Ports the kernel may pick before one is free for TCP too (port 0 only). */
  private static final int EPHEMERAL_ATTEMPTS = 20;

  private void listen(
      InetSocketAddress address,
      int threads,
      QueryHandler handler,
      TcpLimits tcpLimits,
      OutcomeCounters counters,
      LongSupplier nanoTime)
      throws IOException {
    for (int attempt = 1; ; attempt++) {
      UdpListener udpListener = UdpListener.start(address, threads, handler, counters, nanoTime);
      // Port 0 (tests) binds TCP to the port UDP was given, so both share one number.
      InetSocketAddress bound = udpListener.localAddress();
      TcpListener tcpListener;
      try {
        tcpListener =
            TcpListener.start(
                bound,
                handler,
                counters,
                tcpLimits.maxConnections(),
                tcpLimits.idleTimeout(),
                tcpLimits.answerTimeout(),
                nanoTime);
      } catch (IOException e) {
        udpListener.close();
        // The kernel picked a UDP port whose TCP twin is taken (e.g. by another process's
        // connection): pick again. A configured port that is taken is the operator's error.
        if (address.getPort() == 0 && attempt < EPHEMERAL_ATTEMPTS) {
          continue;
        }
        throw e;
      }
      udp.add(udpListener);
      tcp.add(tcpListener);
      LOG.info("DNS listening on {} (UDP and TCP)", bound);
      return;
    }
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
