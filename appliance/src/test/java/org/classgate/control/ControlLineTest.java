package org.classgate.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ControlLineTest {
  private static ControlLine.Request parse(String line) throws ControlException {
    byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
    return ControlLine.parse(bytes, bytes.length);
  }

  @Test
  void encodesUnreservedLiterallyAndEverythingElseAsUtf8Escapes() {
    assertEquals(
        "panel-press a-Z_0.~ %20%25%0A caf%C3%A9",
        ControlLine.encode("panel-press", List.of("a-Z_0.~", " %\n", "caf\u00e9")));
  }

  @Test
  void parseInvertsEncode() throws ControlException {
    List<String> args = List.of("x y", "\u202e", "%41", "\ud83d\ude00");
    ControlLine.Request request = parse(ControlLine.encode("do-it", args));
    assertEquals("do-it", request.command());
    assertEquals(args, request.args());
  }

  @Test
  void lowerCaseEscapesAreAccepted() throws ControlException {
    assertEquals(List.of("\u00e9"), parse("x %c3%a9").args());
  }

  @Test
  void malformedLinesSayWhatIsWrong() {
    assertEquals(
        "words must be separated by single spaces (an empty word at byte 2)",
        assertThrows(ControlException.class, () -> parse("x  y")).getMessage());
    assertEquals(
        "truncated %-escape in argument at byte 2",
        assertThrows(ControlException.class, () -> parse("x %2")).getMessage());
    assertEquals(
        "an argument is not valid UTF-8 once decoded",
        assertThrows(ControlException.class, () -> parse("x %C3")).getMessage());
    assertEquals(
        "'9lives' is not a command word (a-z, 0-9 and '-', starting with a letter)",
        assertThrows(ControlException.class, () -> parse("9lives")).getMessage());
  }

  @Test
  void encodeRefusesWhatTheProtocolCannotCarry() {
    assertThrows(IllegalArgumentException.class, () -> ControlLine.encode("x", List.of("")));
    assertThrows(IllegalArgumentException.class, () -> ControlLine.encode("X", List.of()));
  }
}
