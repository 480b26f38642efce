package org.classgate.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import org.classgate.sync.transport.SenderSettings;
import org.classgate.tls.CertificatePin;

/**
 * The link to the school hub ({@code sync.*}). Immutable.
 *
 * @param hubUrl the hub's {@code https://} address, or null: sync is off (nothing is sent; the
 *     outbox still fills, within its bound)
 * @param hubPin the hub's TLS key pin ({@code scripts/hub pin} prints it); set when hubUrl is
 * @param classroom the name the hub shows for this box
 * @param sender batching, back-off and polling
 * @param connectTimeout the longest a connection to the hub may take
 * @param requestTimeout the longest one request may take
 */
public record SyncConfig(
    URI hubUrl,
    CertificatePin hubPin,
    String classroom,
    SenderSettings sender,
    Duration connectTimeout,
    Duration requestTimeout) {

  static final String[] KEYS = {
    "sync.hub-url",
    "sync.hub-pin",
    "sync.classroom",
    "sync.batch-records",
    "sync.batch-kib",
    "sync.backoff-min",
    "sync.backoff-max",
    "sync.idle-poll",
    "sync.enrolment-poll",
    "sync.unreachable-warning",
    "sync.connect-timeout",
    "sync.request-timeout"
  };

  /** Whether the box sends to a hub. */
  public boolean enabled() {
    return hubUrl != null;
  }

  static SyncConfig read(ConfigReader in, String classroomName) throws ConfigException {
    URI url = url(in.string("sync.hub-url", null));
    String pinText = in.string("sync.hub-pin", null);
    CertificatePin pin = null;
    if (pinText != null) {
      try {
        pin = CertificatePin.parse(pinText.strip());
      } catch (IllegalArgumentException e) {
        throw new ConfigException("sync.hub-pin", pinText, e.getMessage());
      }
    }
    if (url != null && pin == null) {
      throw new ConfigException(
          "sync.hub-pin",
          null,
          "the hub's key pin (sha256/...; 'scripts/hub pin' on the hub prints it): the box trusts"
              + " no certificate authority");
    }
    Duration backoffMin =
        in.duration(
            "sync.backoff-min",
            Duration.ofSeconds(1),
            Duration.ofMillis(10),
            Duration.ofMinutes(5));
    Duration backoffMax =
        in.duration(
            "sync.backoff-max", Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofHours(6));
    if (backoffMax.compareTo(backoffMin) < 0) {
      throw new ConfigException(
          "sync.backoff-max",
          backoffMax.toString(),
          "at least sync.backoff-min (" + backoffMin + ")");
    }
    SenderSettings sender =
        new SenderSettings(
            in.integer("sync.batch-records", 2000, 1, 100_000),
            in.integer("sync.batch-kib", 4096, 1, 8192) * 1024,
            backoffMin,
            backoffMax,
            in.duration(
                "sync.idle-poll",
                Duration.ofSeconds(10),
                Duration.ofMillis(10),
                Duration.ofHours(1)),
            in.duration(
                "sync.enrolment-poll",
                Duration.ofSeconds(30),
                Duration.ofMillis(10),
                Duration.ofHours(1)),
            in.duration(
                "sync.unreachable-warning",
                Duration.ofHours(1),
                Duration.ofMinutes(1),
                Duration.ofDays(30)));
    return new SyncConfig(
        url,
        pin,
        in.string("sync.classroom", classroomName).strip(),
        sender,
        in.duration(
            "sync.connect-timeout",
            Duration.ofSeconds(10),
            Duration.ofMillis(100),
            Duration.ofMinutes(2)),
        in.duration(
            "sync.request-timeout",
            Duration.ofSeconds(60),
            Duration.ofSeconds(1),
            Duration.ofMinutes(10)));
  }

  private static URI url(String text) throws ConfigException {
    if (text == null || text.isBlank()) {
      return null;
    }
    String allowed = "the hub's address as https://host:port, e.g. https://hub.school.lan:8843";
    try {
      URI uri = new URI(text.strip());
      if (!"https".equals(uri.getScheme()) || uri.getHost() == null || uri.getQuery() != null) {
        throw new ConfigException("sync.hub-url", text, allowed);
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new ConfigException("sync.hub-url", text, allowed);
    }
  }
}
