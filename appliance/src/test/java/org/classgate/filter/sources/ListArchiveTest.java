package org.classgate.filter.sources;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.classgate.dns.wire.Name;
import org.classgate.filter.DomainSet;
import org.classgate.filter.ListLoadException;
import org.classgate.filter.ListLoader;
import org.classgate.filter.ListReport;
import org.classgate.testing.BlocklistData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ListArchiveTest {
  @TempDir Path dir;

  private final ListLoader loader = new ListLoader();

  private static boolean hasTar() {
    for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (Files.isExecutable(Path.of(entry, "tar"))) {
        return true;
      }
    }
    return false;
  }

  /** Runs GNU tar (the real tool, as UT1 builds its archive) in {@code cwd}. */
  private static void tar(Path cwd, String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of("tar"));
    command.addAll(Arrays.asList(args));
    Process process = new ProcessBuilder(command).directory(cwd.toFile()).inheritIO().start();
    assertTrue(process.waitFor(60, TimeUnit.SECONDS), "tar finished");
    assertEquals(0, process.exitValue(), "tar " + Arrays.toString(args));
  }

  @Test
  void realUt1ArchiveLoadsTheWantedCategoriesInOnePassLikeTheDirectories() throws Exception {
    assumeTrue(hasTar(), "needs tar");
    Path ut1 = BlocklistData.require().resolve("ut1");
    Path archive = dir.resolve("blacklists.tar.gz");
    tar(ut1.getParent(), "-czf", archive.toString(), "ut1/gambling", "ut1/vpn", "ut1/dating");

    DomainSet.Builder fromArchive = new DomainSet.Builder();
    Map<String, ListReport> reports =
        ListArchive.load(
            archive,
            "blacklists.tar.gz",
            Map.of("gambling", 1, "vpn", 2, "no-such-category", 4),
            loader,
            fromArchive,
            new DomainSet.Builder());
    DomainSet.Builder fromDirectories = new DomainSet.Builder();
    ListReport gambling = loader.load(ut1.resolve("gambling"), 1, fromDirectories);
    ListReport vpn = loader.load(ut1.resolve("vpn"), 2, fromDirectories);

    assertEquals(List.of("gambling", "vpn"), reports.keySet().stream().sorted().toList());
    assertEquals(gambling.entries(), reports.get("gambling").entries());
    assertEquals(gambling.skipped(), reports.get("gambling").skipped());
    assertEquals(vpn.entries(), reports.get("vpn").entries());
    assertEquals("blacklists.tar.gz#gambling", reports.get("gambling").source());
    DomainSet a = fromArchive.build();
    DomainSet b = fromDirectories.build();
    assertEquals(b.size(), a.size());
    for (String line : Files.readAllLines(ut1.resolve("gambling/domains")).subList(0, 500)) {
      String domain = line.strip();
      if (!domain.isEmpty() && !domain.matches("[0-9.]+")) {
        Name name = Name.of("www." + domain.replaceFirst("^\\.", ""));
        assertEquals(b.match(name), a.match(name), domain);
        assertTrue((a.match(name) & 1) != 0, domain);
      }
    }
  }

  @Test
  void gnuLongNamesAndPaxPathsAreFollowed() throws Exception {
    assumeTrue(hasTar(), "needs tar");
    Path deep = dir.resolve("src").resolve("d".repeat(90)).resolve("e".repeat(90));
    Files.createDirectories(deep.resolve("games"));
    Files.writeString(deep.resolve("games/domains"), "games.example\n.other-game.example\n");
    for (String format : List.of("gnu", "posix")) {
      Path archive = dir.resolve(format + ".tar.gz");
      tar(dir.resolve("src"), "--format=" + format, "-czf", archive.toString(), ".");
      DomainSet.Builder into = new DomainSet.Builder();
      Map<String, ListReport> reports =
          ListArchive.load(archive, format, Map.of("games", 8), loader, into, null);
      assertEquals(2, reports.get("games").entries(), format);
      assertEquals(8, into.build().match(Name.of("www.other-game.example")), format);
    }
  }

  @Test
  void pathTraversalIsRefused() throws Exception {
    for (String path :
        List.of("../gambling/domains", "a/../../gambling/domains", "/gambling/domains")) {
      Path archive =
          new TarFixture().file(path, "casino.example\n").writeTarGz(dir.resolve("evil.tar.gz"));
      ListLoadException e =
          assertThrows(
              ListLoadException.class,
              () ->
                  ListArchive.load(
                      archive,
                      "evil",
                      Map.of("gambling", 1),
                      loader,
                      new DomainSet.Builder(),
                      null));
      assertTrue(e.getMessage().contains("refused"), e.getMessage());
      assertTrue(e.getMessage().contains(path), e.getMessage());
    }
  }

  @Test
  void truncatedCorruptAndNonGzipArchivesFailWithAReason() throws Exception {
    byte[] good =
        new TarFixture().file("lists/gambling/domains", "casino.example\n".repeat(20_000)).tarGz();
    Path truncated = dir.resolve("truncated.tar.gz");
    Files.write(truncated, Arrays.copyOf(good, good.length / 2));
    assertFails(truncated, "truncated");

    byte[] corrupt = good.clone();
    for (int i = 40; i < 80; i++) {
      corrupt[i] ^= 0x5A;
    }
    Path corrupted = dir.resolve("corrupt.tar.gz");
    Files.write(corrupted, corrupt);
    assertFails(corrupted, "corrupt");

    Path text = dir.resolve("text.tar.gz");
    Files.writeString(text, "casino.example\n");
    assertFails(text, "not gzip");

    Path missing = dir.resolve("missing.tar.gz");
    assertFails(missing, "cannot read");
  }

  private void assertFails(Path archive, String expected) {
    ListLoadException e =
        assertThrows(
            ListLoadException.class,
            () ->
                ListArchive.load(
                    archive,
                    archive.getFileName().toString().replace(".tar.gz", ""),
                    Map.of("gambling", 1),
                    loader,
                    new DomainSet.Builder(),
                    null));
    assertTrue(e.getMessage().contains(expected), e.getMessage());
  }

  @Test
  void tarReaderRefusesOversizedEntriesBadChecksumsAndLyingSizes() throws Exception {
    byte[] big = new TarFixture().file("a/gambling/domains", "x.example\n".repeat(100)).tar();
    TarReader capped = new TarReader(new ByteArrayInputStream(big), 999, Long.MAX_VALUE);
    IOException tooBig = assertThrows(IOException.class, capped::next);
    assertTrue(tooBig.getMessage().contains("over the limit of 999"), tooBig.getMessage());

    TarReader total = new TarReader(new ByteArrayInputStream(big), 1 << 20, 1024);
    TarReader.Entry entry = total.next();
    IOException bomb = assertThrows(IOException.class, () -> total.content().readAllBytes());
    assertTrue(bomb.getMessage().contains("more than 1024 bytes"), bomb.getMessage() + entry);

    byte[] badSum = big.clone();
    badSum[0] ^= 1;
    IOException checksum =
        assertThrows(
            IOException.class,
            () -> new TarReader(new ByteArrayInputStream(badSum), 1 << 20, 1 << 20).next());
    assertTrue(checksum.getMessage().contains("checksum"), checksum.getMessage());

    byte[] lying =
        new TarFixture()
            .raw(TarFixture.header("a/gambling/domains", '0', 1 << 16))
            .raw("x.example\n".getBytes(StandardCharsets.US_ASCII))
            .tar();
    TarReader reader =
        new TarReader(new ByteArrayInputStream(Arrays.copyOf(lying, 600)), 1 << 20, Long.MAX_VALUE);
    assertEquals(1 << 16, reader.next().size());
    IOException cut = assertThrows(IOException.class, () -> reader.content().readAllBytes());
    assertTrue(cut.getMessage().contains("truncated"), cut.getMessage());
  }

  @Test
  void tarReaderSkipsLinksAndDirectoriesAndReadsEveryFile() throws Exception {
    byte[] tar =
        new TarFixture()
            .entry("lists/", '5', 0, new byte[0])
            .entry("lists/link", '2', 0, new byte[0])
            .file("lists/gambling/domains", "casino.example\n")
            .file("lists/gambling/urls", "casino.example/page\n")
            .tar();
    TarReader reader = new TarReader(new ByteArrayInputStream(tar), 1 << 20, 1 << 20);
    TarReader.Entry first = reader.next();
    assertEquals(new TarReader.Entry("lists/gambling/domains", 15), first);
    assertEquals("casino.example\n", new String(reader.content().readAllBytes(), "UTF-8"));
    assertEquals("lists/gambling/urls", reader.next().path()); // the rest skipped unread
    assertNull(reader.next());
    assertNull(reader.next());
    assertEquals("gambling", ListArchive.categoryOf("blacklists/gambling/domains"));
    assertEquals("gambling", ListArchive.categoryOf("gambling/domains"));
    assertNull(ListArchive.categoryOf("domains"));
    assertNull(ListArchive.categoryOf("blacklists/gambling/urls"));
    assertTrue(ListArchive.isArchive("https://x.example/blacklists.TAR.GZ"));
    assertFalse(ListArchive.isArchive("/srv/list.txt"));
  }

  /** Mutated archives: whatever the bytes, only an IOException, never anything else. */
  @Test
  void mutatedArchivesFailOnlyWithIoExceptions() throws Exception {
    byte[] good =
        new TarFixture()
            .file("b/gambling/domains", "casino.example\nbet.example\n")
            .entry("b/x", '5', 0, new byte[0])
            .file("b/vpn/domains", "vpn.example\n")
            .tar();
    Random random = new Random(11);
    for (int round = 0; round < 3_000; round++) {
      byte[] bytes = Arrays.copyOf(good, random.nextInt(good.length + 1));
      for (int flips = random.nextInt(6); flips > 0 && bytes.length > 0; flips--) {
        bytes[random.nextInt(bytes.length)] = (byte) random.nextInt(256);
      }
      TarReader reader = new TarReader(new ByteArrayInputStream(bytes), 1 << 16, 1 << 20);
      try {
        for (TarReader.Entry e = reader.next(); e != null; e = reader.next()) {
          reader.content().readAllBytes();
        }
      } catch (IOException expected) {
        assertTrue(expected.getMessage() != null && !expected.getMessage().isEmpty());
      }
    }
  }
}
