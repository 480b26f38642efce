package org.classgate.dns.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** {@link Name#presentation}: the same text as {@link Name#toString}, straight from wire bytes. */
class NamePresentationTest {
  @Test
  void theSameTextAsTheParsedName() throws Exception {
    for (String text :
        new String[] {
          ".",
          "www.example.org",
          "Bet.Example",
          "\\000\\255.x",
          "a\\.b.example",
          "semi\\;colon.\\\"quoted\\\".\\(paren\\).back\\\\slash",
          "sp\\032ace.example",
          "a".repeat(63) + "." + "b".repeat(63) + "." + "c".repeat(63) + ".example"
        }) {
      Name name = Name.of(text);
      byte[] wire = name.wireBytes();
      byte[] padded = Arrays.copyOf(wire, 255);
      assertEquals(name.toString(), Name.presentation(wire, wire.length), text);
      assertEquals(name.toString(), Name.presentation(padded, wire.length), text);
    }
  }

  @Test
  void bytesThatAreNotANameNeverReadPastTheLength() {
    // A label claiming 63 bytes where two are given; the array itself is longer.
    byte[] wire = {63, 'a', 'b', 'c', 'd', 'e'};
    assertEquals("ab.", Name.presentation(wire, 3));
    assertEquals(".", Name.presentation(wire, 0));
    assertEquals(".", Name.presentation(new byte[] {0, 5, 'x'}, 3));
  }
}
