package org.classgate.dns.upstream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.List;
import org.classgate.dns.wire.Edns;
import org.classgate.dns.wire.Flags;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.Question;
import org.classgate.dns.wire.Rcode;
import org.classgate.dns.wire.RecordType;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.ExtendedFlags;
import org.xbill.DNS.OPTRecord;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class UpstreamMessagesTest {
  private static final byte[] WWW_EXAMPLE_COM_MIXED = {
    3, 'W', 'w', 'W', 7, 'E', 'x', 'a', 'm', 'p', 'l', 'e', 3, 'C', 'O', 'M', 0
  };

  private static Message clientQuery(int id, int flags, Edns edns) throws Exception {
    return new Message(
        id,
        flags,
        new Question(Name.of("WwW.Example.COM"), RecordType.A, RecordType.CLASS_IN),
        List.of(),
        List.of(),
        List.of(),
        edns);
  }

  /** An upstream answer built by dnsjava: lower-case question, AA+RA, one A record, OPT 4096. */
  private static Message upstreamAnswer(int id, int rcode) throws Exception {
    org.xbill.DNS.Message answer = new org.xbill.DNS.Message(id);
    answer.getHeader().setFlag(org.xbill.DNS.Flags.QR);
    answer.getHeader().setFlag(org.xbill.DNS.Flags.RD);
    answer.getHeader().setFlag(org.xbill.DNS.Flags.RA);
    answer.getHeader().setFlag(org.xbill.DNS.Flags.AA);
    answer.getHeader().setRcode(rcode & 0xF);
    org.xbill.DNS.Name name = org.xbill.DNS.Name.fromString("www.example.com.");
    answer.addRecord(Record.newRecord(name, Type.A, DClass.IN), Section.QUESTION);
    answer.addRecord(
        new ARecord(name, DClass.IN, 300, InetAddress.getByName("192.0.2.1")), Section.ANSWER);
    answer.addRecord(new OPTRecord(4096, rcode >>> 4, 0, 0), Section.ADDITIONAL);
    return Message.parse(answer.toWire());
  }

  @Test
  void upstreamQueryHasTheNewIdRdCdOurEdnsWithDoAndTheQuestionAsAsked() throws Exception {
    Message client =
        clientQuery(0xBEEF, Flags.RD | Flags.CD, new Edns(4096, 0, 0, true, new byte[0]));

    byte[] wire = UpstreamMessages.upstreamQuery(client, 0x1234);

    byte[] header = {0x12, 0x34, 0x01, 0x10, 0, 1, 0, 0, 0, 0, 0, 1};
    byte[] questionTail = {0, 1, 0, 1};
    byte[] opt = {0, 0, 41, 0x04, (byte) 0xD0, 0, 0, (byte) 0x80, 0, 0, 0};
    assertArrayEquals(concat(header, WWW_EXAMPLE_COM_MIXED, questionTail, opt), wire);
    org.xbill.DNS.Message oracle = new org.xbill.DNS.Message(wire);
    assertEquals(0x1234, oracle.getHeader().getID());
    assertTrue(oracle.getHeader().getFlag(org.xbill.DNS.Flags.RD));
    assertTrue(oracle.getHeader().getFlag(org.xbill.DNS.Flags.CD));
    assertEquals(1232, oracle.getOPT().getPayloadSize());
    assertTrue((oracle.getOPT().getFlags() & ExtendedFlags.DO) != 0);
    assertEquals("WwW.Example.COM.", oracle.getQuestion().getName().toString());
  }

  @Test
  void upstreamQuerySetsRdAndEdnsWithoutDoForAPlainClient() throws Exception {
    Message client = clientQuery(0xBEEF, 0, null);

    org.xbill.DNS.Message oracle =
        new org.xbill.DNS.Message(UpstreamMessages.upstreamQuery(client, 7));

    assertEquals(7, oracle.getHeader().getID());
    assertTrue(oracle.getHeader().getFlag(org.xbill.DNS.Flags.RD), "we always want recursion");
    assertFalse(oracle.getHeader().getFlag(org.xbill.DNS.Flags.CD));
    assertEquals(1232, oracle.getOPT().getPayloadSize());
    assertEquals(0, oracle.getOPT().getFlags() & ExtendedFlags.DO);
  }

  @Test
  void clientWithoutEdnsGetsItsIdAndQuestionTheUpstreamFlagsAndNoOpt() throws Exception {
    Message client = clientQuery(0xBEEF, Flags.RD, null);

    byte[] wire = UpstreamMessages.forClient(client, upstreamAnswer(0x4321, Rcode.NOERROR));

    // QR AA RD RA, NOERROR; one question, one answer, no OPT (RFC 6891 §7).
    byte[] header = {(byte) 0xBE, (byte) 0xEF, (byte) 0x85, (byte) 0x80, 0, 1, 0, 1, 0, 0, 0, 0};
    byte[] questionTail = {0, 1, 0, 1};
    byte[] answerName = {(byte) 0xC0, 12}; // compressed: points at the question's name
    byte[] answerRest = {0, 1, 0, 1, 0, 0, 1, 44, 0, 4, (byte) 192, 0, 2, 1};
    assertArrayEquals(
        concat(header, WWW_EXAMPLE_COM_MIXED, questionTail, answerName, answerRest), wire);
    org.xbill.DNS.Message oracle = new org.xbill.DNS.Message(wire);
    assertNull(oracle.getOPT());
    assertEquals("WwW.Example.COM.", oracle.getQuestion().getName().toString());
    assertEquals(
        "192.0.2.1",
        ((ARecord) oracle.getSection(Section.ANSWER).get(0)).getAddress().getHostAddress());
  }

  @Test
  void ednsClientGetsOurOptWithItsDoBit() throws Exception {
    Message client = clientQuery(0x0102, Flags.RD, new Edns(1400, 0, 0, true, new byte[0]));

    Message converted =
        Message.parse(UpstreamMessages.forClient(client, upstreamAnswer(0x4321, Rcode.NXDOMAIN)));

    assertEquals(0x0102, converted.id());
    assertEquals(Rcode.NXDOMAIN, converted.rcode());
    assertEquals(Edns.ADVERTISED_PAYLOAD, converted.edns().udpPayloadSize());
    assertTrue(converted.edns().dnssecOk());
    assertTrue(Flags.isSet(converted.flags(), Flags.AA | Flags.RA));
  }

  @Test
  void extendedRcodeIsKeptForEdnsClientsAndBecomesServfailForOthers() throws Exception {
    int badCookie = 23; // RFC 7873: needs the OPT record's extended bits
    Message upstream = upstreamAnswer(0x4321, badCookie);

    Message withEdns =
        Message.parse(
            UpstreamMessages.forClient(
                clientQuery(1, Flags.RD, new Edns(1232, 0, 0, false, new byte[0])), upstream));
    Message withoutEdns =
        Message.parse(UpstreamMessages.forClient(clientQuery(1, Flags.RD, null), upstream));

    assertEquals(badCookie, withEdns.rcode());
    assertEquals(Rcode.SERVFAIL, withoutEdns.rcode());
    assertNull(withoutEdns.edns());
  }

  @Test
  void rdIsCopiedFromTheClientNotFromOurUpstreamQuery() throws Exception {
    Message client = clientQuery(9, 0, null);

    Message converted =
        Message.parse(UpstreamMessages.forClient(client, upstreamAnswer(0x4321, Rcode.NOERROR)));

    assertFalse(Flags.isSet(converted.flags(), Flags.RD));
    assertTrue(Flags.isSet(converted.flags(), Flags.QR | Flags.RA | Flags.AA));
  }

  static byte[] concat(byte[]... parts) {
    int length = 0;
    for (byte[] part : parts) {
      length += part.length;
    }
    byte[] out = new byte[length];
    int pos = 0;
    for (byte[] part : parts) {
      System.arraycopy(part, 0, out, pos, part.length);
      pos += part.length;
    }
    return out;
  }
}
