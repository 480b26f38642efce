package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.classgate.testing.BlocklistData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Ut1MappingTest {
  private final Taxonomy taxonomy = Taxonomy.builtIn();
  private final Ut1Mapping mapping = Ut1Mapping.builtIn(taxonomy);

  @Test
  void decisionsTheBriefAsksFor() {
    assertEquals(Optional.of("pornography"), mapping.categoryOf("adult"));
    assertEquals(List.of("adult", "lingerie", "mixed_adult"), mapping.ut1For("pornography"));
    assertEquals(Optional.of("discrimination-and-hate"), mapping.categoryOf("agressif"));
    assertEquals(
        List.of("doh", "dynamic-dns", "redirector", "residential-proxies", "vpn"),
        mapping.ut1For("circumvention"));
    assertEquals(
        List.of("cryptojacking", "ddos", "dialer", "hacking", "malware", "phishing", "stalkerware"),
        mapping.ut1For("malware-and-hacking"));
    assertEquals(Ut1Mapping.Kind.UNMAPPED, mapping.entry("sect").orElseThrow().kind());
    assertEquals(Ut1Mapping.Kind.UNMAPPED, mapping.entry("shortener").orElseThrow().kind());
    assertTrue(
        mapping
            .whiteLists()
            .containsAll(List.of("sexual_education", "liste_bu", "update", "child")));
    assertEquals(List.of(), mapping.ut1For("self-harm"), "UT1 has no self-harm list");
    assertEquals(List.of(), mapping.ut1For("illegal-content"), "illegal content is a locked list");
    assertTrue(mapping.entry("brand-new").isEmpty());
  }

  @Test
  void everyMappedTargetIsInTheTaxonomyAndEveryReasonSaysSomething() {
    for (Ut1Mapping.Entry entry : mapping.entries().values()) {
      if (entry.kind() == Ut1Mapping.Kind.MAPPED) {
        assertTrue(taxonomy.find(entry.category()).isPresent(), entry.toString());
      } else {
        assertTrue(entry.reason().length() >= 10, entry.toString());
      }
    }
  }

  @Test
  void namesEveryCategoryOfUt1sGlobalUsage() throws IOException {
    Path globalUsage = BlocklistData.require().resolve("ut1/global_usage");
    Set<String> named;
    try (Stream<String> lines = Files.lines(globalUsage)) {
      named =
          lines
              .filter(line -> line.startsWith("NAME:"))
              .map(line -> line.substring("NAME:".length()).strip())
              .collect(Collectors.toCollection(TreeSet::new));
    }
    assertEquals(66, named.size());
    assertEquals(named, mapping.entries().keySet());
  }

  @Test
  void expandsTheRealCollectionWithNothingUnknown() throws IOException {
    Path ut1 = BlocklistData.require().resolve("ut1");
    Ut1Expansion expansion = mapping.expand(ut1);
    assertEquals(List.of(), expansion.unknown());
    assertEquals(List.of(), expansion.withoutDomains());
    // The shared copy leaves out the three largest lists (see its README) and has only 33 of
    // UT1's categories.
    assertEquals(
        List.of("adult", "arjel", "dialer", "malware", "phishing", "radio", "shopping"),
        expansion.absent());
    assertEquals(
        List.of(ut1.resolve("lingerie/domains"), ut1.resolve("mixed_adult/domains")),
        expansion.sourcesOf("pornography"));
    assertEquals(
        Set.of("child", "liste_bu", "sexual_education", "update"), expansion.whiteLists().keySet());
    assertEquals(
        Set.of("forums", "remote-control", "sect", "shortener", "webmail"),
        expansion.unmapped().keySet());
    int files = expansion.sources().values().stream().mapToInt(List::size).sum();
    assertEquals(33 - 4 - 5, files, "33 directories: 4 white lists, 5 unmapped");
    assertTrue(expansion.summary().contains("unmapped sect: French cult-watch list"));
  }

  @Test
  void reportsUnknownAndIncompleteDirectories(@TempDir Path root) throws IOException {
    write(root.resolve("gambling/domains"), "bet.example\n");
    write(root.resolve("vpn/domains"), "vpn.example\n");
    write(root.resolve("doh/urls"), "only/urls\n");
    write(root.resolve("child/domains"), "kids.example\n");
    write(root.resolve("webmail/domains"), "mail.example\n");
    write(root.resolve("crypto-gifts/domains"), "new.example\n");
    write(root.resolve(".git/domains"), "ignored\n");
    write(root.resolve("global_usage"), "NAME: gambling\n");
    Ut1Expansion expansion = mapping.expand(root);
    assertEquals(
        Map.of(
            "gambling", List.of(root.resolve("gambling/domains")),
            "circumvention", List.of(root.resolve("vpn/domains"))),
        expansion.sources());
    assertEquals(List.of("gambling", "circumvention"), List.copyOf(expansion.sources().keySet()));
    assertEquals(Map.of("child", root.resolve("child/domains")), expansion.whiteLists());
    assertEquals(Set.of("webmail"), expansion.unmapped().keySet());
    assertEquals(List.of("crypto-gifts"), expansion.unknown());
    assertEquals(List.of("doh"), expansion.withoutDomains());
    assertThrows(IOException.class, () -> mapping.expand(root.resolve("global_usage")));
  }

  @Test
  void rejectsInvalidMappings() {
    assertRejected("map.adult = porn\n", "'porn' is not a taxonomy category");
    assertRejected("map.adult = pornography\nunmapped.adult = no\n", "test:2", "already mapped");
    assertRejected("block.adult = pornography\n", "unknown key");
    assertRejected("map.Adult = pornography\n", "not a UT1 category name");
    assertRejected("white.child =\n", "needs a reason");
    assertRejected("map.adult = pornography\nmap.adult = gambling\n", "repeated");
  }

  private void assertRejected(String text, String... fragments) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Ut1Mapping.parse("test", new StringReader(text), taxonomy));
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), e.getMessage() + " lacks " + fragment);
    }
  }

  private static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
