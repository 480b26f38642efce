package org.classgate.dns.pipeline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.classgate.dns.Answer;
import org.classgate.dns.BlockAnswer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Outcome;
import org.classgate.dns.Profile;
import org.classgate.dns.Transport;
import org.classgate.dns.wire.Flags;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.Question;
import org.classgate.dns.wire.Rcode;
import org.classgate.dns.wire.RecordType;
import org.junit.jupiter.api.Test;

class QuarantineGateTest {
  private static final Answer PASSED = Answer.of(new byte[0], Outcome.ALLOWED);
  private static final DnsStage.Next NEXT = q -> CompletableFuture.completedFuture(PASSED);

  private final QuarantineGate gate;

  QuarantineGateTest() throws Exception {
    gate =
        new QuarantineGate(
            new BlockAnswer(
                BlockAnswer.Mode.ADDRESS,
                (Inet4Address) InetAddress.getByName("192.0.2.1"),
                (Inet6Address) InetAddress.getByName("2001:db8::1"),
                0),
            List.of(Name.of("classgate.school.example")));
  }

  private static DnsQuery query(String name, int type, Profile profile) throws Exception {
    byte[] raw =
        new Message(
                0x4242,
                Flags.RD,
                new Question(Name.of(name), type, RecordType.CLASS_IN),
                List.of(),
                List.of(),
                List.of(),
                null)
            .toWire();
    DnsQuery query = new DnsQuery(raw, InetAddress.getByName("192.0.2.20"), Transport.UDP, 0);
    query.parsed(Message.parse(raw));
    query.identified(profile);
    return query;
  }

  @Test
  void quarantinedAddressQueriesGetTheWaitingPageWithTtlZero() throws Exception {
    for (String name :
        List.of("captive.apple.com", "www.bbc.co.uk", "connectivitycheck.gstatic.com")) {
      Answer answer =
          gate.resolve(query(name, RecordType.A, ClientProfiles.QUARANTINE), NEXT).join();
      assertEquals(Outcome.QUARANTINED, answer.outcome());
      Message reply = Message.parse(answer.wire());
      assertEquals(0x4242, reply.id());
      assertEquals(Rcode.NOERROR, reply.rcode());
      assertEquals(1, reply.answers().size());
      assertEquals(Name.of(name), reply.answers().get(0).name());
      assertEquals(0, reply.answers().get(0).ttl());
      assertArrayEquals(new byte[] {(byte) 192, 0, 2, 1}, reply.answers().get(0).rdata());
    }
    Message six =
        Message.parse(
            gate.resolve(query("www.bbc.co.uk", RecordType.AAAA, ClientProfiles.QUARANTINE), NEXT)
                .join()
                .wire());
    assertArrayEquals(
        InetAddress.getByName("2001:db8::1").getAddress(), six.answers().get(0).rdata());
  }

  @Test
  void otherTypesGetNoDataNotNxdomain() throws Exception {
    for (int type : new int[] {RecordType.HTTPS, RecordType.TXT, RecordType.MX}) {
      Answer answer =
          gate.resolve(query("www.bbc.co.uk", type, ClientProfiles.QUARANTINE), NEXT).join();
      assertEquals(Outcome.QUARANTINED, answer.outcome());
      Message reply = Message.parse(answer.wire());
      assertEquals(Rcode.NOERROR, reply.rcode());
      assertTrue(reply.answers().isEmpty());
      assertTrue(reply.authority().isEmpty(), "no SOA: not cached negatively");
    }
  }

  @Test
  void theBoxsOwnNamesAndOtherProfilesPassOn() throws Exception {
    assertSame(
        PASSED,
        gate.resolve(
                query("classgate.school.example", RecordType.A, ClientProfiles.QUARANTINE), NEXT)
            .join());
    assertSame(
        PASSED,
        gate.resolve(
                query("console.CLASSGATE.school.example", RecordType.A, ClientProfiles.QUARANTINE),
                NEXT)
            .join());
    Answer notBelow =
        gate.resolve(
                query("evilclassgate.school.example", RecordType.A, ClientProfiles.QUARANTINE),
                NEXT)
            .join();
    assertEquals(Outcome.QUARANTINED, notBelow.outcome());
    // A profile that merely shares the name is not the quarantine.
    assertSame(
        PASSED,
        gate.resolve(query("www.bbc.co.uk", RecordType.A, new Profile("quarantine", -1)), NEXT)
            .join());
    assertSame(
        PASSED,
        gate.resolve(query("www.bbc.co.uk", RecordType.A, new Profile("pupil", 1)), NEXT).join());
  }
}
