package org.classgate.filter.sources;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Properties;

/**
 * The last good copy of every downloaded list, in one directory ({@code data.dir/sources}): the
 * body ({@code <key>.data}) and what is needed to ask for it again conditionally ({@code
 * <key>.meta}: the URL, {@code ETag}, {@code Last-Modified}, when it was fetched and when last
 * confirmed). The key is a hash of the URL, so no URL text ever becomes a path.
 *
 * <p>Copies are replaced by an atomic rename, so a crash mid-download leaves the previous copy. Not
 * thread-safe: one updater owns the directory.
 */
public final class DownloadCache {
  private final Path directory;

  /** A kept copy. {@code etag} and {@code lastModified} are null when the server sent none. */
  public record CachedCopy(
      Path file, String etag, String lastModified, Instant fetched, Instant checked) {}

  public DownloadCache(Path directory) {
    this.directory = directory;
  }

  public Path directory() {
    return directory;
  }

  /** The copy of {@code uri}, if one was kept. */
  public Optional<CachedCopy> cached(URI uri) {
    Path data = file(uri, ".data");
    Path meta = file(uri, ".meta");
    if (!Files.isRegularFile(data) || !Files.isRegularFile(meta)) {
      return Optional.empty();
    }
    Properties properties = new Properties();
    try (InputStream in = Files.newInputStream(meta)) {
      properties.load(in);
      return Optional.of(
          new CachedCopy(
              data,
              properties.getProperty("etag"),
              properties.getProperty("last-modified"),
              Instant.parse(properties.getProperty("fetched")),
              Instant.parse(properties.getProperty("checked"))));
    } catch (IOException | RuntimeException e) {
      // An unreadable record (a torn write from an old crash): the copy is still good, but is
      // fetched again unconditionally.
      try {
        Instant modified = Files.getLastModifiedTime(data).toInstant();
        return Optional.of(new CachedCopy(data, null, null, modified, modified));
      } catch (IOException gone) {
        return Optional.empty();
      }
    }
  }

  /** A private scratch file to download {@code uri} into, next to where its copy goes. */
  Path partial(URI uri) throws IOException {
    Files.createDirectories(directory);
    return file(uri, ".partial");
  }

  /** Makes the verified {@code partial} the copy of {@code uri}. */
  CachedCopy keep(URI uri, Path partial, String etag, String lastModified, Instant now)
      throws IOException {
    Path data = file(uri, ".data");
    move(partial, data);
    CachedCopy copy = new CachedCopy(data, etag, lastModified, now, now);
    writeMeta(uri, copy);
    return copy;
  }

  /** Records that the server confirmed the copy is current ({@code 304 Not Modified}). */
  CachedCopy confirmed(URI uri, CachedCopy copy, Instant now) throws IOException {
    CachedCopy confirmed =
        new CachedCopy(copy.file(), copy.etag(), copy.lastModified(), copy.fetched(), now);
    writeMeta(uri, confirmed);
    return confirmed;
  }

  private void writeMeta(URI uri, CachedCopy copy) throws IOException {
    Properties properties = new Properties();
    properties.setProperty("url", uri.toString());
    if (copy.etag() != null) {
      properties.setProperty("etag", copy.etag());
    }
    if (copy.lastModified() != null) {
      properties.setProperty("last-modified", copy.lastModified());
    }
    properties.setProperty("fetched", copy.fetched().toString());
    properties.setProperty("checked", copy.checked().toString());
    Path partial = file(uri, ".meta.partial");
    try (OutputStream out = Files.newOutputStream(partial)) {
      properties.store(out, "ClassGate download record");
    }
    move(partial, file(uri, ".meta"));
  }

  private static void move(Path from, Path to) throws IOException {
    try {
      Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  private Path file(URI uri, String suffix) {
    return directory.resolve(key(uri) + suffix);
  }

  /** The first 20 hex digits of the URL's SHA-256: a file name no URL can steer. */
  static String key(URI uri) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256")
              .digest(uri.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 10);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
