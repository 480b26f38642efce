package org.classgate.app.config;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;
import org.classgate.filter.UnsafeSearch;

/**
 * Where a category's domains come from: a file or UT1-style directory on disk, or a list built into
 * the appliance ({@code builtin:demo}, {@code builtin:unsafe-search}).
 */
public record ListSource(Kind kind, String location) {
  /** The kinds of list source. */
  public enum Kind {
    /** A plain or hosts-format file, or a directory holding a {@code domains} file. */
    PATH,
    /** A list shipped inside the appliance jar. */
    BUILT_IN
  }

  /** The built-in lists, by the name used after {@code builtin:}. */
  public static final Set<String> BUILT_INS = java.util.Set.of("demo", UnsafeSearch.CATEGORY);

  /** The built-in list of search engines without an enforceable safe mode. */
  public static final ListSource UNSAFE_SEARCH =
      new ListSource(Kind.BUILT_IN, UnsafeSearch.CATEGORY);

  /**
   * A source that must be readable now: a category list that cannot be read stops the start with a
   * message naming the key.
   */
  static ListSource parse(String key, String text) throws ConfigException {
    ListSource source = parseUnchecked(key, text);
    if (source.kind == Kind.PATH && !Files.isReadable(source.path())) {
      throw new ConfigException(
          key, text, "a readable file or UT1-style directory (this path cannot be read)");
    }
    return source;
  }

  /**
   * A locked-list source: its readability is checked when it is loaded, because an unreadable
   * locked source falls back to its last good copy instead of stopping the box.
   */
  static ListSource parseUnchecked(String key, String text) throws ConfigException {
    if (text.startsWith("builtin:")) {
      String name = text.substring("builtin:".length());
      if (!BUILT_INS.contains(name)) {
        throw new ConfigException(
            key, text, "a built-in list: builtin:demo or builtin:" + UnsafeSearch.CATEGORY);
      }
      return new ListSource(Kind.BUILT_IN, name);
    }
    if (text.startsWith("http://") || text.startsWith("https://")) {
      throw new ConfigException(
          key, text, "a file or UT1-style directory on this box (downloaded lists: not yet)");
    }
    Path path;
    try {
      path = Path.of(text);
    } catch (InvalidPathException e) {
      throw new ConfigException(key, text, "a file or UT1-style directory path");
    }
    return new ListSource(Kind.PATH, path.toString());
  }

  public Path path() {
    return Path.of(location);
  }

  @Override
  public String toString() {
    return kind == Kind.BUILT_IN ? "builtin:" + location : location;
  }
}
