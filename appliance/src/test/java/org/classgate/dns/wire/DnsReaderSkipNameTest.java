package org.classgate.dns.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DnsReaderSkipNameTest {
  /** A header's worth of zeros, then the given octets. */
  private static DnsReader at12(int... octets) throws WireFormatException {
    byte[] buf = new byte[12 + octets.length];
    for (int i = 0; i < octets.length; i++) {
      buf[12 + i] = (byte) octets[i];
    }
    DnsReader in = new DnsReader(buf, 0, buf.length);
    in.position(12);
    return in;
  }

  @Test
  void stepsOverLabelsToTheRootLabel() throws Exception {
    DnsReader in = at12(3, 'w', 'w', 'w', 7, 'e', 'x', 'a', 'm', 'p', 'l', 'e', 0, 0xAB);
    in.skipName();
    assertEquals(12 + 13, in.position());
    assertEquals(0xAB, in.u8());
  }

  @Test
  void stopsAfterAPointerWithoutFollowingIt() throws Exception {
    // The pointer's target (offset 0x3FFF) is not even inside the message: it is not read.
    DnsReader in = at12(3, 'w', 'w', 'w', 0xFF, 0xFF, 0x12);
    in.skipName();
    assertEquals(12 + 6, in.position());
    assertEquals(0x12, in.u8());
  }

  @Test
  void theRootNameIsOneOctet() throws Exception {
    DnsReader in = at12(0, 0x34);
    in.skipName();
    assertEquals(13, in.position());
  }

  @Test
  void rejectsWhatCannotBeAName() throws Exception {
    assertThrows(WireFormatException.class, () -> at12(3, 'w', 'w').skipName(), "label cut");
    assertThrows(WireFormatException.class, () -> at12(3, 'w', 'w', 'w').skipName(), "no end");
    assertThrows(WireFormatException.class, () -> at12(0xC0).skipName(), "half a pointer");
    assertThrows(WireFormatException.class, () -> at12(0x40, 0).skipName(), "extended label");
    assertThrows(WireFormatException.class, () -> at12(0x80, 0).skipName(), "extended label");
    assertThrows(WireFormatException.class, () -> at12().skipName(), "nothing left");
    int[] tooLong = new int[5 * 64 + 1];
    for (int label = 0; label < 5; label++) {
      tooLong[label * 64] = 63;
    }
    assertThrows(WireFormatException.class, () -> at12(tooLong).skipName(), "over 255 octets");
  }

  @Test
  void agreesWithNameOnWhereAValidNameEnds() throws Exception {
    Message message =
        new Message(
            1,
            Flags.QR,
            new Question(Name.of("www.example.org"), RecordType.A, RecordType.CLASS_IN),
            java.util.List.of(
                new ResourceRecord(
                    Name.of("www.example.org"),
                    RecordType.CNAME,
                    RecordType.CLASS_IN,
                    60,
                    Name.of("cdn.example.org").wireBytes())),
            java.util.List.of(),
            java.util.List.of(),
            null);
    byte[] wire = message.toWire();
    DnsReader skipped = new DnsReader(wire, 0, wire.length);
    DnsReader read = new DnsReader(wire, 0, wire.length);
    skipped.position(12);
    read.position(12);
    for (int name = 0; name < 2; name++) {
      skipped.skipName();
      read.name();
      assertEquals(read.position(), skipped.position());
      skipped.skip(4);
      read.skip(4);
    }
  }
}
