package org.classgate.filter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.IDN;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.WireFormatException;

/**
 * How many domains of each white list (sites that must stay reachable, such as UT1's {@code
 * sexual_education} or {@code child}) a profile would block, per white list and per blocking
 * category, with examples. Over-blocking matters to schools: a blocked sex-education or OS-update
 * site is harm too, just quieter.
 *
 * <p>A white-listed domain counts as blocked when {@link DomainSet#match} for it, ANDed with the
 * profile's mask, is non-zero; that is exactly what the DNS path does for that name (an entry
 * covers its subdomains, so a white-listed {@code www.x.org} is blocked by a listed {@code x.org}).
 * A domain listed by two blocking categories counts once in {@link WhiteListOverlap#blocked()} and
 * once under each category.
 *
 * <p>White lists are read as plain domain lists: blank lines and {@code #} comments skipped, a
 * leading {@code .} or {@code *.} dropped, letters lower-cased, internationalised names converted
 * to punycode; addresses and invalid names are counted in {@link WhiteListOverlap#skipped()}.
 *
 * <p>Immutable and thread-safe once computed.
 */
public final class OverlapReport {
  /**
   * One white list's result.
   *
   * @param whiteList its name, e.g. {@code sexual_education}
   * @param source the file read
   * @param domains valid domains read
   * @param skipped lines that were not a valid domain (addresses, invalid names)
   * @param blocked domains the profile blocks
   * @param blockedByCategory blocking category → domains it blocks, in category bit order, only
   *     categories that block at least one
   * @param examples blocking category → the first few domains it blocks, in file order
   */
  public record WhiteListOverlap(
      String whiteList,
      Path source,
      long domains,
      long skipped,
      long blocked,
      Map<String, Long> blockedByCategory,
      Map<String, List<String>> examples) {
    public WhiteListOverlap {
      blockedByCategory = Collections.unmodifiableMap(new LinkedHashMap<>(blockedByCategory));
      Map<String, List<String>> copied = new LinkedHashMap<>();
      examples.forEach((category, names) -> copied.put(category, List.copyOf(names)));
      examples = Collections.unmodifiableMap(copied);
    }
  }

  private final String profile;
  private final List<WhiteListOverlap> whiteLists;

  private OverlapReport(String profile, List<WhiteListOverlap> whiteLists) {
    this.profile = profile;
    this.whiteLists = List.copyOf(whiteLists);
  }

  /**
   * Checks every domain of every white list against {@code blocked}.
   *
   * @param profile the profile's name, for {@link #format()}
   * @param blocked the loaded block lists, with bits of {@code categories}
   * @param categories names the bits of {@code blocked}
   * @param profileMask the categories the profile blocks
   * @param whiteLists white list name → its domains file, in report order (e.g. {@link
   *     Ut1Expansion#whiteLists()})
   * @param examplesPerCategory how many example domains to keep per white list and category (≥ 0)
   * @throws IOException if a white list cannot be read
   */
  public static OverlapReport compute(
      String profile,
      DomainSet blocked,
      Categories categories,
      int profileMask,
      Map<String, Path> whiteLists,
      int examplesPerCategory)
      throws IOException {
    if (examplesPerCategory < 0) {
      throw new IllegalArgumentException("examplesPerCategory < 0: " + examplesPerCategory);
    }
    List<WhiteListOverlap> results = new ArrayList<>();
    for (Map.Entry<String, Path> white : whiteLists.entrySet()) {
      results.add(
          check(
              white.getKey(),
              white.getValue(),
              blocked,
              categories,
              profileMask,
              examplesPerCategory));
    }
    return new OverlapReport(profile, results);
  }

  private static WhiteListOverlap check(
      String whiteList,
      Path file,
      DomainSet blocked,
      Categories categories,
      int profileMask,
      int examplesPerCategory)
      throws IOException {
    long[] perBit = new long[Integer.SIZE];
    Map<Integer, List<String>> examplesByBit = new LinkedHashMap<>();
    long domains = 0;
    long skipped = 0;
    long blockedCount = 0;
    // InputStreamReader replaces malformed UTF-8 instead of throwing, as ListLoader does.
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String text = line.strip();
        if (text.isEmpty() || text.startsWith("#")) {
          continue;
        }
        String domain = normalisedOrNull(text);
        Name name = domain == null ? null : nameOrNull(domain);
        if (name == null) {
          skipped++;
          continue;
        }
        domains++;
        int mask = blocked.match(name) & profileMask;
        if (mask == 0) {
          continue;
        }
        blockedCount++;
        for (int bits = mask; bits != 0; bits &= bits - 1) {
          int bit = Integer.lowestOneBit(bits);
          perBit[Integer.numberOfTrailingZeros(bit)]++;
          List<String> examples = examplesByBit.computeIfAbsent(bit, b -> new ArrayList<>());
          if (examples.size() < examplesPerCategory) {
            examples.add(domain);
          }
        }
      }
    }
    Map<String, Long> byCategory = new LinkedHashMap<>();
    Map<String, List<String>> examples = new LinkedHashMap<>();
    for (int i = 0; i < categories.size(); i++) {
      if (perBit[i] > 0) {
        String category = categories.name(1 << i);
        byCategory.put(category, perBit[i]);
        examples.put(category, examplesByBit.get(1 << i));
      }
    }
    return new WhiteListOverlap(
        whiteList, file, domains, skipped, blockedCount, byCategory, examples);
  }

  /**
   * The domain of a white-list line as a block list entry would be normalised (lower case,
   * punycode, no leading {@code .} or {@code *.}, no trailing dot), or null if it is an address or
   * not a name.
   */
  static String normalisedOrNull(String text) {
    String name = text;
    if (name.startsWith("*.")) {
      name = name.substring(2);
    } else if (name.startsWith(".")) {
      name = name.substring(1);
    }
    if (name.endsWith(".")) {
      name = name.substring(0, name.length() - 1);
    }
    if (name.isEmpty() || name.indexOf(' ') >= 0 || name.indexOf('\t') >= 0) {
      return null;
    }
    try {
      name = IDN.toASCII(name, IDN.ALLOW_UNASSIGNED).toLowerCase(Locale.ROOT);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (name.isEmpty() || name.indexOf('\\') >= 0 || isAddress(name)) {
      return null;
    }
    return name;
  }

  private static Name nameOrNull(String domain) {
    try {
      Name parsed = Name.of(domain);
      return parsed.labelCount() == 0 ? null : parsed;
    } catch (WireFormatException e) {
      return null;
    }
  }

  /** An IPv4 dotted quad or anything with a colon (IPv6): not a name, never matched by DNS. */
  private static boolean isAddress(String name) {
    return name.indexOf(':') >= 0 || name.matches("[0-9]+(\\.[0-9]+){3}");
  }

  /** The profile's name. */
  public String profile() {
    return profile;
  }

  /** One result per white list, in the order given. */
  public List<WhiteListOverlap> whiteLists() {
    return whiteLists;
  }

  /** Valid domains over every white list. */
  public long totalDomains() {
    return whiteLists.stream().mapToLong(WhiteListOverlap::domains).sum();
  }

  /** Blocked white-listed domains over every white list. */
  public long totalBlocked() {
    return whiteLists.stream().mapToLong(WhiteListOverlap::blocked).sum();
  }

  /** Blocking category → blocked white-listed domains over every white list. */
  public Map<String, Long> blockedByCategory() {
    Map<String, Long> totals = new LinkedHashMap<>();
    for (WhiteListOverlap white : whiteLists) {
      white
          .blockedByCategory()
          .forEach((category, count) -> totals.merge(category, count, Long::sum));
    }
    return Collections.unmodifiableMap(totals);
  }

  /**
   * The report as text for a log or a CLI, e.g. {@code sexual_education: 2 of 15 blocked for pupil}
   * followed by one indented line per blocking category with its examples.
   */
  public String format() {
    StringBuilder text = new StringBuilder();
    text.append("White-list overlap for profile ").append(profile).append(": ");
    text.append(totalBlocked()).append(" of ").append(totalDomains()).append(" blocked\n");
    for (WhiteListOverlap white : whiteLists) {
      text.append("  ").append(white.whiteList()).append(": ").append(white.blocked());
      text.append(" of ").append(white.domains()).append(" blocked");
      if (white.skipped() > 0) {
        text.append(" (").append(white.skipped()).append(" lines not a domain)");
      }
      text.append('\n');
      white
          .blockedByCategory()
          .forEach(
              (category, count) ->
                  text.append("    ")
                      .append(category)
                      .append(' ')
                      .append(count)
                      .append(": ")
                      .append(String.join(", ", white.examples().get(category)))
                      .append(count > white.examples().get(category).size() ? ", …" : "")
                      .append('\n'));
    }
    return text.toString();
  }

  @Override
  public String toString() {
    return "OverlapReport[" + profile + ": " + totalBlocked() + " of " + totalDomains() + "]";
  }
}
