package org.classgate.sync.transport;

import com.fasterxml.jackson.jr.ob.JSON;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.classgate.sync.EnrolmentStatus;
import org.classgate.sync.PartyKeys;
import org.classgate.sync.crypto.SyncKeys;
import org.classgate.tls.CertificatePin;
import org.classgate.tls.PinnedTrust;
import org.classgate.tls.TlsException;

/**
 * The box's HTTPS client to its hub: TLS 1.3 only, trusting exactly the pinned key of {@code
 * sync.hub-pin} and nothing else (no CA, no host name check: {@link PinnedTrust}), with a connect
 * timeout and a whole-request timeout so a hub that stops answering mid-request cannot hold the
 * sender. Thread-safe (the JDK client is).
 */
public final class HubClient implements HubLink {
  /** The header carrying the signature over a key-rotation body. */
  static final String SIGNATURE_HEADER = "X-ClassGate-Signature";

  /** Largest answer read: the hub's answers are small JSON objects. */
  private static final int MAX_ANSWER = 64 * 1024;

  private final URI base;
  private final HttpClient http;
  private final Duration requestTimeout;

  /**
   * @param hubUrl the hub's base URL, {@code https://host:port} (a path, if any, is kept)
   * @param pin the hub's TLS key pin
   * @param connectTimeout the longest a TCP + TLS connection may take
   * @param requestTimeout the longest a whole request may take, answer included
   */
  public HubClient(URI hubUrl, CertificatePin pin, Duration connectTimeout, Duration requestTimeout)
      throws TlsException {
    if (!"https".equals(hubUrl.getScheme())) {
      throw new IllegalArgumentException("the hub is reached over https only: " + hubUrl);
    }
    String text = hubUrl.toString();
    this.base = URI.create(text.endsWith("/") ? text : text + "/");
    this.requestTimeout = requestTimeout;
    this.http =
        HttpClient.newBuilder()
            .sslContext(PinnedTrust.clientContext(pin))
            .sslParameters(PinnedTrust.clientParameters())
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(connectTimeout)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  @Override
  public PartyKeys hubKeys() throws IOException, HubRefused {
    Answer answer = send(request("sync/v1/hub").GET().build());
    Map<String, Object> body = answer.expect(200);
    try {
      return new PartyKeys(
          UUID.fromString(text(body, "id")),
          Base64.getDecoder().decode(text(body, "signingKey")),
          Base64.getDecoder().decode(text(body, "agreementKey")));
    } catch (IllegalArgumentException e) {
      throw new IOException("the hub's keys are malformed: " + e.getMessage(), e);
    }
  }

  @Override
  public EnrolmentStatus requestEnrolment(PartyKeys box, String classroom)
      throws IOException, HubRefused {
    Map<String, Object> body = keysJson(box);
    body.put("code", box.enrolmentCode());
    body.put("classroom", classroom);
    Answer answer = send(post("sync/v1/enrolments", JSON.std.asBytes(body), "application/json"));
    return status(answer.expect(202));
  }

  @Override
  public EnrolmentStatus enrolmentStatus(UUID box) throws IOException, HubRefused {
    Answer answer = send(request("sync/v1/enrolments/" + box).GET().build());
    if (answer.status == 404) {
      return EnrolmentStatus.NONE;
    }
    return status(answer.expect(200));
  }

  @Override
  public Delivery deliver(byte[] envelope) throws IOException {
    Answer answer = send(post("sync/v1/envelopes", envelope, "application/octet-stream"));
    Object acknowledged = answer.body.get("acknowledged");
    Object error = answer.body.get("error");
    return new Delivery(
        answer.status,
        acknowledged instanceof Number n ? n.longValue() : -1,
        error instanceof String s ? s : null);
  }

  @Override
  public void rotateKeys(SyncKeys current, PartyKeys next) throws IOException, HubRefused {
    byte[] body = JSON.std.asBytes(keysJson(next));
    byte[] signature = current.signing().sign(body, 0, body.length);
    HttpRequest request =
        request("sync/v1/keys")
            .header("Content-Type", "application/json")
            .header(SIGNATURE_HEADER, Base64.getEncoder().encodeToString(signature))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build();
    send(request).expect(200);
  }

  private static Map<String, Object> keysJson(PartyKeys keys) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", keys.id().toString());
    body.put("signingKey", Base64.getEncoder().encodeToString(keys.signingKey()));
    body.put("agreementKey", Base64.getEncoder().encodeToString(keys.agreementKey()));
    return body;
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path)).timeout(requestTimeout);
  }

  private HttpRequest post(String path, byte[] body, String type) {
    return request(path)
        .header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
        .build();
  }

  private Answer send(HttpRequest request) throws IOException {
    HttpResponse<byte[]> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while talking to the hub", e);
    }
    byte[] bytes = response.body();
    if (bytes.length > MAX_ANSWER) {
      throw new IOException("the hub's answer is " + bytes.length + " bytes: not the hub's API");
    }
    Map<String, Object> body;
    try {
      body = bytes.length == 0 ? Map.of() : JSON.std.mapFrom(bytes);
    } catch (IOException | RuntimeException e) {
      // A proxy's error page, for instance: keep the status, drop the body.
      body = Map.of();
    }
    return new Answer(response.statusCode(), body == null ? Map.of() : body);
  }

  private static EnrolmentStatus status(Map<String, Object> body) throws IOException {
    try {
      return EnrolmentStatus.ofWord(text(body, "status"));
    } catch (IllegalArgumentException e) {
      throw new IOException("the hub answered an unknown enrolment status: " + body.get("status"));
    }
  }

  private static String text(Map<String, Object> body, String key) throws IOException {
    if (!(body.get(key) instanceof String value)) {
      throw new IOException("the hub's answer has no " + key);
    }
    return value;
  }

  private record Answer(int status, Map<String, Object> body) {
    /** The body if the status is {@code expected}; else the hub refused (or failed: 5xx). */
    Map<String, Object> expect(int expected) throws IOException, HubRefused {
      if (status == expected) {
        return body;
      }
      if (status >= 500) {
        throw new IOException("the hub failed (HTTP " + status + ")");
      }
      Object error = body.get("error");
      throw new HubRefused(status, error instanceof String s ? s : "unknown");
    }
  }
}
