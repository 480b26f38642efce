package org.classgate.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.classgate.filter.Taxonomy;
import org.classgate.filter.Ut1Expansion;
import org.classgate.filter.Ut1Mapping;
import org.classgate.filter.sources.Download;
import org.classgate.filter.sources.ListArchive;
import org.tinylog.TaggedLogger;

/**
 * {@code sources.ut1}: a UT1 collection whose mapped categories feed the school taxonomy's
 * categories, next to any {@code lists.<category>} sources. The collection is a directory (one
 * directory per UT1 category, expanded now), or a {@code .tar.gz} of one on disk or downloaded
 * (UT1's own {@code blacklists.tar.gz}): an archive cannot be listed before it is read, so every
 * mapped UT1 category becomes an optional member, and the ones the archive lacks are reported as
 * absent.
 */
final class Ut1Sources {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("config");
  private static final String KEY = "sources.ut1";

  private Ut1Sources() {}

  static void addTo(
      ConfigReader in, Map<String, List<ListSource>> lists, Map<String, Download> named)
      throws ConfigException {
    String text = in.string(KEY, null);
    if (text == null) {
      return;
    }
    Ut1Mapping mapping = Ut1Mapping.builtIn(Taxonomy.builtIn());
    Download download = ListSource.download(KEY, text, text, named);
    if (download != null || ListArchive.isArchive(text)) {
      if (download != null && !ListArchive.isArchive(download.uri().getPath())) {
        throw new ConfigException(KEY, text, "a UT1 collection: a directory or a .tar.gz");
      }
      if (download == null && !Files.isReadable(Path.of(text))) {
        throw new ConfigException(KEY, text, "a readable UT1 archive (this path cannot be read)");
      }
      ListSource archive =
          download != null
              ? new ListSource(
                  ListSource.Kind.URL, download.uri().toString(), null, download, false)
              : new ListSource(ListSource.Kind.PATH, text);
      for (String category : mapping.taxonomy().names()) {
        for (String ut1 : mapping.ut1For(category)) {
          add(lists, category, archive.member(ut1));
        }
      }
      return;
    }
    Path root;
    try {
      root = Path.of(text);
    } catch (InvalidPathException e) {
      throw new ConfigException(KEY, text, "a UT1 collection directory");
    }
    if (!Files.isDirectory(root)) {
      throw new ConfigException(
          KEY, text, "a readable UT1 collection directory (<dir>/<category>/domains) or .tar.gz");
    }
    Ut1Expansion expansion;
    try {
      expansion = mapping.expand(root);
    } catch (IOException e) {
      throw new ConfigException(KEY, text, "a readable UT1 collection (" + e.getMessage() + ")");
    }
    LOG.info("UT1 collection {}: {}", root, expansion.summary());
    expansion
        .sources()
        .forEach(
            (category, paths) -> {
              for (Path path : paths) {
                add(lists, category, new ListSource(ListSource.Kind.PATH, path.toString()));
              }
            });
  }

  private static void add(Map<String, List<ListSource>> lists, String category, ListSource source) {
    List<ListSource> sources = new ArrayList<>(lists.getOrDefault(category, List.of()));
    sources.add(source);
    lists.put(category, List.copyOf(sources));
  }
}
