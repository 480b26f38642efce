package org.classgate.dns.wire;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Message#toWire(int)} never hands a transport more octets than it can carry. */
class MessageTruncationTest {
  private static Question question() throws WireFormatException {
    return new Question(Name.of("big.allowed.test"), RecordType.TXT, RecordType.CLASS_IN);
  }

  private static List<ResourceRecord> txtRecords(int count) throws WireFormatException {
    List<ResourceRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      byte[] rdata = new byte[101];
      rdata[0] = 100;
      java.util.Arrays.fill(rdata, 1, rdata.length, (byte) ('a' + i % 26));
      records.add(new ResourceRecord(Name.of("big.allowed.test"), RecordType.TXT, 1, 60, rdata));
    }
    return records;
  }

  /** An EDNS(0) option list of one padding option (RFC 7830, code 12) of {@code size} zeros. */
  private static byte[] padding(int size) {
    byte[] options = new byte[4 + size];
    options[1] = 12;
    options[2] = (byte) (size >>> 8);
    options[3] = (byte) size;
    return options;
  }

  @Test
  void fittingMessageIsWrittenWhole() throws Exception {
    Message message =
        new Message(1, Flags.QR, question(), txtRecords(3), List.of(), List.of(), null);
    byte[] wire = message.toWire(Message.CLASSIC_UDP_LIMIT);
    assertArrayEquals(message.toWire(), wire);
    assertFalse(Message.parse(wire).isTruncated());
  }

  @Test
  void oversizedAnswerKeepsQuestionAndOptAndSetsTc() throws Exception {
    Edns edns = new Edns(1232, 0, 0, true, padding(8));
    Message message =
        new Message(2, Flags.QR, question(), txtRecords(20), List.of(), List.of(), edns);
    byte[] wire = message.toWire(1232);
    assertTrue(wire.length <= 1232);
    Message truncated = Message.parse(wire);
    assertTrue(truncated.isTruncated());
    assertEquals(message.question(), truncated.question());
    assertTrue(truncated.answers().isEmpty());
    // Small options survive: only the records had to go.
    assertArrayEquals(padding(8), truncated.edns().options());
    assertTrue(truncated.edns().dnssecOk());
  }

  @Test
  void optionsThatCannotFitAreDroppedFromTheTruncatedForm() throws Exception {
    // Found by writing the fuzz target's size invariant: an upstream answer with 600 octets of
    // options used to come back "truncated" at 649 octets for a 512-octet client.
    Edns edns = new Edns(4096, 1, 0, false, padding(600));
    Message message =
        new Message(3, Flags.QR, question(), txtRecords(20), List.of(), List.of(), edns);
    byte[] wire = message.toWire(Message.CLASSIC_UDP_LIMIT);
    assertTrue(wire.length <= Message.CLASSIC_UDP_LIMIT, wire.length + " octets");
    Message truncated = Message.parse(wire);
    assertTrue(truncated.isTruncated());
    assertEquals(message.question(), truncated.question());
    assertEquals(0, truncated.edns().options().length);
    // The extended RCODE bits live in the OPT record and must survive (RFC 6891 section 6.1.3).
    assertEquals(message.rcode(), truncated.rcode());
  }
}
