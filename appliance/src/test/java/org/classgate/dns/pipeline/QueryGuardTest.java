package org.classgate.dns.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.classgate.dns.Answer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Outcome;
import org.classgate.dns.Transport;
import org.classgate.dns.wire.Edns;
import org.classgate.dns.wire.Flags;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.Question;
import org.classgate.dns.wire.Rcode;
import org.classgate.dns.wire.RecordType;
import org.classgate.dns.wire.ResourceRecord;
import org.junit.jupiter.api.Test;

class QueryGuardTest {
  private static final Answer PASSED = Answer.silent(Outcome.ALLOWED);
  private final QueryGuard guard = new QueryGuard();

  private static byte[] query(int flags, String name, int type, Edns edns) throws Exception {
    Question question = new Question(Name.of(name), type, RecordType.CLASS_IN);
    return new Message(0x1234, flags, question, List.of(), List.of(), List.of(), edns).toWire();
  }

  private Answer run(byte[] raw) throws Exception {
    DnsQuery query =
        new DnsQuery(raw, InetAddress.getLoopbackAddress(), Transport.UDP, System.nanoTime());
    return guard.resolve(query, q -> CompletableFuture.completedFuture(PASSED)).get();
  }

  @Test
  void wellFormedQueryPassesAndIsParsed() throws Exception {
    assertSame(PASSED, run(query(Flags.RD, "example.com", RecordType.A, null)));
  }

  @Test
  void garbageAfterHeaderGetsFormerrEchoingId() throws Exception {
    byte[] raw = {0x12, 0x34, 0x01, 0x00, 0, 1, 0, 0, 0, 0, 0, 0, 5, 'a', 'b'};
    Answer answer = run(raw);
    assertEquals(Outcome.FORMERR, answer.outcome());
    Message reply = Message.parse(answer.wire());
    assertEquals(0x1234, reply.id());
    assertEquals(Rcode.FORMERR, reply.rcode());
    assertEquals(true, reply.isResponse());
  }

  @Test
  void shortPacketsAndResponsesAreDropped() throws Exception {
    assertEquals(Outcome.DROPPED, run(new byte[5]).outcome());
    assertNull(run(new byte[5]).wire());
    assertEquals(
        Outcome.DROPPED, run(query(Flags.QR, "example.com", RecordType.A, null)).outcome());
  }

  @Test
  void anyGetsTheRfc8482MinimalAnswer() throws Exception {
    Answer answer = run(query(Flags.RD, "example.com", RecordType.ANY, null));
    assertEquals(Outcome.MINIMAL_ANY, answer.outcome());
    Message reply = Message.parse(answer.wire());
    assertEquals(1, reply.answers().size());
    ResourceRecord hinfo = reply.answers().get(0);
    assertEquals(RecordType.HINFO, hinfo.type());
    assertArrayEquals(new byte[] {7, 'R', 'F', 'C', '8', '4', '8', '2', 0}, hinfo.rdata());
  }

  @Test
  void otherOpcodesAndZoneTransfersAreNotImplemented() throws Exception {
    int notify = 4 << 11;
    assertEquals(
        Outcome.NOT_IMPLEMENTED, run(query(notify, "example.com", RecordType.SOA, null)).outcome());
    Answer axfr = run(query(0, "example.com", RecordType.AXFR, null));
    assertEquals(Rcode.NOTIMP, Message.parse(axfr.wire()).rcode());
  }

  @Test
  void unsupportedEdnsVersionGetsBadvers() throws Exception {
    Answer answer =
        run(query(Flags.RD, "example.com", RecordType.A, new Edns(1232, 0, 1, false, new byte[0])));
    Message reply = Message.parse(answer.wire());
    assertEquals(Rcode.BADVERS, reply.rcode());
    assertEquals(Edns.ADVERTISED_PAYLOAD, reply.edns().udpPayloadSize());
  }

  @Test
  void queryWithoutQuestionGetsFormerr() throws Exception {
    byte[] raw = new Message(7, 0, null, List.of(), List.of(), List.of(), null).toWire();
    assertEquals(Outcome.FORMERR, run(raw).outcome());
  }
}
