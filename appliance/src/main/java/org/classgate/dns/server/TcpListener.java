package org.classgate.dns.server;

import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.OutcomeCounters;
import org.classgate.dns.Transport;
import org.tinylog.TaggedLogger;

/**
 * DNS over TCP (RFC 7766): each message is preceded by its two-octet length; a client may send
 * several queries on one connection. Connections are capped (extra ones are closed at once) and
 * closed after an idle timeout, so slow or idle clients cannot pin the box's threads. Thread-safe.
 */
public final class TcpListener implements AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("dns");

  private final ServerSocket server;
  private final QueryDispatcher dispatcher;
  private final Semaphore connectionSlots;
  private final int idleTimeoutMillis;
  private final Duration answerTimeout;
  private final LongSupplier nanoTime;
  private final Set<Socket> open = ConcurrentHashMap.newKeySet();
  private final Thread acceptor;
  private volatile boolean closed;

  private TcpListener(
      ServerSocket server,
      QueryHandler handler,
      OutcomeCounters counters,
      int maxConnections,
      Duration idleTimeout,
      Duration answerTimeout,
      LongSupplier nanoTime) {
    this.server = server;
    this.dispatcher = new QueryDispatcher(handler, counters);
    this.connectionSlots = new Semaphore(maxConnections);
    this.idleTimeoutMillis = (int) Math.min(Integer.MAX_VALUE, idleTimeout.toMillis());
    this.answerTimeout = answerTimeout;
    this.nanoTime = nanoTime;
    this.acceptor = new Thread(this::acceptLoop, "dns-tcp-accept");
    acceptor.setDaemon(true);
  }

  /**
   * Binds {@code address} and starts accepting.
   *
   * @param answerTimeout how long one query may take before the connection is dropped
   * @throws IOException if the address cannot be bound
   */
  public static TcpListener start(
      InetSocketAddress address,
      QueryHandler handler,
      OutcomeCounters counters,
      int maxConnections,
      Duration idleTimeout,
      Duration answerTimeout,
      LongSupplier nanoTime)
      throws IOException {
    ServerSocket server = new ServerSocket();
    try {
      server.setReuseAddress(true);
      server.bind(address, 128);
    } catch (IOException e) {
      server.close();
      throw new IOException("cannot listen for DNS on TCP " + address + ": " + e.getMessage(), e);
    }
    TcpListener listener =
        new TcpListener(
            server, handler, counters, maxConnections, idleTimeout, answerTimeout, nanoTime);
    listener.acceptor.start();
    return listener;
  }

  public InetSocketAddress localAddress() {
    return (InetSocketAddress) server.getLocalSocketAddress();
  }

  private void acceptLoop() {
    while (!closed) {
      Socket socket;
      try {
        socket = server.accept();
      } catch (IOException e) {
        if (!closed) {
          LOG.warn("TCP accept failed: {}", e.getMessage());
        }
        continue;
      }
      if (!connectionSlots.tryAcquire()) {
        LOG.debug("TCP connection from {} refused: all slots busy", socket.getInetAddress());
        closeQuietly(socket);
        continue;
      }
      open.add(socket);
      Thread worker = new Thread(() -> serve(socket), "dns-tcp-conn");
      worker.setDaemon(true);
      worker.start();
    }
  }

  private void serve(Socket socket) {
    try (socket) {
      socket.setSoTimeout(idleTimeoutMillis);
      socket.setTcpNoDelay(true);
      DataInputStream in = new DataInputStream(socket.getInputStream());
      OutputStream out = socket.getOutputStream();
      while (!closed) {
        int length;
        try {
          length = in.readUnsignedShort();
        } catch (EOFException | SocketTimeoutException e) {
          return;
        }
        byte[] raw = new byte[length];
        in.readFully(raw);
        DnsQuery query =
            new DnsQuery(raw, socket.getInetAddress(), Transport.TCP, nanoTime.getAsLong());
        byte[] wire =
            dispatcher.dispatch(query).get(answerTimeout.toMillis(), TimeUnit.MILLISECONDS);
        if (wire == null) {
          // Nothing to say (e.g. a response sent to us): RFC 7766 lets us close the connection.
          return;
        }
        byte[] framed = new byte[wire.length + 2];
        framed[0] = (byte) (wire.length >>> 8);
        framed[1] = (byte) wire.length;
        System.arraycopy(wire, 0, framed, 2, wire.length);
        out.write(framed);
        out.flush();
      }
    } catch (SocketException | EOFException | SocketTimeoutException e) {
      // Client went away or stalled mid-message: nothing to answer.
    } catch (IOException | ExecutionException | TimeoutException e) {
      LOG.debug("TCP connection from {} ended: {}", socket.getInetAddress(), e.toString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      open.remove(socket);
      connectionSlots.release();
    }
  }

  private static void closeQuietly(Socket socket) {
    try {
      socket.close();
    } catch (IOException e) {
      // Already gone.
    }
  }

  /** Stops accepting and closes every open connection. */
  @Override
  public void close() {
    closed = true;
    try {
      server.close();
    } catch (IOException e) {
      LOG.warn("closing TCP listener: {}", e.getMessage());
    }
    open.forEach(TcpListener::closeQuietly);
    try {
      acceptor.join(1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
