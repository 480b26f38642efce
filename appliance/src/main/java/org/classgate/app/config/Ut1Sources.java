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
import org.tinylog.TaggedLogger;

/**
 * {@code sources.ut1}: a UT1 collection (one directory per UT1 category) whose mapped categories
 * feed the school taxonomy's categories, next to any {@code lists.<category>} sources.
 */
final class Ut1Sources {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("config");
  private static final String KEY = "sources.ut1";

  private Ut1Sources() {}

  static void addTo(ConfigReader in, Map<String, List<ListSource>> lists) throws ConfigException {
    String text = in.string(KEY, null);
    if (text == null) {
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
          KEY, text, "a readable UT1 collection directory (<dir>/<category>/domains)");
    }
    Ut1Expansion expansion;
    try {
      expansion = Ut1Mapping.builtIn(Taxonomy.builtIn()).expand(root);
    } catch (IOException e) {
      throw new ConfigException(KEY, text, "a readable UT1 collection (" + e.getMessage() + ")");
    }
    LOG.info("UT1 collection {}: {}", root, expansion.summary());
    expansion
        .sources()
        .forEach(
            (category, paths) -> {
              List<ListSource> sources = new ArrayList<>(lists.getOrDefault(category, List.of()));
              for (Path path : paths) {
                sources.add(new ListSource(ListSource.Kind.PATH, path.toString()));
              }
              lists.put(category, List.copyOf(sources));
            });
  }
}
