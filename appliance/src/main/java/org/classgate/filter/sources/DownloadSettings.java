package org.classgate.filter.sources;

import java.time.Duration;

/**
 * Limits every download obeys.
 *
 * @param maxBytes the largest body accepted; reading stops as soon as it is passed
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout how long to wait for the response headers, and then for each piece of the
 *     body: a server that stalls longer fails the download
 * @param maxRedirects redirects followed before the download fails (an https URL is never
 *     redirected to plain http)
 */
public record DownloadSettings(
    long maxBytes, Duration connectTimeout, Duration readTimeout, int maxRedirects) {
  public DownloadSettings {
    if (maxBytes <= 0 || maxRedirects < 0) {
      throw new IllegalArgumentException("maxBytes must be positive, maxRedirects not negative");
    }
  }
}
