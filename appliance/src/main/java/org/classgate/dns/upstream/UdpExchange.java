package org.classgate.dns.upstream;

import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.util.function.Consumer;
import org.classgate.dns.upstream.ExchangeResult.Failure;
import org.classgate.dns.upstream.ResponseMatcher.Rejection;
import org.classgate.dns.upstream.ResponseMatcher.Verdict;
import org.classgate.dns.wire.Question;
import org.tinylog.TaggedLogger;

/**
 * One UDP query to one upstream, from a socket of its own bound to a port the kernel picks at
 * random, so an off-path attacker must guess the port (about 15 bits of entropy from Linux's
 * ephemeral range) as well as the 16-bit ID (RFC 5452, the fix for Kaminsky's attack). The socket
 * is connected to the upstream: the kernel then discards datagrams from any other address or port,
 * and reports ICMP "port unreachable", so a stopped upstream fails at once instead of after the
 * timeout. Messages that are not the answer are counted and ignored; the exchange keeps waiting
 * until its deadline. Loop thread only.
 */
final class UdpExchange implements IoLoop.ReadyHandler {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("dns");

  /** Reads per wake-up: a flood of forged datagrams must not starve the other exchanges. */
  private static final int MAX_READS_PER_WAKEUP = 16;

  private final IoLoop loop;
  private final InetSocketAddress upstream;
  private final int id;
  private final Question question;
  private final Consumer<Rejection> onDrop;
  private final ExchangeEnd end;
  private DatagramChannel channel;
  private long sentNanos;

  private UdpExchange(
      IoLoop loop,
      InetSocketAddress upstream,
      int id,
      Question question,
      Consumer<Rejection> onDrop,
      Consumer<ExchangeResult> onDone) {
    this.loop = loop;
    this.upstream = upstream;
    this.id = id;
    this.question = question;
    this.onDrop = onDrop;
    this.end = new ExchangeEnd("UDP upstream socket", onDone);
  }

  /**
   * Sends {@code query} (carrying {@code id} and {@code question}) to {@code upstream} and calls
   * {@code onDone} exactly once, on the loop thread, possibly before this method returns.
   *
   * @param onDrop told about every received message that was not the answer
   */
  static void start(
      IoLoop loop,
      InetSocketAddress upstream,
      byte[] query,
      int id,
      Question question,
      long timeoutNanos,
      Consumer<Rejection> onDrop,
      Consumer<ExchangeResult> onDone) {
    UdpExchange exchange = new UdpExchange(loop, upstream, id, question, onDrop, onDone);
    exchange.send(query, timeoutNanos);
  }

  private void send(byte[] query, long timeoutNanos) {
    try {
      StandardProtocolFamily family =
          upstream.getAddress() instanceof Inet6Address
              ? StandardProtocolFamily.INET6
              : StandardProtocolFamily.INET;
      channel = DatagramChannel.open(family);
      end.socket(channel);
      channel.configureBlocking(false);
      // Port 0: the kernel chooses a random free ephemeral port (Linux randomises UDP binds).
      channel.bind(null);
    } catch (IOException e) {
      finish(ExchangeResult.failed(Failure.LOCAL, "cannot open a UDP socket: " + e.getMessage()));
      return;
    }
    try {
      channel.connect(upstream);
      sentNanos = loop.now();
      int written = channel.write(ByteBuffer.wrap(query));
      if (written != query.length) {
        finish(ExchangeResult.failed(Failure.LOCAL, "UDP send buffer full"));
        return;
      }
      loop.register(channel, SelectionKey.OP_READ, this);
    } catch (PortUnreachableException e) {
      finish(ExchangeResult.failed(Failure.UNREACHABLE, "port unreachable"));
      return;
    } catch (IOException e) {
      finish(ExchangeResult.failed(Failure.UNREACHABLE, "UDP send failed: " + e.getMessage()));
      return;
    }
    end.timer(
        loop.schedule(
            sentNanos + timeoutNanos,
            () -> finish(ExchangeResult.failed(Failure.TIMEOUT, "no answer over UDP"))));
  }

  @Override
  public void ready(SelectionKey key) {
    for (int i = 0; i < MAX_READS_PER_WAKEUP && !end.finished(); i++) {
      ByteBuffer buffer = loop.receiveBuffer();
      buffer.clear();
      SocketAddress source;
      try {
        source = channel.receive(buffer);
      } catch (PortUnreachableException e) {
        finish(ExchangeResult.failed(Failure.UNREACHABLE, "port unreachable"));
        return;
      } catch (IOException e) {
        finish(ExchangeResult.failed(Failure.IO_ERROR, "UDP receive failed: " + e.getMessage()));
        return;
      }
      if (source == null) {
        return;
      }
      buffer.flip();
      byte[] data = new byte[buffer.remaining()];
      buffer.get(data);
      Verdict verdict =
          ResponseMatcher.check(data, (InetSocketAddress) source, upstream, id, question);
      if (verdict.accepted()) {
        finish(ExchangeResult.answered(verdict.response(), loop.now() - sentNanos));
      } else {
        LOG.debug(
            "dropped a UDP message from {} for {} to {}: {}",
            source,
            question,
            upstream,
            verdict.rejection());
        onDrop.accept(verdict.rejection());
      }
    }
  }

  private void finish(ExchangeResult result) {
    end.finish(result);
  }
}
