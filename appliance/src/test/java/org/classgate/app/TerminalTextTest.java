package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TerminalTextTest {
  @Test
  void escapesControlAndBidiCharactersAndKeepsTheRest() {
    assertEquals(
        "x\\u001b[31mred \\u202eevil\\u0000 <b>é</b>",
        TerminalText.escape("x\u001b[31mred \u202eevil\u0000 <b>é</b>", false));
  }

  @Test
  void newlinesAreKeptOnlyWhenAsked() {
    assertEquals("a\nb\\u000d", TerminalText.escape("a\nb\r", true));
    assertEquals("a\\u000ab", TerminalText.escape("a\nb", false));
  }
}
