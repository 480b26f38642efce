package org.classgate.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
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

class ResponsesTest {
  private static BlockAnswer policy(BlockAnswer.Mode mode) throws Exception {
    return new BlockAnswer(
        mode,
        (Inet4Address) InetAddress.getByName("192.0.2.1"),
        (Inet6Address) InetAddress.getByName("2001:db8::1"),
        60);
  }

  private static Message query(String name, int type, Edns edns) throws Exception {
    return new Message(
        0xBEEF,
        Flags.RD,
        new Question(Name.of(name), type, RecordType.CLASS_IN),
        List.of(),
        List.of(),
        List.of(),
        edns);
  }

  @Test
  void addressModeAnswersAAndAaaaWithTheBlockAddresses() throws Exception {
    Message a =
        Message.parse(
            Responses.blocked(
                query("Bad.Example", RecordType.A, null), policy(BlockAnswer.Mode.ADDRESS)));
    assertEquals(0xBEEF, a.id());
    assertEquals(Rcode.NOERROR, a.rcode());
    assertTrue(Flags.isSet(a.flags(), Flags.QR | Flags.RD | Flags.RA));
    assertEquals("Bad.Example.", a.question().name().toString(), "question echoed as asked");
    assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, a.answers().get(0).rdata());
    assertEquals(60, a.answers().get(0).ttl());
    Message aaaa =
        Message.parse(
            Responses.blocked(
                query("bad.example", RecordType.AAAA, null), policy(BlockAnswer.Mode.ADDRESS)));
    assertArrayEquals(
        InetAddress.getByName("2001:db8::1").getAddress(), aaaa.answers().get(0).rdata());
  }

  @Test
  void otherTypesAndNxdomainModeGetNxdomain() throws Exception {
    Message mx =
        Message.parse(
            Responses.blocked(
                query("bad.example", RecordType.MX, null), policy(BlockAnswer.Mode.ADDRESS)));
    assertEquals(Rcode.NXDOMAIN, mx.rcode());
    assertTrue(mx.answers().isEmpty());
    Message a =
        Message.parse(
            Responses.blocked(
                query("bad.example", RecordType.A, null), policy(BlockAnswer.Mode.NXDOMAIN)));
    assertEquals(Rcode.NXDOMAIN, a.rcode());
  }

  @Test
  void ednsClientsGetOurOptRecordOthersNone() throws Exception {
    Message withEdns =
        Message.parse(
            Responses.error(
                query("x.example", RecordType.A, new Edns(4096, 0, 0, true, new byte[0])),
                Rcode.SERVFAIL));
    assertEquals(Edns.ADVERTISED_PAYLOAD, withEdns.edns().udpPayloadSize());
    assertTrue(withEdns.edns().dnssecOk());
    Message without =
        Message.parse(Responses.error(query("x.example", RecordType.A, null), Rcode.SERVFAIL));
    assertNull(without.edns());
  }

  @Test
  void headerOnlyErrorEchoesIdOpcodeAndRd() {
    byte[] raw = {0x0A, 0x0B, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0};
    byte[] reply = Responses.errorFromHeader(raw, Rcode.FORMERR);
    assertArrayEquals(
        new byte[] {0x0A, 0x0B, (byte) 0x81, (byte) 0x81, 0, 0, 0, 0, 0, 0, 0, 0}, reply);
  }
}
