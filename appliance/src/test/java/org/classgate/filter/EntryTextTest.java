package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EntryTextTest {
  @TempDir Path dir;

  @Test
  void anEntryIsNormalisedLikeAListLine() {
    assertEquals("example.org", EntryText.domain("Example.ORG."));
    assertEquals("example.org", EntryText.domain("*.example.org"));
    assertEquals("example.org", EntryText.domain(".example.org"));
    assertEquals("xn--bcher-kva.de", EntryText.domain("Bücher.de"));
    assertEquals("ages_of_myst.tripod.com", EntryText.domain("ages_of_myst.tripod.com"));
    assertEquals("zip", EntryText.domain("zip"));
  }

  @Test
  void whatIsNotOneDomainIsRefusedWithAReason() {
    assertMessage("an IP address", "192.0.2.1");
    assertMessage("an IP address", "2001:db8::1");
    assertMessage("a local name", "localhost");
    assertMessage("not a valid domain", "exa mple.org");
    assertMessage("not a valid domain", "a..b");
    assertMessage("not a valid domain", "x".repeat(64) + ".org");
    assertMessage("not a valid domain", "evil\u001b[2J.org");
    assertMessage("not a valid domain", "1.2.3");
    assertMessage("no domain", "# a comment");
    assertMessage("no domain", "");
    assertMessage("longer than any domain", "a".repeat(5000));
    assertMessage("one domain per", "0.0.0.0 a.example b.example");
  }

  private static void assertMessage(String expected, String text) {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EntryText.domain(text), text);
    assertTrue(e.getMessage().contains(expected), text + ": " + e.getMessage());
  }

  @Test
  void aFileHoldsEntriesInAnyListFormat() throws Exception {
    Path file = dir.resolve("allow.txt");
    Files.writeString(
        file,
        "# our own allow list\n"
            + "\n"
            + "Wikipedia.ORG\n"
            + "0.0.0.0 a.example b.example # hosts line\n"
            + "*.cdn.example\r\n"
            + "bücher.de\n");
    assertEquals(
        List.of("wikipedia.org", "a.example", "b.example", "cdn.example", "xn--bcher-kva.de"),
        EntryText.domains(file));
  }

  @Test
  void aBadLineInAFileIsAnErrorWithItsLineNumber() throws Exception {
    Path file = dir.resolve("deny.txt");
    Files.writeString(file, "ok.example\n\nnot a domain at all\n");
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> EntryText.domains(file));
    assertTrue(e.getMessage().startsWith("line 3: "), e.getMessage());

    Files.write(file, new byte[] {'a', '.', (byte) 0xC3, (byte) 0x28, '\n'});
    e = assertThrows(IllegalArgumentException.class, () -> EntryText.domains(file));
    assertEquals("the file is not UTF-8 text", e.getMessage());

    Files.writeString(file, "x".repeat(2000) + "\n", StandardCharsets.UTF_8);
    e = assertThrows(IllegalArgumentException.class, () -> EntryText.domains(file));
    assertEquals("line 1 is too long", e.getMessage());
  }
}
