package org.classgate.filter.sources;

import java.net.URI;
import java.security.PublicKey;
import java.util.Locale;
import java.util.Objects;

/**
 * A list source fetched over HTTP(S), and how a fetched copy is checked before it replaces the
 * cached one.
 *
 * @param uri the {@code http} or {@code https} URL; non-null
 * @param sha256 the SHA-256 the content must have, 64 lower-case hex digits; null for no pin (a pin
 *     suits a fixed artifact: a list that changes needs its pin changed with it)
 * @param signatureKey the Ed25519 key that must have signed the content; null for no signature
 * @param signatureUri where the detached signature is (raw 64 bytes or their base64); null exactly
 *     when {@code signatureKey} is
 */
public record Download(URI uri, String sha256, PublicKey signatureKey, URI signatureUri) {
  public Download {
    Objects.requireNonNull(uri, "uri");
    if (!isHttp(uri)) {
      throw new IllegalArgumentException("not an http(s) URL: " + uri);
    }
    if (sha256 != null) {
      sha256 = sha256.toLowerCase(Locale.ROOT);
      if (!sha256.matches("[0-9a-f]{64}")) {
        throw new IllegalArgumentException("a sha256 pin is 64 hex digits");
      }
    }
    if ((signatureKey == null) != (signatureUri == null)) {
      throw new IllegalArgumentException("a signature needs both a key and a signature URL");
    }
    if (signatureUri != null && !isHttp(signatureUri)) {
      throw new IllegalArgumentException("not an http(s) URL: " + signatureUri);
    }
  }

  /** A download without a pin or a signature. */
  public static Download of(URI uri) {
    return new Download(uri, null, null, null);
  }

  /** True for an absolute {@code http} or {@code https} URI with a host. */
  public static boolean isHttp(URI uri) {
    String scheme = uri.getScheme();
    return uri.isAbsolute()
        && uri.getHost() != null
        && ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme));
  }

  @Override
  public String toString() {
    return uri.toString();
  }
}
