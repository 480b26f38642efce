package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.classgate.dns.wire.Name;
import org.classgate.testing.BlocklistData;
import org.junit.jupiter.api.Test;

/** Loads the shared real-world lists; counts come from ../shared/data/blocklists/README.md. */
class RealBlocklistsTest {
  private static final Pattern PLAIN_DOMAIN = Pattern.compile("[a-z0-9_-]+(\\.[a-z0-9_-]+)+");
  private static final Pattern DOTTED_QUAD = Pattern.compile("[0-9]+(\\.[0-9]+){3}");

  private final ListLoader loader = new ListLoader();

  @Test
  void ut1GamblingDirectory() throws Exception {
    Path gambling = BlocklistData.require().resolve("ut1/gambling");
    DomainSet.Builder builder = new DomainSet.Builder();
    ListReport report = loader.load(gambling, 1, builder);
    // README: gambling 32,247 lines, of which 14 are bare IPv4 addresses.
    assertEquals(32_247, report.entries() + report.skippedTotal());
    assertEquals(14, report.skipped(SkipReason.ADDRESS));
    assertEquals(32_233, report.entries());
    assertEquals(report.skipped(SkipReason.ADDRESS), report.skippedTotal());
    DomainSet set = builder.build();
    assertEquals(32_233, set.size(), "UT1 lists hold no repeats");
    everyPlainLineMatches(gambling.resolve("domains"), set, 1);
  }

  @Test
  void pornTop1mPlainFile() throws Exception {
    Path domains = BlocklistData.require().resolve("porn-top1m/domains");
    DomainSet.Builder builder = new DomainSet.Builder();
    ListReport report = loader.load(domains, 2, builder);
    assertEquals(11_868, report.entries(), "README: 11,868 domains");
    assertEquals(0, report.skippedTotal());
    DomainSet set = builder.build();
    assertEquals(11_868, set.size());
    everyPlainLineMatches(domains, set, 2);
    assertEquals(2, set.match(Name.of("WWW.PORNHUB.COM")));
    assertEquals(0, set.match(Name.of("bbc.co.uk")));
  }

  @Test
  void everyUt1CategoryLoadsAndCountsItsAddresses() throws Exception {
    Path ut1 = BlocklistData.require().resolve("ut1");
    List<Path> categories;
    try (Stream<Path> children = Files.list(ut1)) {
      categories = children.filter(Files::isDirectory).sorted().toList();
    }
    DomainSet.Builder builder = new DomainSet.Builder();
    long entries = 0;
    long addresses = 0;
    long nonBlankLines = 0;
    for (int i = 0; i < categories.size(); i++) {
      Path dir = categories.get(i);
      ListReport report = loader.load(dir, 1 << (i % 32), builder);
      entries += report.entries();
      addresses += report.skipped(SkipReason.ADDRESS);
      assertEquals(
          report.skipped(SkipReason.ADDRESS),
          report.skippedTotal(),
          "UT1 dirt is addresses only: " + report);
      try (Stream<String> lines = Files.lines(dir.resolve("domains"))) {
        nonBlankLines += lines.filter(line -> !line.isBlank()).count();
      }
    }
    assertEquals(nonBlankLines, entries + addresses, "every line is an entry or a counted skip");
    // README: "bare IPv4 addresses (about 23,000 of them)".
    assertTrue(addresses > 22_000 && addresses < 24_000, "addresses: " + addresses);
    assertTrue(builder.build().size() > 200_000);

    ListLoadException rootIsNotASource =
        assertThrows(ListLoadException.class, () -> loader.load(ut1, 1, new DomainSet.Builder()));
    assertTrue(rootIsNotASource.getMessage().startsWith("configuration error"));
  }

  /** Independent oracle: each line that is already a plain domain must match, with subdomains. */
  private static void everyPlainLineMatches(Path file, DomainSet set, int mask) throws Exception {
    long checked = 0;
    for (String line : Files.readAllLines(file)) {
      if (PLAIN_DOMAIN.matcher(line).matches() && !DOTTED_QUAD.matcher(line).matches()) {
        assertEquals(mask, set.match(Name.of(line)) & mask, line);
        if (line.length() < 240) {
          assertNotEquals(0, set.match(Name.of("www." + line)), line);
        }
        checked++;
      }
    }
    assertTrue(checked > 10_000, "checked " + checked);
  }
}
