package org.classgate.dns.upstream;

import java.io.Closeable;
import java.io.IOException;
import java.util.function.Consumer;
import org.tinylog.TaggedLogger;

/**
 * How an upstream exchange ends, for UDP and TCP alike: exactly once, with its timer cancelled and
 * its socket closed before the result is handed on. Used on the I/O loop thread only.
 */
final class ExchangeEnd {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("dns");

  private final String socketKind;
  private final Consumer<ExchangeResult> onDone;
  private IoLoop.Timer timer;
  private Closeable socket;
  private boolean finished;

  /**
   * @param socketKind names the socket in a log line if closing it fails, e.g. "UDP upstream
   *     socket"
   */
  ExchangeEnd(String socketKind, Consumer<ExchangeResult> onDone) {
    this.socketKind = socketKind;
    this.onDone = onDone;
  }

  void timer(IoLoop.Timer exchangeTimer) {
    this.timer = exchangeTimer;
  }

  void socket(Closeable exchangeSocket) {
    this.socket = exchangeSocket;
  }

  boolean finished() {
    return finished;
  }

  /** Ends the exchange with {@code result}; later calls do nothing. */
  void finish(ExchangeResult result) {
    if (finished) {
      return;
    }
    finished = true;
    if (timer != null) {
      timer.cancel();
    }
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        LOG.debug("closing a {}: {}", socketKind, e.getMessage());
      }
    }
    onDone.accept(result);
  }
}
