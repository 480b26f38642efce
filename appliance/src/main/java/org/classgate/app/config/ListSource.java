package org.classgate.app.config;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.classgate.filter.UnsafeSearch;
import org.classgate.filter.sources.Download;
import org.classgate.filter.sources.ListArchive;

/**
 * Where a list's domains come from: a file or UT1-style directory on disk, a list built into the
 * appliance ({@code builtin:demo}, {@code builtin:unsafe-search}), or a download ({@code https://…}
 * or a named {@code download:NAME}); a {@code .tar.gz} on disk or downloaded is read for one
 * category directory, named after {@code #} ({@code /srv/blacklists.tar.gz#gambling}).
 *
 * @param kind what the location is
 * @param location the path, the built-in name, or the URL
 * @param member the category directory picked from an archive; null for a list that is no archive
 * @param download how to fetch a {@link Kind#URL} source; null for the others
 * @param optional true for an archive member that may be absent without a problem (the UT1
 *     categories {@code sources.ut1} expands to: no mirror carries all of them)
 */
public record ListSource(
    Kind kind, String location, String member, Download download, boolean optional) {
  /** The kinds of list source. */
  public enum Kind {
    /**
     * A plain, hosts or Adblock-style file, a directory holding a {@code domains} file, or an
     * archive.
     */
    PATH,
    /** A list shipped inside the appliance jar. */
    BUILT_IN,
    /** A list (or archive) downloaded over HTTP(S) into {@code data.dir/sources}. */
    URL
  }

  /** The built-in lists, by the name used after {@code builtin:}. */
  public static final Set<String> BUILT_INS = java.util.Set.of("demo", UnsafeSearch.CATEGORY);

  /** The built-in list of search engines without an enforceable safe mode. */
  public static final ListSource UNSAFE_SEARCH =
      new ListSource(Kind.BUILT_IN, UnsafeSearch.CATEGORY);

  /** A plain path source (a file or UT1 directory). */
  public ListSource(Kind kind, String location) {
    this(kind, location, null, null, false);
  }

  /** True if the source is an archive, read for its {@link #member()}. */
  public boolean isArchive() {
    return member != null;
  }

  /**
   * A category source. One on disk must be readable now: a category list that cannot be read stops
   * the start with a message naming the key. A download is checked when it is fetched.
   */
  static ListSource parse(String key, String text, Map<String, Download> downloads)
      throws ConfigException {
    ListSource source = parseUnchecked(key, text, downloads);
    if (source.kind == Kind.PATH && !Files.isReadable(source.path())) {
      throw new ConfigException(
          key, text, "a readable file, UT1-style directory or archive (this path cannot be read)");
    }
    return source;
  }

  /**
   * A locked-list source: its readability is checked when it is loaded, because an unreadable
   * locked source falls back to its last good copy instead of stopping the box. Never an archive:
   * the last good copy is kept per list file.
   */
  static ListSource parseLocked(String key, String text, Map<String, Download> downloads)
      throws ConfigException {
    ListSource source = parseUnchecked(key, text, downloads);
    if (source.isArchive()) {
      throw new ConfigException(
          key,
          text,
          "a list file, UT1-style directory or URL of one (a locked list is no archive)");
    }
    return source;
  }

  private static ListSource parseUnchecked(String key, String text, Map<String, Download> downloads)
      throws ConfigException {
    if (text.startsWith("builtin:")) {
      String name = text.substring("builtin:".length());
      if (!BUILT_INS.contains(name)) {
        throw new ConfigException(
            key, text, "a built-in list: builtin:demo or builtin:" + UnsafeSearch.CATEGORY);
      }
      return new ListSource(Kind.BUILT_IN, name);
    }
    String location = text;
    String member = null;
    int hash = text.lastIndexOf('#');
    if (hash >= 0) {
      location = text.substring(0, hash);
      member = text.substring(hash + 1);
    }
    Download download = download(key, text, location, downloads);
    boolean archive = ListArchive.isArchive(download != null ? download.uri().getPath() : location);
    if (member != null && (!archive || !member.matches("[a-z0-9][a-z0-9_-]*"))) {
      throw new ConfigException(
          key,
          text,
          "ARCHIVE#CATEGORY picks a category directory (a-z, 0-9, '_', '-') from a .tar.gz");
    }
    if (member == null && archive) {
      throw new ConfigException(
          key, text, "an archive source names its category directory: " + text + "#gambling");
    }
    if (download != null) {
      return new ListSource(Kind.URL, download.uri().toString(), member, download, false);
    }
    try {
      return new ListSource(Kind.PATH, Path.of(location).toString(), member, null, false);
    } catch (InvalidPathException e) {
      throw new ConfigException(key, text, "a file or UT1-style directory path");
    }
  }

  /** The download {@code location} names (a URL or {@code download:NAME}); null for a path. */
  static Download download(
      String key, String text, String location, Map<String, Download> downloads)
      throws ConfigException {
    if (location.startsWith("download:")) {
      Download named = downloads.get(location.substring("download:".length()));
      if (named == null) {
        throw new ConfigException(
            key, text, "download:NAME of a configured download.NAME.url: " + downloads.keySet());
      }
      return named;
    }
    if (!location.startsWith("http://") && !location.startsWith("https://")) {
      return null;
    }
    try {
      URI uri = new URI(location);
      if (Download.isHttp(uri)) {
        return Download.of(uri);
      }
    } catch (URISyntaxException e) {
      // Reported below.
    }
    throw new ConfigException(key, text, "an http(s) URL with a host");
  }

  /** This source as a member of another archive (for {@code sources.ut1}). */
  ListSource member(String category) {
    return new ListSource(kind, location, category, download, true);
  }

  public Path path() {
    return Path.of(location);
  }

  @Override
  public String toString() {
    String base = kind == Kind.BUILT_IN ? "builtin:" + location : location;
    return member == null ? base : base + "#" + member;
  }
}
