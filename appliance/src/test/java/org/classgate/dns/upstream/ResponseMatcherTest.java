package org.classgate.dns.upstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import org.classgate.dns.upstream.ResponseMatcher.Rejection;
import org.classgate.dns.upstream.ResponseMatcher.Verdict;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.Question;
import org.classgate.dns.wire.RecordType;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.Record;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

class ResponseMatcherTest {
  private static final int ID = 0x5A5A;
  private static final InetSocketAddress UPSTREAM = new InetSocketAddress("127.0.0.1", 5353);

  private static Question asked() throws Exception {
    return new Question(Name.of("www.Example.com"), RecordType.A, RecordType.CLASS_IN);
  }

  private static byte[] response(int id, String name, int type, int dnsClass, boolean qr)
      throws Exception {
    Message message = new Message(id);
    if (qr) {
      message.getHeader().setFlag(Flags.QR);
    }
    message.getHeader().setFlag(Flags.RA);
    org.xbill.DNS.Name owner = org.xbill.DNS.Name.fromString(name);
    message.addRecord(Record.newRecord(owner, type, dnsClass), Section.QUESTION);
    if (type == Type.A) {
      message.addRecord(
          new ARecord(owner, dnsClass, 60, InetAddress.getByName("192.0.2.7")), Section.ANSWER);
    }
    return message.toWire();
  }

  private static Verdict check(byte[] data, InetSocketAddress source) throws Exception {
    return ResponseMatcher.check(data, source, UPSTREAM, ID, asked());
  }

  private static void assertRejected(Rejection expected, Verdict verdict) {
    assertEquals(expected, verdict.rejection());
    assertNull(verdict.response());
  }

  @Test
  void acceptsTheAnswerEvenInAnotherCase() throws Exception {
    Verdict verdict = check(response(ID, "WWW.EXAMPLE.COM.", Type.A, DClass.IN, true), UPSTREAM);

    assertTrue(verdict.accepted());
    assertNull(verdict.rejection());
    assertEquals(ID, verdict.response().id());
    assertEquals(1, verdict.response().answers().size());
  }

  @Test
  void rejectsAnotherSourcePortOrAddress() throws Exception {
    byte[] good = response(ID, "www.example.com.", Type.A, DClass.IN, true);

    assertRejected(Rejection.WRONG_SOURCE, check(good, new InetSocketAddress("127.0.0.1", 5354)));
    assertRejected(Rejection.WRONG_SOURCE, check(good, new InetSocketAddress("127.0.0.2", 5353)));
  }

  @Test
  void rejectsShortMessagesQueriesAndOtherIds() throws Exception {
    byte[] good = response(ID, "www.example.com.", Type.A, DClass.IN, true);

    assertRejected(Rejection.TOO_SHORT, check(Arrays.copyOf(good, 11), UPSTREAM));
    assertRejected(Rejection.TOO_SHORT, check(new byte[0], UPSTREAM));
    assertRejected(
        Rejection.NOT_A_RESPONSE,
        check(response(ID, "www.example.com.", Type.A, DClass.IN, false), UPSTREAM));
    assertRejected(
        Rejection.WRONG_ID,
        check(response(ID ^ 1, "www.example.com.", Type.A, DClass.IN, true), UPSTREAM));
  }

  @Test
  void rejectsMalformedMessagesWithTheRightHeader() throws Exception {
    byte[] good = response(ID, "www.example.com.", Type.A, DClass.IN, true);

    assertRejected(Rejection.MALFORMED, check(Arrays.copyOf(good, good.length - 3), UPSTREAM));
    byte[] trailing = Arrays.copyOf(good, good.length + 1);
    assertRejected(Rejection.MALFORMED, check(trailing, UPSTREAM));
  }

  @Test
  void rejectsAnswersToAnotherQuestion() throws Exception {
    assertRejected(
        Rejection.WRONG_QUESTION,
        check(response(ID, "www.example.org.", Type.A, DClass.IN, true), UPSTREAM));
    assertRejected(
        Rejection.WRONG_QUESTION,
        check(response(ID, "www.example.com.", Type.AAAA, DClass.IN, true), UPSTREAM));
    assertRejected(
        Rejection.WRONG_QUESTION,
        check(response(ID, "www.example.com.", Type.A, DClass.CH, true), UPSTREAM));
    byte[] noQuestion = {0x5A, 0x5A, (byte) 0x81, (byte) 0x80, 0, 0, 0, 0, 0, 0, 0, 0};
    assertRejected(Rejection.WRONG_QUESTION, check(noQuestion, UPSTREAM));
  }
}
