package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import org.classgate.dns.wire.Name;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListLoaderTest {
  private static final int CATEGORY = 1 << 5;

  private final ListLoader loader = new ListLoader();
  private final DomainSet.Builder builder = new DomainSet.Builder();

  private static Path fixture(String name) throws Exception {
    return Path.of(ListLoaderTest.class.getResource("lists/" + name).toURI());
  }

  private static void assertSkips(ListReport report, Map<SkipReason, Long> expected) {
    for (SkipReason reason : SkipReason.values()) {
      assertEquals(
          expected.getOrDefault(reason, 0L), report.skipped(reason), reason + " in " + report);
    }
  }

  private static void assertBlocked(DomainSet set, String... names) throws Exception {
    for (String name : names) {
      assertEquals(CATEGORY, set.match(Name.of(name)), name);
    }
  }

  @Test
  void adblockListBlocksItsDomainsAndExceptsItsExceptions(@TempDir Path dir) throws Exception {
    Path list = dir.resolve("adblock.txt");
    Files.writeString(
        list,
        String.join(
            "\n",
            "[Adblock Plus 2.0]",
            "! Title: test list",
            "||casino.example^",
            "||tracker.example^$important",
            "@@||good.casino.example^",
            "||third.example^$third-party",
            "||path.example/ads",
            "news.example##.banner",
            "plain.example",
            "0.0.0.0 hosts.example",
            ""));
    DomainSet.Builder exceptions = new DomainSet.Builder();
    ListReport report = loader.load(list, CATEGORY, builder, exceptions);
    assertEquals(4, report.entries());
    assertEquals(1, report.exceptions());
    assertSkips(report, Map.of(SkipReason.ADBLOCK_OPTION, 1L, SkipReason.ADBLOCK_PATTERN, 2L));
    DomainSet set = builder.build().withExceptions(exceptions.build());
    assertBlocked(set, "www.casino.example", "tracker.example", "plain.example", "hosts.example");
    assertEquals(0, set.match(Name.of("good.casino.example")));
    assertEquals(0, set.match(Name.of("cdn.good.casino.example")));
    assertEquals(0, set.match(Name.of("third.example")));
    assertEquals(0, set.match(Name.of("path.example")));
    assertEquals(0, set.match(Name.of("news.example")));
    assertTrue(report.summary().contains("1 exceptions"), report.summary());
  }

  @Test
  void exceptionsInAListWithoutExceptionsAreCountedAndIgnored(@TempDir Path dir) throws Exception {
    Path list = dir.resolve("locked.txt");
    Files.writeString(list, "||locked.example^\n@@||locked.example^\n");
    ListReport report = loader.load(list, CATEGORY, builder);
    assertEquals(1, report.entries());
    assertSkips(report, Map.of(SkipReason.EXCEPTION_IGNORED, 1L));
    assertBlocked(builder.build(), "locked.example");
  }

  @Test
  void plainListIsNormalised() throws Exception {
    ListReport report = loader.load(fixture("plain.txt"), CATEGORY, builder);
    assertEquals(8, report.entries());
    assertSkips(report, Map.of(SkipReason.ADDRESS, 2L, SkipReason.MALFORMED_LINE, 1L));
    DomainSet set = builder.build();
    assertEquals(8, set.size());
    assertBlocked(
        set,
        "example.com",
        "www.upper.example.org",
        "trailing-dot.example.net",
        "sub.leading-dot.example",
        "wildcard.example",
        "under_score.example.com",
        "xn--bcher-kva.example",
        "indented.example");
    assertEquals(0, set.match(Name.of("extra-field")));
  }

  @Test
  void hostsFileSkipsItsBoilerplate() throws Exception {
    ListReport report = loader.load(fixture("hosts.txt"), CATEGORY, builder);
    assertEquals(4, report.entries());
    assertSkips(
        report,
        Map.of(SkipReason.LOCALHOST, 9L, SkipReason.ADDRESS, 1L, SkipReason.INVALID_NAME, 1L));
    DomainSet set = builder.build();
    assertBlocked(set, "ads.example", "tracker.example", "tab.example", "v6host.example");
    assertEquals(0, set.match(Name.of("localhost")));
    assertEquals(0, set.match(Name.of("printer.local")));
  }

  @Test
  void hostileLinesAreCountedNotFatal() throws Exception {
    ListReport report = loader.load(fixture("hostile.txt"), CATEGORY, builder);
    assertEquals(9, report.entries());
    assertSkips(
        report,
        Map.of(
            SkipReason.TOO_LONG_LINE, 2L,
            SkipReason.INVALID_NAME, 15L,
            SkipReason.ADDRESS, 2L));
    DomainSet set = builder.build();
    assertBlocked(
        set,
        "bom-first.example",
        "d".repeat(63) + ".example",
        String.join(".", "e".repeat(63), "e".repeat(63), "e".repeat(63), "f".repeat(61)),
        "xn--bcher-kva.example",
        "crlf.example",
        "cr-only.example",
        "hyphen-.example",
        "full.example",
        "no-newline.example");
    assertEquals(0, set.match(Name.of("example")), "nothing invalid blocked a parent");
    assertEquals(0, set.match(Name.of("char.example")));
  }

  @Test
  void ut1DirectoryReadsItsDomainsFile() throws Exception {
    Path dir = fixture("ut1-sample/gambling");
    ListReport report = loader.load(dir, CATEGORY, builder);
    assertEquals(dir.resolve("domains").toString(), report.source());
    assertEquals(4, report.entries());
    assertSkips(report, Map.of(SkipReason.ADDRESS, 1L));
    assertEquals(Files.getLastModifiedTime(dir.resolve("domains")).toInstant(), report.modified());
    DomainSet set = builder.build();
    assertEquals(3, set.size());
    assertBlocked(set, "bet.example", "www.casino.example", "poker.example");
    assertEquals(0, set.match(Name.of("bet.example.org")), "urls file is not read");
  }

  @Test
  void directoryOfCategoriesIsAConfigurationError() throws Exception {
    Path root = fixture("ut1-sample");
    ListLoadException e =
        assertThrows(ListLoadException.class, () -> loader.load(root, CATEGORY, builder));
    assertTrue(e.getMessage().startsWith("configuration error: "), e.getMessage());
    assertTrue(e.getMessage().contains(root + " has no 'domains' file"), e.getMessage());
    assertTrue(e.getMessage().contains("category subdirectories (gambling)"), e.getMessage());
    assertTrue(e.getMessage().endsWith("use e.g. " + root.resolve("gambling")), e.getMessage());
  }

  @Test
  void directoryWithoutDomainsIsAConfigurationError(@TempDir Path dir) {
    ListLoadException e =
        assertThrows(ListLoadException.class, () -> loader.load(dir, CATEGORY, builder));
    assertEquals(
        "configuration error: block list directory "
            + dir
            + " has no 'domains' file; a directory source must be a UT1 category (<dir>/domains)",
        e.getMessage());
  }

  @Test
  void unreadableSourcesNameThePathAndCause(@TempDir Path dir) throws Exception {
    Path missing = dir.resolve("missing.txt");
    ListLoadException e =
        assertThrows(ListLoadException.class, () -> loader.load(missing, CATEGORY, builder));
    assertEquals(
        "cannot read block list " + missing + ": NoSuchFileException (" + missing + ")",
        e.getMessage());
    // A "domains" that is a directory cannot be read as a file, even by root.
    Files.createDirectories(dir.resolve("weird/domains"));
    ListLoadException notAFile =
        assertThrows(
            ListLoadException.class, () -> loader.load(dir.resolve("weird"), CATEGORY, builder));
    assertTrue(
        notAFile.getMessage().startsWith("cannot read block list " + dir.resolve("weird/domains")),
        notAFile.getMessage());
  }

  @Test
  void emptyListIsAWarningNotAnError(@TempDir Path dir) throws Exception {
    Path empty = Files.writeString(dir.resolve("empty.txt"), "# nothing here\n\n127.0.0.1\n");
    Instant modified = Instant.parse("2024-03-01T10:15:30Z");
    Files.setLastModifiedTime(empty, FileTime.from(modified));
    ListReport report = loader.load(empty, CATEGORY, builder);
    assertEquals(0, report.entries());
    assertEquals(1, report.skippedTotal());
    assertEquals(modified, report.modified());
    assertEquals(empty.toString(), report.source());
  }

  @Test
  void demoListLoadsFromTheClasspath() throws Exception {
    ListReport report = loader.loadResource(ListLoader.DEMO_RESOURCE, CATEGORY, builder);
    assertEquals("classpath:org/classgate/filter/demo-blocklist.txt", report.source());
    assertEquals(31, report.entries());
    assertEquals(0, report.skippedTotal());
    assertNull(report.modified());
    DomainSet set = builder.build();
    assertBlocked(
        set,
        "demo-blocked.classgate.test",
        "www.casino.demo-blocked.classgate.test",
        "x.gambling.demo-blocked.classgate.test",
        "blocked-c.classgate.test");
    assertEquals(0, set.match(Name.of("classgate.test")));
    assertEquals(0, set.match(Name.of("allowed.test")));
  }

  @Test
  void missingResourceIsALoadError() {
    ListLoadException e =
        assertThrows(
            ListLoadException.class, () -> loader.loadResource("no-such.txt", CATEGORY, builder));
    assertEquals(
        "no built-in block list classpath:org/classgate/filter/no-such.txt", e.getMessage());
  }
}
