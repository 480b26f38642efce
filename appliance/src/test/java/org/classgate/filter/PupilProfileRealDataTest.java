package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.classgate.dns.wire.Name;
import org.classgate.testing.BlocklistData;
import org.junit.jupiter.api.Test;

/**
 * The shipped taxonomy and UT1 mapping on the real UT1 collection (../shared/data/blocklists):
 * every mapped category loads and blocks what it lists, and the default pupil profile's overlap
 * with UT1's white lists is counted and checked against a naive independent oracle (a HashMap of
 * names and a suffix walk over strings).
 */
class PupilProfileRealDataTest {
  private static final int SAMPLE_EVERY = 50;

  private final Taxonomy taxonomy = Taxonomy.builtIn();
  private final Categories categories = taxonomy.categories();
  private final int pupilMask = taxonomy.defaultMask(Taxonomy.PUPIL);

  @Test
  void mappedCategoriesBlockForPupilsAndWhiteListOverlapIsCounted() throws Exception {
    Path data = BlocklistData.require();
    Ut1Expansion expansion = Ut1Mapping.builtIn(taxonomy).expand(data.resolve("ut1"));
    System.out.print(expansion.summary());

    DomainSet.Builder builder = new DomainSet.Builder();
    Map<String, Integer> oracle = new HashMap<>();
    ListLoader loader = new ListLoader();
    for (Map.Entry<String, List<Path>> source : expansion.sources().entrySet()) {
      int bit = categories.bit(source.getKey());
      for (Path file : source.getValue()) {
        ListReport report = loader.load(file, bit, builder);
        assertTrue(report.entries() > 0, file.toString());
        for (String domain : domains(file)) {
          oracle.merge(domain, bit, (a, b) -> a | b);
        }
      }
    }
    DomainSet set = builder.build();
    assertEquals(oracle.size(), set.size(), "loader and oracle read the same names");

    int sampled = 0;
    for (Map.Entry<String, List<Path>> source : expansion.sources().entrySet()) {
      int bit = categories.bit(source.getKey());
      boolean pupilBlocked = (bit & pupilMask) != 0;
      for (Path file : source.getValue()) {
        List<String> domains = domains(file);
        for (int i = 0; i < domains.size(); i += SAMPLE_EVERY) {
          String domain = domains.get(i);
          for (String name : List.of(domain, "www." + domain)) {
            if (name.length() > 253) {
              continue;
            }
            int match = set.match(Name.of(name));
            assertNotEquals(0, match & bit, name + " in " + file);
            if (pupilBlocked) {
              assertNotEquals(0, match & pupilMask, name + " for pupils");
            }
          }
          sampled++;
        }
      }
    }
    assertTrue(sampled > 4_000, "sampled " + sampled);

    OverlapReport ut1Only = checkedOverlap(set, oracle, expansion.whiteLists());
    System.out.println("UT1 lists only (adult/, malware/, phishing/ absent in this copy):");
    System.out.print(ut1Only.format());
    assertEquals(4, ut1Only.whiteLists().size());

    // The shared copy has no adult/ list; porn-top1m stands in for it, as the README says.
    Path porn = data.resolve("porn-top1m/domains");
    int pornBit = categories.bit("pornography");
    loader.load(porn, pornBit, builder);
    for (String domain : domains(porn)) {
      oracle.merge(domain, pornBit, (a, b) -> a | b);
    }
    OverlapReport withPorn = checkedOverlap(builder.build(), oracle, expansion.whiteLists());
    System.out.println("UT1 lists plus porn-top1m as pornography:");
    System.out.print(withPorn.format());
    assertTrue(withPorn.totalBlocked() >= ut1Only.totalBlocked());
  }

  /** Computes the report and checks every count and example against the string oracle. */
  private OverlapReport checkedOverlap(
      DomainSet set, Map<String, Integer> oracle, Map<String, Path> whiteLists) throws IOException {
    OverlapReport report =
        OverlapReport.compute(Taxonomy.PUPIL, set, categories, pupilMask, whiteLists, 5);
    for (OverlapReport.WhiteListOverlap white : report.whiteLists()) {
      List<String> domains = domains(white.source());
      long blocked = 0;
      Map<String, Long> byCategory = new LinkedHashMap<>();
      for (String domain : domains) {
        int mask = suffixMask(oracle, domain) & pupilMask;
        if (mask != 0) {
          blocked++;
          for (String category : categories.names(mask)) {
            byCategory.merge(category, 1L, Long::sum);
          }
        }
      }
      assertEquals(domains.size(), white.domains(), white.whiteList());
      assertEquals(blocked, white.blocked(), white.whiteList());
      assertEquals(byCategory, white.blockedByCategory(), white.whiteList());
      white
          .examples()
          .forEach(
              (category, examples) -> {
                for (String example : examples) {
                  assertNotEquals(
                      0, suffixMask(oracle, example) & categories.bit(category), example);
                }
              });
    }
    return report;
  }

  private static int suffixMask(Map<String, Integer> oracle, String domain) {
    int mask = 0;
    for (String suffix = domain; ; ) {
      mask |= oracle.getOrDefault(suffix, 0);
      int dot = suffix.indexOf('.');
      if (dot < 0) {
        return mask;
      }
      suffix = suffix.substring(dot + 1);
    }
  }

  /** The names of a list file, normalised; addresses and invalid lines left out. */
  private static List<String> domains(Path file) throws IOException {
    try (var lines = Files.lines(file)) {
      return lines
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .map(OverlapReport::normalisedOrNull)
          .filter(name -> name != null)
          .toList();
    }
  }
}
