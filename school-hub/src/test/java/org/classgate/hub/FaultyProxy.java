package org.classgate.hub;

import io.undertow.Undertow;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.classgate.tls.CertificatePin;
import org.classgate.tls.PinnedTrust;
import org.classgate.tls.TlsIdentity;
import org.xnio.Options;
import org.xnio.Sequence;

/**
 * A hostile network between box and hub: it terminates TLS with the hub's own identity (so the
 * box's pin holds, as where TLS is terminated by a school's load balancer), and for each request,
 * while faults are on, it may drop it (connection closed, nothing forwarded), forward it and lose
 * the answer (connection reset after the hub stored it), forward it twice, hold it back and deliver
 * it later, after newer ones (reordering), and delay everything. The envelopes themselves pass
 * unchanged: the sealed, signed format is what keeps them safe. Thread-safe.
 */
final class FaultyProxy implements AutoCloseable {
  /** Per-request chances while faults are on. */
  static final double DROP = 0.30;

  static final double LOSE_ANSWER = 0.10;
  static final double DUPLICATE = 0.10;
  static final double HOLD_BACK = 0.10;

  private final Undertow server;
  private final HttpClient upstream;
  private final URI hub;
  private final SplittableRandom random = new SplittableRandom(42);
  private final ExecutorService later = Executors.newFixedThreadPool(2);
  private volatile boolean faults;
  final AtomicLong dropped = new AtomicLong();
  final AtomicLong answersLost = new AtomicLong();
  final AtomicLong duplicated = new AtomicLong();
  final AtomicLong heldBack = new AtomicLong();
  final AtomicLong forwarded = new AtomicLong();

  FaultyProxy(TlsIdentity hubIdentity, URI hub, CertificatePin pin) throws Exception {
    this.hub = hub;
    this.upstream =
        HttpClient.newBuilder()
            .sslContext(PinnedTrust.clientContext(pin))
            .sslParameters(PinnedTrust.clientParameters())
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    this.server =
        Undertow.builder()
            .addHttpsListener(0, "127.0.0.1", hubIdentity.serverContext())
            .setSocketOption(Options.SSL_ENABLED_PROTOCOLS, Sequence.of("TLSv1.3"))
            .setIoThreads(1)
            .setWorkerThreads(8)
            .setHandler(this::handle)
            .build();
    server.start();
  }

  URI url() {
    int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
    return URI.create("https://127.0.0.1:" + port);
  }

  void faults(boolean on) {
    faults = on;
  }

  private synchronized double roll() {
    return random.nextDouble();
  }

  private synchronized int delayMillis() {
    return random.nextInt(20);
  }

  private void handle(HttpServerExchange exchange) throws Exception {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this::handle);
      return;
    }
    exchange.startBlocking();
    byte[] body = exchange.getInputStream().readAllBytes();
    HttpRequest request = forwardOf(exchange, body);
    if (faults) {
      Thread.sleep(delayMillis());
      double roll = roll();
      if (roll < DROP) {
        dropped.incrementAndGet();
        exchange.getConnection().close();
        return;
      }
      if (roll < DROP + HOLD_BACK) {
        heldBack.incrementAndGet();
        later.submit(() -> forwardAfter(request, 50));
        exchange.getConnection().close();
        return;
      }
      if (roll < DROP + HOLD_BACK + DUPLICATE) {
        duplicated.incrementAndGet();
        later.submit(() -> forwardAfter(request, delayMillis()));
      } else if (roll < DROP + HOLD_BACK + DUPLICATE + LOSE_ANSWER) {
        answersLost.incrementAndGet();
        send(request);
        exchange.getConnection().close();
        return;
      }
    }
    HttpResponse<byte[]> response = send(request);
    exchange.setStatusCode(response.statusCode());
    response
        .headers()
        .firstValue("Content-Type")
        .ifPresent(type -> exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, type));
    exchange.setResponseContentLength(response.body().length);
    exchange.getOutputStream().write(response.body());
    exchange.endExchange();
  }

  private HttpRequest forwardOf(HttpServerExchange exchange, byte[] body) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(hub.resolve(exchange.getRequestURI()))
            .timeout(Duration.ofSeconds(10));
    for (String header : new String[] {"Content-Type", "X-ClassGate-Signature"}) {
      String value = exchange.getRequestHeaders().getFirst(header);
      if (value != null) {
        builder.header(header, value);
      }
    }
    HttpString method = exchange.getRequestMethod();
    return builder.method(method.toString(), HttpRequest.BodyPublishers.ofByteArray(body)).build();
  }

  private HttpResponse<byte[]> send(HttpRequest request) throws IOException, InterruptedException {
    forwarded.incrementAndGet();
    return upstream.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  private Void forwardAfter(HttpRequest request, int millis) throws Exception {
    Thread.sleep(millis);
    send(request);
    return null;
  }

  /** Waits for held-back and duplicated deliveries still on their way. */
  void drain() throws InterruptedException {
    later.shutdown();
    if (!later.awaitTermination(30, TimeUnit.SECONDS)) {
      throw new AssertionError("the proxy's late deliveries did not finish");
    }
  }

  @Override
  public void close() throws InterruptedException {
    later.shutdownNow();
    server.stop();
  }

  @Override
  public String toString() {
    return "forwarded "
        + forwarded
        + ", dropped "
        + dropped
        + ", answers lost "
        + answersLost
        + ", duplicated "
        + duplicated
        + ", held back "
        + heldBack;
  }
}
