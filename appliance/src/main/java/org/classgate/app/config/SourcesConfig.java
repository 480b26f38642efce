package org.classgate.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.security.PublicKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import org.classgate.filter.sources.Download;
import org.classgate.filter.sources.DownloadSettings;
import org.classgate.filter.sources.Ed25519Signatures;

/**
 * How list sources are kept up to date ({@code sources.*}) and the named downloads with their
 * checks ({@code download.<name>.*}).
 *
 * @param updateInterval how often downloads are fetched again and local files checked for changes
 * @param updateJitter a random extra delay of up to this much per update, so a school's boxes do
 *     not all ask the list server at the same second
 * @param downloads the limits of every download
 * @param named {@code download.<name>} → its URL and checks, referred to as {@code download:NAME}
 */
public record SourcesConfig(
    Duration updateInterval,
    Duration updateJitter,
    DownloadSettings downloads,
    Map<String, Download> named) {
  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,31}");
  private static final String[] DOWNLOAD_FIELDS = {"url", "sha256", "public-key", "signature-url"};

  public SourcesConfig {
    named = Map.copyOf(named);
  }

  static SourcesConfig read(ConfigReader in) throws ConfigException {
    Duration interval =
        in.duration(
            "sources.update-interval",
            Duration.ofHours(6),
            Duration.ofSeconds(1),
            Duration.ofDays(7));
    Duration defaultJitter = min(interval.dividedBy(10), Duration.ofMinutes(15));
    Duration jitter = in.duration("sources.update-jitter", defaultJitter, Duration.ZERO, interval);
    int maxMib = in.integer("sources.max-download-mib", 256, 1, 4096);
    Duration connect =
        in.duration(
            "sources.connect-timeout",
            Duration.ofSeconds(10),
            Duration.ofMillis(100),
            Duration.ofMinutes(5));
    Duration read =
        in.duration(
            "sources.read-timeout",
            Duration.ofSeconds(60),
            Duration.ofMillis(100),
            Duration.ofMinutes(30));
    int redirects = in.integer("sources.max-redirects", 5, 0, 20);
    DownloadSettings settings = new DownloadSettings((long) maxMib << 20, connect, read, redirects);
    return new SourcesConfig(interval, jitter, settings, named(in));
  }

  private static Map<String, Download> named(ConfigReader in) throws ConfigException {
    Map<String, Download> named = new LinkedHashMap<>();
    for (String suffix : in.suffixesOf("download.")) {
      int dot = suffix.lastIndexOf('.');
      String name = dot < 0 ? suffix : suffix.substring(0, dot);
      String field = dot < 0 ? "" : suffix.substring(dot + 1);
      if (!NAME.matcher(name).matches() || !java.util.List.of(DOWNLOAD_FIELDS).contains(field)) {
        throw new ConfigException(
            "download." + suffix,
            "unknown key; a download is download.NAME.url with optional download.NAME.sha256,"
                + " download.NAME.public-key and download.NAME.signature-url");
      }
      if (!named.containsKey(name)) {
        named.put(name, download(in, name));
      }
    }
    return named;
  }

  private static Download download(ConfigReader in, String name) throws ConfigException {
    String prefix = "download." + name + ".";
    String urlText = in.string(prefix + "url", null);
    if (urlText == null) {
      throw new ConfigException(prefix + "url", "", "the http(s) URL of download " + name);
    }
    URI uri = uri(prefix + "url", urlText);
    String sha256 = in.string(prefix + "sha256", null);
    if (sha256 != null && !sha256.matches("[0-9a-fA-F]{64}")) {
      throw new ConfigException(prefix + "sha256", sha256, "64 hex digits (a SHA-256)");
    }
    String keyText = in.string(prefix + "public-key", null);
    String signatureText = in.string(prefix + "signature-url", null);
    PublicKey key = null;
    URI signature = null;
    if (keyText != null) {
      try {
        key = Ed25519Signatures.parseKey(keyText);
      } catch (IllegalArgumentException e) {
        throw new ConfigException(
            prefix + "public-key",
            keyText,
            "an Ed25519 public key in base64, raw (32 bytes) or DER SubjectPublicKeyInfo ("
                + e.getMessage()
                + ")");
      }
      signature =
          uri(prefix + "signature-url", signatureText != null ? signatureText : urlText + ".sig");
    } else if (signatureText != null) {
      throw new ConfigException(
          prefix + "signature-url", signatureText, "set with " + prefix + "public-key");
    }
    return new Download(uri, sha256, key, signature);
  }

  private static URI uri(String key, String text) throws ConfigException {
    try {
      URI uri = new URI(text);
      if (Download.isHttp(uri)) {
        return uri;
      }
    } catch (URISyntaxException e) {
      // Reported below.
    }
    throw new ConfigException(key, text, "an http(s) URL with a host");
  }

  private static Duration min(Duration a, Duration b) {
    return a.compareTo(b) <= 0 ? a : b;
  }
}
