package org.classgate.filter;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Which {@link Taxonomy} category each UT1 blacklist category (a directory of a UT1 collection,
 * e.g. {@code gambling/}) feeds. Every UT1 category is named exactly once, as mapped to a category,
 * as a white list (sites that must stay reachable, checked by {@link OverlapReport}), or as
 * deliberately unmapped with the reason, so a directory named nowhere is reported as
 * <em>unknown</em>: a category UT1 added since, to be decided on. The shipped mapping is {@value
 * #RESOURCE} beside this class; its comments give the reason for every non-obvious choice.
 *
 * <p>Immutable and thread-safe.
 */
public final class Ut1Mapping {
  /** The shipped mapping, a resource in this package. */
  public static final String RESOURCE = "ut1-mapping.properties";

  /** The file of a UT1 category directory that lists its domains. */
  public static final String DOMAINS_FILE = "domains";

  private static final Pattern UT1_NAME = Pattern.compile("[a-z0-9][a-z0-9_-]*");

  /** What the mapping does with one UT1 category. */
  public enum Kind {
    /** Its domains feed {@link Entry#category()}. */
    MAPPED,
    /** A white list: never blocked, checked for over-blocking. */
    WHITE,
    /** Deliberately not used, see {@link Entry#reason()}. */
    UNMAPPED
  }

  /**
   * One UT1 category's line.
   *
   * @param ut1 the UT1 directory name
   * @param kind what is done with it
   * @param category the taxonomy category for {@link Kind#MAPPED}, else null
   * @param reason why, for {@link Kind#WHITE} and {@link Kind#UNMAPPED}; null for mapped ones
   */
  public record Entry(String ut1, Kind kind, String category, String reason) {}

  private final Taxonomy taxonomy;
  private final Map<String, Entry> entries;

  private Ut1Mapping(Taxonomy taxonomy, Map<String, Entry> entries) {
    this.taxonomy = taxonomy;
    this.entries = Collections.unmodifiableMap(new TreeMap<>(entries));
  }

  /**
   * The shipped mapping onto {@code taxonomy}.
   *
   * @throws IllegalStateException if the resource is missing or invalid for {@code taxonomy}
   */
  public static Ut1Mapping builtIn(Taxonomy taxonomy) {
    KeyValueText text = KeyValueText.resource(RESOURCE);
    try {
      return from(text, taxonomy);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException("invalid built-in UT1 mapping: " + e.getMessage(), e);
    }
  }

  /**
   * Parses and validates a mapping in the format of {@value #RESOURCE}: {@code map.<ut1> =
   * <category>}, {@code white.<ut1> = <reason>} or {@code unmapped.<ut1> = <reason>}. Does not
   * close {@code text}.
   *
   * @throws IllegalArgumentException on an unknown key prefix, an invalid UT1 name, a UT1 category
   *     named twice, a category not in {@code taxonomy}, or an empty reason; the message names the
   *     source and line
   */
  public static Ut1Mapping parse(String source, Reader text, Taxonomy taxonomy) {
    return from(KeyValueText.read(source, text), taxonomy);
  }

  private static Ut1Mapping from(KeyValueText text, Taxonomy taxonomy) {
    Map<String, Entry> entries = new LinkedHashMap<>();
    text.values()
        .forEach(
            (key, value) -> {
              String where = text.where(key);
              int dot = key.indexOf('.');
              String prefix = dot < 0 ? key : key.substring(0, dot);
              String ut1 = dot < 0 ? "" : key.substring(dot + 1);
              Kind kind =
                  switch (prefix) {
                    case "map" -> Kind.MAPPED;
                    case "white" -> Kind.WHITE;
                    case "unmapped" -> Kind.UNMAPPED;
                    default ->
                        throw new IllegalArgumentException(
                            where
                                + ": unknown key '"
                                + key
                                + "'; expected map.*, white.* or unmapped.*");
                  };
              if (!UT1_NAME.matcher(ut1).matches()) {
                throw new IllegalArgumentException(
                    where + ": '" + ut1 + "' is not a UT1 category name ([a-z0-9][a-z0-9_-]*)");
              }
              Entry previous = entries.get(ut1);
              if (previous != null) {
                throw new IllegalArgumentException(
                    where
                        + ": UT1 category '"
                        + ut1
                        + "' is already "
                        + previous.kind().name().toLowerCase(java.util.Locale.ROOT));
              }
              String target = value.text();
              if (target.isEmpty()) {
                throw new IllegalArgumentException(
                    where
                        + ": "
                        + key
                        + (kind == Kind.MAPPED ? " needs a category" : " needs a reason"));
              }
              if (kind == Kind.MAPPED && taxonomy.find(target).isEmpty()) {
                throw new IllegalArgumentException(
                    where
                        + ": '"
                        + target
                        + "' is not a taxonomy category; they are "
                        + taxonomy.names());
              }
              entries.put(
                  ut1,
                  kind == Kind.MAPPED
                      ? new Entry(ut1, kind, target, null)
                      : new Entry(ut1, kind, null, target));
            });
    return new Ut1Mapping(taxonomy, entries);
  }

  /** The taxonomy this maps onto. */
  public Taxonomy taxonomy() {
    return taxonomy;
  }

  /** Every UT1 category named, sorted by name. */
  public Map<String, Entry> entries() {
    return entries;
  }

  /** The line for {@code ut1}; empty if the mapping does not know it. */
  public Optional<Entry> entry(String ut1) {
    return Optional.ofNullable(entries.get(ut1));
  }

  /** The taxonomy category {@code ut1} feeds; empty if it is white, unmapped or unknown. */
  public Optional<String> categoryOf(String ut1) {
    return entry(ut1).map(Entry::category);
  }

  /**
   * The UT1 categories feeding {@code category}, sorted; empty for a category no UT1 list feeds.
   */
  public List<String> ut1For(String category) {
    return entries.values().stream()
        .filter(e -> category.equals(e.category()))
        .map(Entry::ut1)
        .toList();
  }

  /** The UT1 white lists, sorted. */
  public List<String> whiteLists() {
    return entries.values().stream().filter(e -> e.kind() == Kind.WHITE).map(Entry::ut1).toList();
  }

  /**
   * Expands a UT1 collection (a directory of category directories, e.g. {@code
   * shared/data/blocklists/ut1}) into the {@code <root>/<ut1>/domains} files feeding each taxonomy
   * category, with the white lists found and a report of what was left out and why. Files directly
   * under {@code root} (such as UT1's {@code global_usage}) and directories whose name starts with
   * {@code .} are ignored.
   *
   * @throws IOException if {@code root} is not a readable directory
   */
  public Ut1Expansion expand(Path root) throws IOException {
    if (!Files.isDirectory(root)) {
      throw new IOException("not a UT1 collection directory: " + root);
    }
    List<String> present;
    try (Stream<Path> children = Files.list(root)) {
      present =
          children
              .filter(Files::isDirectory)
              .map(child -> child.getFileName().toString())
              .filter(name -> !name.startsWith("."))
              .sorted()
              .toList();
    }
    Map<String, List<Path>> sources = new LinkedHashMap<>();
    taxonomy.names().forEach(name -> sources.put(name, new ArrayList<>()));
    Map<String, Path> white = new TreeMap<>();
    Map<String, String> unmapped = new TreeMap<>();
    List<String> unknown = new ArrayList<>();
    List<String> withoutDomains = new ArrayList<>();
    for (String name : present) {
      Entry entry = entries.get(name);
      Path domains = root.resolve(name).resolve(DOMAINS_FILE);
      if (entry == null) {
        unknown.add(name);
      } else if (entry.kind() == Kind.UNMAPPED) {
        unmapped.put(name, entry.reason());
      } else if (!Files.isRegularFile(domains)) {
        withoutDomains.add(name);
      } else if (entry.kind() == Kind.WHITE) {
        white.put(name, domains);
      } else {
        sources.get(entry.category()).add(domains);
      }
    }
    sources.values().removeIf(List::isEmpty);
    List<String> absent =
        entries.values().stream()
            .filter(e -> e.kind() == Kind.MAPPED && !present.contains(e.ut1()))
            .map(Entry::ut1)
            .toList();
    return new Ut1Expansion(root, sources, white, unmapped, unknown, withoutDomains, absent);
  }

  @Override
  public String toString() {
    return "Ut1Mapping[" + entries.size() + " UT1 categories onto " + taxonomy + "]";
  }
}
