package org.classgate.dns.upstream;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;
import org.classgate.dns.upstream.ExchangeResult.Failure;
import org.classgate.dns.upstream.ResponseMatcher.Verdict;
import org.classgate.dns.wire.Question;
import org.tinylog.TaggedLogger;

/**
 * One query over a fresh non-blocking TCP connection, used when the UDP answer was truncated (RFC
 * 7766 §5). Messages carry a two-octet length prefix (RFC 1035 §4.2.2). The whole exchange —
 * connect, send, receive — must finish before one deadline, so a slow upstream cannot hold the
 * client's query. The connection carries only our query, so anything but its answer is a failure.
 * Loop thread only.
 */
final class TcpExchange implements IoLoop.ReadyHandler {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("dns");

  private final IoLoop loop;
  private final InetSocketAddress upstream;
  private final int id;
  private final Question question;
  private final ExchangeEnd end;
  private final ByteBuffer outgoing;
  private final ByteBuffer lengthPrefix = ByteBuffer.allocate(2);
  private ByteBuffer body;
  private SocketChannel channel;
  private SelectionKey key;
  private long startedNanos;

  private TcpExchange(
      IoLoop loop,
      InetSocketAddress upstream,
      byte[] query,
      int id,
      Question question,
      Consumer<ExchangeResult> onDone) {
    this.loop = loop;
    this.upstream = upstream;
    this.id = id;
    this.question = question;
    this.end = new ExchangeEnd("TCP upstream connection", onDone);
    this.outgoing = ByteBuffer.allocate(2 + query.length);
    outgoing.putShort((short) query.length).put(query).flip();
  }

  /**
   * Connects to {@code upstream}, sends {@code query} and calls {@code onDone} exactly once, on the
   * loop thread, possibly before this method returns.
   *
   * @param query at most 65535 octets
   */
  static void start(
      IoLoop loop,
      InetSocketAddress upstream,
      byte[] query,
      int id,
      Question question,
      long timeoutNanos,
      Consumer<ExchangeResult> onDone) {
    new TcpExchange(loop, upstream, query, id, question, onDone).connect(timeoutNanos);
  }

  private void connect(long timeoutNanos) {
    startedNanos = loop.now();
    try {
      channel = SocketChannel.open();
      end.socket(channel);
      channel.configureBlocking(false);
    } catch (IOException e) {
      finish(ExchangeResult.failed(Failure.LOCAL, "cannot open a TCP socket: " + e.getMessage()));
      return;
    }
    end.timer(
        loop.schedule(
            startedNanos + timeoutNanos,
            () -> finish(ExchangeResult.failed(Failure.TIMEOUT, "no answer over TCP"))));
    try {
      boolean connected = channel.connect(upstream);
      key = loop.register(channel, connected ? 0 : SelectionKey.OP_CONNECT, this);
      if (connected) {
        ready(key);
      }
    } catch (IOException e) {
      fail(e);
    }
  }

  @Override
  public void ready(SelectionKey readyKey) {
    try {
      if (channel.isConnectionPending() && !channel.finishConnect()) {
        return;
      }
      if (outgoing.hasRemaining()) {
        channel.write(outgoing);
        if (outgoing.hasRemaining()) {
          key.interestOps(SelectionKey.OP_WRITE);
          return;
        }
        key.interestOps(SelectionKey.OP_READ);
      }
      read();
    } catch (IOException e) {
      fail(e);
    }
  }

  private void read() throws IOException {
    if (body == null) {
      if (channel.read(lengthPrefix) < 0) {
        throw new IOException("upstream closed the connection before answering");
      }
      if (lengthPrefix.hasRemaining()) {
        return;
      }
      body = ByteBuffer.allocate(lengthPrefix.flip().getShort() & 0xFFFF);
    }
    if (body.hasRemaining() && channel.read(body) < 0) {
      throw new IOException("upstream closed the connection in the middle of its answer");
    }
    if (body.hasRemaining()) {
      return;
    }
    Verdict verdict = ResponseMatcher.check(body.array(), upstream, upstream, id, question);
    if (verdict.accepted()) {
      finish(ExchangeResult.answered(verdict.response(), loop.now() - startedNanos));
    } else {
      finish(ExchangeResult.failed(Failure.BAD_RESPONSE, "TCP answer " + verdict.rejection()));
    }
  }

  private void fail(IOException e) {
    Failure failure = e instanceof ConnectException ? Failure.UNREACHABLE : Failure.IO_ERROR;
    finish(ExchangeResult.failed(failure, "TCP: " + e.getMessage()));
  }

  private void finish(ExchangeResult result) {
    end.finish(result);
  }
}
