package org.classgate.hub.http;

import com.fasterxml.jackson.jr.ob.JSON;
import io.undertow.server.HttpHandler;
import io.undertow.server.HttpServerExchange;
import io.undertow.util.Headers;
import io.undertow.util.HttpString;
import io.undertow.util.Methods;
import java.io.IOException;
import java.io.InputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.classgate.hub.BoxStatus;
import org.classgate.hub.Enrolments;
import org.classgate.hub.HubKeyRing;
import org.classgate.hub.Receipt;
import org.classgate.hub.Receiver;
import org.classgate.hub.Refusal;
import org.classgate.store.StoreException;
import org.classgate.sync.PartyKeys;
import org.tinylog.TaggedLogger;

/**
 * The box-facing HTTP API ({@code /sync/v1/...}, see the sync contract): the hub's public keys,
 * enrolment requests and status, envelopes and box key rotation. Bodies are read with a hard size
 * limit before anything parses them; every answer is JSON. Runs on Undertow's worker threads.
 * Thread-safe.
 */
public final class SyncApi implements HttpHandler {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("hub");

  /** The header carrying the box's signature over a key-rotation body. */
  public static final String SIGNATURE_HEADER = "X-ClassGate-Signature";

  static final String PREFIX = "/sync/v1/";

  /** Largest JSON request (enrolment, keys): a few hundred bytes in practice. */
  static final int MAX_JSON_BYTES = 16 * 1024;

  private final Receiver receiver;
  private final Enrolments enrolments;
  private final HubKeyRing keys;

  public SyncApi(Receiver receiver, Enrolments enrolments, HubKeyRing keys) {
    this.receiver = receiver;
    this.enrolments = enrolments;
    this.keys = keys;
  }

  @Override
  public void handleRequest(HttpServerExchange exchange) throws Exception {
    if (exchange.isInIoThread()) {
      exchange.dispatch(this);
      return;
    }
    exchange.startBlocking();
    String path = exchange.getRelativePath();
    HttpString method = exchange.getRequestMethod();
    try {
      if (path.equals(PREFIX + "hub") && method.equals(Methods.GET)) {
        hub(exchange);
      } else if (path.equals(PREFIX + "envelopes") && method.equals(Methods.POST)) {
        envelope(exchange);
      } else if (path.equals(PREFIX + "enrolments") && method.equals(Methods.POST)) {
        enrol(exchange);
      } else if (path.startsWith(PREFIX + "enrolments/") && method.equals(Methods.GET)) {
        enrolmentStatus(exchange, path.substring((PREFIX + "enrolments/").length()));
      } else if (path.equals(PREFIX + "keys") && method.equals(Methods.POST)) {
        rotate(exchange);
      } else {
        send(exchange, 404, Map.of("error", "not-found"));
      }
    } catch (BadRequest e) {
      send(exchange, e.status, Map.of("error", e.getMessage()));
    } catch (StoreException e) {
      LOG.error("hub database failed serving {}: {}", path, e.getMessage());
      send(exchange, 503, Map.of("error", "unavailable"));
    }
  }

  private void hub(HttpServerExchange exchange) throws IOException {
    PartyKeys current = keys.keys().current().publicKeys();
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", current.id().toString());
    body.put("signingKey", b64(current.signingKey()));
    body.put("agreementKey", b64(current.agreementKey()));
    body.put("fingerprint", current.fingerprint());
    send(exchange, 200, body);
  }

  private void envelope(HttpServerExchange exchange) throws IOException {
    int limit = receiver.limits().maxBytes();
    Receipt receipt;
    long declared = exchange.getRequestContentLength();
    if (declared > limit) {
      // Refused before reading: only the header's first bytes, to name the box in the log.
      receipt = receiver.refuseOversized(exchange.getInputStream().readNBytes(21), declared);
    } else {
      byte[] envelope = exchange.getInputStream().readNBytes(limit + 1);
      receipt =
          envelope.length > limit
              ? receiver.refuseOversized(envelope, envelope.length)
              : receiver.receive(envelope);
    }
    Map<String, Object> body = new LinkedHashMap<>();
    int status;
    switch (receipt.outcome()) {
      case STORED -> {
        status = 200;
        body.put("acknowledged", receipt.acknowledged());
      }
      case REPLAYED -> {
        status = 409;
        body.put("error", "replayed");
        body.put("acknowledged", receipt.acknowledged());
      }
      case OVERSIZED -> status = 413;
      case MALFORMED -> status = 400;
      case FORBIDDEN -> status = 403;
      default -> status = 503;
    }
    if (receipt.refusal() != null) {
      body.put("error", receipt.refusal().reason());
    }
    send(exchange, status, body);
  }

  private void enrol(HttpServerExchange exchange) throws IOException, BadRequest, StoreException {
    Map<String, Object> request = readJson(exchange);
    PartyKeys box = partyKeys(request);
    Enrolments.Answer answer =
        enrolments.request(box, string(request, "code"), string(request, "classroom"));
    if (answer.refusal() != null) {
      Refusal refusal = answer.refusal();
      send(
          exchange,
          refusal.reason().equals("removed") || refusal.reason().equals("other-keys")
              ? 403
              : refusal.reason().equals("too-many-pending") ? 429 : 400,
          Map.of("error", refusal.reason()));
      return;
    }
    send(exchange, 202, Map.of("status", answer.status().orElseThrow().word()));
  }

  private void enrolmentStatus(HttpServerExchange exchange, String idText)
      throws IOException, BadRequest, StoreException {
    Optional<BoxStatus> status = enrolments.status(uuid(idText));
    if (status.isEmpty()) {
      send(exchange, 404, Map.of("error", "unknown-box"));
      return;
    }
    send(exchange, 200, Map.of("status", status.get().word()));
  }

  private void rotate(HttpServerExchange exchange) throws IOException, BadRequest, StoreException {
    String signatureText = exchange.getRequestHeaders().getFirst(SIGNATURE_HEADER);
    if (signatureText == null) {
      throw new BadRequest(400, "no " + SIGNATURE_HEADER + " header");
    }
    byte[] signature = bytes(signatureText, "signature");
    byte[] body = readBody(exchange, MAX_JSON_BYTES);
    PartyKeys newKeys = partyKeys(parse(body));
    Refusal refusal = enrolments.rotateBoxKeys(newKeys, body, signature);
    if (refusal != null) {
      send(exchange, 403, Map.of("error", refusal.reason()));
      return;
    }
    send(exchange, 200, Map.of("status", "rotated"));
  }

  private static PartyKeys partyKeys(Map<String, Object> request) throws BadRequest {
    try {
      return new PartyKeys(
          uuid(string(request, "id")),
          bytes(string(request, "signingKey"), "signingKey"),
          bytes(string(request, "agreementKey"), "agreementKey"));
    } catch (IllegalArgumentException e) {
      throw new BadRequest(400, "bad-keys");
    }
  }

  private static String string(Map<String, Object> request, String key) throws BadRequest {
    Object value = request.get(key);
    if (value == null) {
      return null;
    }
    if (!(value instanceof String text)) {
      throw new BadRequest(400, "bad-" + key);
    }
    return text;
  }

  private static UUID uuid(String text) throws BadRequest {
    try {
      if (text == null || text.length() != 36) {
        throw new IllegalArgumentException("length");
      }
      return UUID.fromString(text);
    } catch (IllegalArgumentException e) {
      throw new BadRequest(400, "bad-id");
    }
  }

  private static byte[] bytes(String base64, String what) throws BadRequest {
    try {
      if (base64 == null) {
        throw new IllegalArgumentException("missing");
      }
      return Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new BadRequest(400, "bad-" + what);
    }
  }

  private static String b64(byte[] bytes) {
    return Base64.getEncoder().encodeToString(bytes);
  }

  private static Map<String, Object> readJson(HttpServerExchange exchange)
      throws IOException, BadRequest {
    return parse(readBody(exchange, MAX_JSON_BYTES));
  }

  private static Map<String, Object> parse(byte[] body) throws BadRequest {
    try {
      Map<String, Object> map = JSON.std.mapFrom(body);
      if (map == null) {
        throw new BadRequest(400, "bad-json");
      }
      return map;
    } catch (IOException | RuntimeException e) {
      throw new BadRequest(400, "bad-json");
    }
  }

  /**
   * The request body, at most {@code limit} bytes: a declared length over it is refused before
   * reading, and an undeclared (chunked) body is cut at the limit.
   */
  static byte[] readBody(HttpServerExchange exchange, int limit) throws IOException, BadRequest {
    long declared = exchange.getRequestContentLength();
    if (declared > limit) {
      throw new BadRequest(413, "oversized");
    }
    InputStream in = exchange.getInputStream();
    byte[] body = in.readNBytes(limit + 1);
    if (body.length > limit) {
      throw new BadRequest(413, "oversized");
    }
    return body;
  }

  private static void send(HttpServerExchange exchange, int status, Map<String, ?> body)
      throws IOException {
    byte[] bytes = JSON.std.asBytes(body);
    exchange.setStatusCode(status);
    exchange.getResponseHeaders().put(Headers.CONTENT_TYPE, "application/json");
    exchange.getResponseHeaders().put(Headers.CACHE_CONTROL, "no-store");
    exchange.setResponseContentLength(bytes.length);
    exchange.getOutputStream().write(bytes);
    exchange.endExchange();
  }

  /** A request the API refuses before any domain logic: the message is the error word. */
  static final class BadRequest extends Exception {
    private static final long serialVersionUID = 1L;
    final int status;

    BadRequest(int status, String error) {
      super(error);
      this.status = status;
    }
  }
}
