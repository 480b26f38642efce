package org.classgate.dns.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.OutcomeCounters;
import org.classgate.dns.Transport;
import org.tinylog.TaggedLogger;

/**
 * Receives queries on one UDP socket with a few threads sharing it. Answers found without waiting
 * (cache hits, blocks, errors) are sent from the receiving thread; answers that need an upstream
 * are sent by whichever thread completes them. Thread-safe.
 */
public final class UdpListener implements AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("dns");

  /** The largest UDP payload; anything longer is cut by the kernel anyway. */
  private static final int MAX_DATAGRAM = 65_535;

  private final DatagramChannel channel;
  private final QueryDispatcher dispatcher;
  private final LongSupplier nanoTime;
  private final List<Thread> threads = new ArrayList<>();
  private volatile boolean closed;

  private UdpListener(
      DatagramChannel channel,
      QueryHandler handler,
      OutcomeCounters counters,
      LongSupplier nanoTime) {
    this.channel = channel;
    this.dispatcher = new QueryDispatcher(handler, counters);
    this.nanoTime = nanoTime;
  }

  /**
   * Binds {@code address} and starts {@code threadCount} receiving threads.
   *
   * @throws IOException if the address cannot be bound (in use, not local, no permission)
   */
  public static UdpListener start(
      InetSocketAddress address,
      int threadCount,
      QueryHandler handler,
      OutcomeCounters counters,
      LongSupplier nanoTime)
      throws IOException {
    DatagramChannel channel = DatagramChannel.open();
    try {
      channel.bind(address);
    } catch (IOException e) {
      channel.close();
      throw new IOException("cannot listen for DNS on UDP " + address + ": " + e.getMessage(), e);
    }
    UdpListener listener = new UdpListener(channel, handler, counters, nanoTime);
    for (int i = 0; i < threadCount; i++) {
      Thread thread = new Thread(listener::receiveLoop, "dns-udp-" + i);
      thread.setDaemon(true);
      listener.threads.add(thread);
      thread.start();
    }
    return listener;
  }

  /** The bound address (useful when bound to port 0). */
  public InetSocketAddress localAddress() throws IOException {
    return (InetSocketAddress) channel.getLocalAddress();
  }

  private void receiveLoop() {
    ByteBuffer buffer = ByteBuffer.allocateDirect(MAX_DATAGRAM);
    while (!closed) {
      buffer.clear();
      SocketAddress from;
      try {
        from = channel.receive(buffer);
      } catch (ClosedChannelException e) {
        return;
      } catch (IOException e) {
        LOG.warn("UDP receive failed: {}", e.getMessage());
        continue;
      }
      buffer.flip();
      byte[] raw = new byte[buffer.remaining()];
      buffer.get(raw);
      InetSocketAddress client = (InetSocketAddress) from;
      try {
        handle(new DnsQuery(raw, client.getAddress(), Transport.UDP, nanoTime.getAsLong()), client);
      } catch (RuntimeException e) {
        // A bug in one stage must not stop the listener: log it and serve the next query.
        LOG.error(e, "query from {} failed", client.getAddress().getHostAddress());
      }
    }
  }

  private void handle(DnsQuery query, InetSocketAddress client) {
    dispatcher.dispatch(query).thenAccept(wire -> send(query, wire, client));
  }

  private void send(DnsQuery query, byte[] wire, InetSocketAddress client) {
    if (wire == null) {
      return;
    }
    try {
      channel.send(ByteBuffer.wrap(AnswerSizing.fitUdp(query, wire)), client);
    } catch (IOException e) {
      if (!closed) {
        LOG.debug("UDP send to {} failed: {}", client, e.getMessage());
      }
    }
  }

  /** Closes the socket and waits briefly for the receiving threads to finish. */
  @Override
  public void close() {
    closed = true;
    try {
      channel.close();
    } catch (IOException e) {
      LOG.warn("closing UDP listener: {}", e.getMessage());
    }
    for (Thread thread : threads) {
      try {
        thread.join(1000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }
}
