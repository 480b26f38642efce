package org.classgate.app.config;

import java.io.IOException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.classgate.filter.EntryText;

/**
 * Reads {@code profile.<name>.allow} and {@code profile.<name>.deny}: a comma list whose items are
 * domains ({@code example.org}, {@code *.example.org}, {@code .Example.ORG.} and {@code bücher.de}
 * all work and mean the domain and its subdomains), or files of such domains, one or more a line in
 * any block-list format. An item with a {@code /} in it is a file (no domain has one). Entries are
 * normalised exactly like list entries ({@link EntryText}); anything that is not a domain is a
 * configuration error naming the key and the item, because an entry is policy someone wrote on
 * purpose.
 */
final class ProfileEntriesConfig {
  private ProfileEntriesConfig() {}

  /**
   * @param allowEntry true for allow entries, which must name a site (two labels or more): an allow
   *     entry for a whole top-level domain would waive the profile's categories for all of it
   * @return the normalised entries in order, without repeats; empty when the key is absent
   */
  static List<String> read(ConfigReader in, String key, boolean allowEntry) throws ConfigException {
    Set<String> entries = new LinkedHashSet<>();
    for (String item : in.list(key)) {
      if (item.indexOf('/') >= 0) {
        for (String entry : file(key, item)) {
          entries.add(checked(key, item, entry, allowEntry));
        }
      } else {
        String entry;
        try {
          entry = EntryText.domain(item);
        } catch (IllegalArgumentException e) {
          throw new ConfigException(
              key,
              item,
              "a domain such as example.org, or a file of them (" + e.getMessage() + ")");
        }
        entries.add(checked(key, item, entry, allowEntry));
      }
    }
    return new ArrayList<>(entries);
  }

  private static List<String> file(String key, String item) throws ConfigException {
    try {
      return EntryText.domains(Path.of(item));
    } catch (InvalidPathException | IOException e) {
      throw new ConfigException(
          key, item, "a readable file of domains (" + e.getClass().getSimpleName() + ")");
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          key, item, "a file of domains, one or more a line: " + e.getMessage());
    }
  }

  private static String checked(String key, String item, String entry, boolean allowEntry)
      throws ConfigException {
    if (allowEntry && entry.indexOf('.') < 0) {
      throw new ConfigException(
          key,
          item,
          "a site such as example.org: '"
              + entry
              + "' is a whole top-level domain, and allowing it would waive the profile's"
              + " categories for all of it");
    }
    return entry;
  }
}
