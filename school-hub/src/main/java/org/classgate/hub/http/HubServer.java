package org.classgate.hub.http;

import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.server.HttpHandler;
import java.net.InetSocketAddress;
import javax.net.ssl.SSLContext;
import org.tinylog.TaggedLogger;
import org.xnio.Options;
import org.xnio.Sequence;

/**
 * The hub's HTTPS server: TLS 1.3 only (RFC 8446), with the hub's own key, which every box pins.
 * Serves {@link SyncApi} and the staff's web views ({@link StaffWeb}). Thread-safe; closing stops
 * it.
 */
public final class HubServer implements AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("hub");

  private final Undertow server;
  private final InetSocketAddress address;

  private HubServer(Undertow server, InetSocketAddress address) {
    this.server = server;
    this.address = address;
  }

  /** Starts listening on {@code listen} (port 0: any free port), serving boxes only. */
  public static HubServer start(InetSocketAddress listen, SSLContext tls, SyncApi api) {
    return start(listen, tls, api, null);
  }

  /**
   * Starts listening on {@code listen} (port 0: any free port): {@code /sync/} goes to {@code api},
   * everything else to {@code staff} (the staff's web views; null: 404).
   */
  public static HubServer start(
      InetSocketAddress listen, SSLContext tls, SyncApi api, HttpHandler staff) {
    HttpHandler handler =
        staff == null
            ? api
            : exchange ->
                (exchange.getRequestPath().startsWith(SyncApi.PREFIX) ? api : staff)
                    .handleRequest(exchange);
    Undertow server =
        Undertow.builder()
            .addHttpsListener(listen.getPort(), listen.getAddress().getHostAddress(), tls)
            .setSocketOption(Options.SSL_ENABLED_PROTOCOLS, Sequence.of("TLSv1.3"))
            // Boxes send one envelope per request; HTTP/1.1 keep-alive reuses the TLS session.
            .setServerOption(UndertowOptions.ENABLE_HTTP2, false)
            .setServerOption(UndertowOptions.NO_REQUEST_TIMEOUT, 60_000)
            .setServerOption(UndertowOptions.REQUEST_PARSE_TIMEOUT, 30_000)
            .setIoThreads(2)
            .setWorkerThreads(8)
            .setHandler(handler)
            .build();
    server.start();
    InetSocketAddress bound = (InetSocketAddress) server.getListenerInfo().get(0).getAddress();
    LOG.info("school hub on https://{}:{}/sync/v1/", bound.getHostString(), bound.getPort());
    return new HubServer(server, bound);
  }

  /** The bound address (the real port when started on port 0). */
  public InetSocketAddress address() {
    return address;
  }

  @Override
  public void close() {
    server.stop();
  }
}
