package org.classgate.filter.sources;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.classgate.filter.sources.DownloadCache.CachedCopy;
import org.tinylog.TaggedLogger;

/**
 * Fetches list sources over HTTP(S) into the {@link DownloadCache} with the JDK's HTTP client:
 * conditional requests ({@code If-None-Match} with the kept {@code ETag}, {@code If-Modified-Since}
 * with the kept {@code Last-Modified}; RFC 9110 §13.1), a size limit enforced while reading,
 * connect and read timeouts, a bounded number of redirects (never from https to http), then the
 * optional SHA-256 pin and Ed25519 signature. A copy replaces the kept one only after passing every
 * check; whatever fails, the previous copy stays as it was and is what {@link FetchResult#copy()}
 * gives.
 *
 * <p>{@link #fetch} never throws: every failure is a {@link FetchResult.Status#FAILED} result with
 * a message naming the URL and the cause. Note that the JDK's Ed25519 verifier keeps the whole
 * message in memory while verifying, so a signed source costs its size in heap for a moment.
 *
 * <p>Thread-safe for different URLs; one updater fetches each URL.
 */
public final class SourceDownloader {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("filter");

  /** A detached signature is 64 bytes, or about 90 as base64 text. */
  private static final long MAX_SIGNATURE_BYTES = 4096;

  private final HttpClient client;
  private final DownloadCache cache;
  private final DownloadSettings settings;
  private final Clock clock;
  private final LongSupplier nanoTime;

  private record Response(int status, String etag, String lastModified, byte[] sha256, long size) {}

  /**
   * @param cache where copies are kept
   * @param settings limits for every download
   * @param clock when copies were fetched, for their age
   * @param nanoTime measures how long a body has stalled
   */
  public SourceDownloader(
      DownloadCache cache, DownloadSettings settings, Clock clock, LongSupplier nanoTime) {
    this.cache = cache;
    this.settings = settings;
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER) // followed here, counted and checked
            .build();
  }

  /** The kept copy of {@code download}, without fetching. */
  public Optional<CachedCopy> cached(Download download) {
    return cache.cached(download.uri());
  }

  /** Fetches {@code download} once; see the class description. */
  public FetchResult fetch(Download download) {
    Optional<CachedCopy> cached = cache.cached(download.uri());
    Path partial = null;
    try {
      partial = cache.partial(download.uri());
      FetchResult result = attempt(download, cached.orElse(null), partial);
      LOG.info("list download {}: {}", download, result.detail());
      return result;
    } catch (IOException e) {
      String problem = "download of " + download + " failed: " + describe(e);
      LOG.warn("{}{}", problem, cached.isPresent() ? "; keeping the previous copy" : "");
      return new FetchResult(FetchResult.Status.FAILED, cached.orElse(null), problem);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new FetchResult(
          FetchResult.Status.FAILED, cached.orElse(null), "download of " + download + " stopped");
    } finally {
      if (partial != null) {
        try {
          Files.deleteIfExists(partial);
        } catch (IOException e) {
          LOG.warn("cannot remove {}: {}", partial, e.getMessage());
        }
      }
    }
  }

  private FetchResult attempt(Download download, CachedCopy cached, Path partial)
      throws IOException, InterruptedException {
    Response response = get(download.uri(), cached, partial, settings.maxBytes());
    if (response.status() == 304) {
      if (cached == null) {
        throw new IOException("the server answered 304 Not Modified to an unconditional request");
      }
      CachedCopy confirmed = cache.confirmed(download.uri(), cached, clock.instant());
      return new FetchResult(FetchResult.Status.NOT_MODIFIED, confirmed, "304 not modified");
    }
    String sha256 = HexFormat.of().formatHex(response.sha256());
    if (download.sha256() != null && !download.sha256().equals(sha256)) {
      throw new IOException(
          "its SHA-256 is " + sha256 + ", not the pinned " + download.sha256() + ": discarded");
    }
    if (download.signatureKey() != null) {
      Path signature = partial.resolveSibling(partial.getFileName() + ".sig");
      try {
        Response fetched = get(download.signatureUri(), null, signature, MAX_SIGNATURE_BYTES);
        if (fetched.status() != 200
            || !Ed25519Signatures.verify(
                download.signatureKey(), partial, Files.readAllBytes(signature))) {
          throw new IOException(
              "its Ed25519 signature ("
                  + download.signatureUri()
                  + ") does not verify with the configured key: discarded");
        }
      } finally {
        Files.deleteIfExists(signature);
      }
    }
    CachedCopy copy =
        cache.keep(
            download.uri(), partial, response.etag(), response.lastModified(), clock.instant());
    return new FetchResult(
        FetchResult.Status.DOWNLOADED,
        copy,
        "200, " + response.size() + " bytes, sha256 " + sha256);
  }

  /** GET {@code uri}, following redirects; a 200 body goes to {@code file}. */
  private Response get(URI uri, CachedCopy conditional, Path file, long maxBytes)
      throws IOException, InterruptedException {
    URI current = uri;
    for (int hop = 0; ; hop++) {
      HttpRequest.Builder request =
          HttpRequest.newBuilder(current)
              .timeout(settings.readTimeout())
              .header("User-Agent", "ClassGate list updater")
              .GET();
      if (conditional != null && conditional.etag() != null) {
        request.header("If-None-Match", conditional.etag());
      }
      if (conditional != null && conditional.lastModified() != null) {
        request.header("If-Modified-Since", conditional.lastModified());
      }
      LimitedBody body = new LimitedBody(file, maxBytes, nanoTime);
      HttpResponse<Path> response = send(current, request.build(), body);
      int status = response.statusCode();
      if (status == 200 || status == 304) {
        return new Response(
            status,
            response.headers().firstValue("ETag").orElse(null),
            response.headers().firstValue("Last-Modified").orElse(null),
            status == 200 ? body.sha256() : null,
            body.received());
      }
      if (status != 301 && status != 302 && status != 303 && status != 307 && status != 308) {
        throw new IOException("HTTP " + status + " from " + current);
      }
      if (hop >= settings.maxRedirects()) {
        throw new IOException("more than " + settings.maxRedirects() + " redirects");
      }
      current = redirect(current, response.headers().firstValue("Location").orElse(null));
    }
  }

  private static URI redirect(URI from, String location) throws IOException {
    if (location == null) {
      throw new IOException("a redirect from " + from + " without a Location");
    }
    URI next;
    try {
      next = from.resolve(location);
    } catch (IllegalArgumentException e) {
      throw new IOException("a redirect from " + from + " to a malformed Location");
    }
    if (!Download.isHttp(next)) {
      throw new IOException("a redirect from " + from + " to " + next + ", not http(s)");
    }
    if ("https".equalsIgnoreCase(from.getScheme()) && "http".equalsIgnoreCase(next.getScheme())) {
      throw new IOException("refused: " + from + " redirects to plain http (" + next + ")");
    }
    return next;
  }

  /** Sends and waits, abandoning a response whose body stalls for longer than the read timeout. */
  private HttpResponse<Path> send(URI uri, HttpRequest request, LimitedBody body)
      throws IOException, InterruptedException {
    CompletableFuture<HttpResponse<Path>> future =
        client.sendAsync(
            request,
            info -> info.statusCode() == 200 ? body : HttpResponse.BodySubscribers.replacing(null));
    long timeout = settings.readTimeout().toNanos();
    long poll = Math.max(10, Math.min(1000, settings.readTimeout().toMillis() / 4));
    while (true) {
      try {
        return future.get(poll, TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        if (nanoTime.getAsLong() - body.lastProgressNanos() > timeout) {
          HttpTimeoutException stalled =
              new HttpTimeoutException(
                  "no data from " + uri + " for " + settings.readTimeout().toMillis() + " ms");
          body.abort(stalled);
          future.cancel(true);
          throw stalled;
        }
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof IOException io) {
          throw io;
        }
        throw new IOException(cause);
      } catch (InterruptedException e) {
        future.cancel(true);
        throw e;
      }
    }
  }

  private static String describe(IOException e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof LimitedBody.TooLarge) {
        return cause.getMessage();
      }
    }
    String kind = e.getClass().getSimpleName();
    if (e.getClass() == IOException.class && e.getMessage() != null) {
      return e.getMessage();
    }
    return e.getMessage() == null ? kind : kind + ": " + e.getMessage();
  }
}
