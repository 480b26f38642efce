package org.classgate.filter;

import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A UT1 collection directory expanded by {@link Ut1Mapping#expand}. Immutable: every collection is
 * copied unmodifiable.
 *
 * @param root the collection directory
 * @param sources taxonomy category → its {@code <root>/<ut1>/domains} files (sorted by UT1 name),
 *     in taxonomy order; categories with no file are left out
 * @param whiteLists UT1 white list name → its {@code domains} file, sorted by name
 * @param unmapped UT1 directories present but deliberately not used → the reason, sorted by name
 * @param unknown directories the mapping does not name (a new UT1 category to decide on), sorted
 * @param withoutDomains mapped or white directories present without a {@code domains} file, sorted
 * @param absent mapped UT1 categories with no directory under {@code root}, sorted
 */
public record Ut1Expansion(
    Path root,
    Map<String, List<Path>> sources,
    Map<String, Path> whiteLists,
    Map<String, String> unmapped,
    List<String> unknown,
    List<String> withoutDomains,
    List<String> absent) {
  public Ut1Expansion {
    Map<String, List<Path>> copied = new LinkedHashMap<>();
    sources.forEach((category, files) -> copied.put(category, List.copyOf(files)));
    sources = Collections.unmodifiableMap(copied);
    whiteLists = Collections.unmodifiableMap(new TreeMap<>(whiteLists));
    unmapped = Collections.unmodifiableMap(new TreeMap<>(unmapped));
    unknown = List.copyOf(unknown);
    withoutDomains = List.copyOf(withoutDomains);
    absent = List.copyOf(absent);
  }

  /** The {@code domains} files feeding {@code category}; empty if none. */
  public List<Path> sourcesOf(String category) {
    return sources.getOrDefault(category, List.of());
  }

  /**
   * A human-readable account for the log or a CLI: one line per category with its sources, then the
   * white lists, unmapped directories with reasons, unknown, without-domains and absent ones.
   */
  public String summary() {
    StringBuilder text = new StringBuilder("UT1 collection ").append(root).append('\n');
    sources.forEach(
        (category, files) -> {
          text.append("  ").append(category).append(" <- ");
          text.append(String.join(", ", files.stream().map(Ut1Expansion::ut1Name).toList()));
          text.append('\n');
        });
    text.append("  white lists: ").append(String.join(", ", whiteLists.keySet())).append('\n');
    unmapped.forEach(
        (name, reason) ->
            text.append("  unmapped ").append(name).append(": ").append(reason).append('\n'));
    text.append("  unknown: ").append(unknown.isEmpty() ? "none" : String.join(", ", unknown));
    text.append('\n');
    if (!withoutDomains.isEmpty()) {
      text.append("  without a domains file: ").append(String.join(", ", withoutDomains));
      text.append('\n');
    }
    text.append("  mapped but absent: ")
        .append(absent.isEmpty() ? "none" : String.join(", ", absent));
    return text.append('\n').toString();
  }

  private static String ut1Name(Path domainsFile) {
    return domainsFile.getParent().getFileName().toString();
  }
}
