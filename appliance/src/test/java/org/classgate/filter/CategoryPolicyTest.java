package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.classgate.dns.Answer;
import org.classgate.dns.BlockAnswer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Outcome;
import org.classgate.dns.Profile;
import org.classgate.dns.Responses;
import org.classgate.dns.Transport;
import org.classgate.dns.pipeline.DnsStage;
import org.classgate.dns.wire.Flags;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.Question;
import org.classgate.dns.wire.RecordType;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Section;

class CategoryPolicyTest {
  private final Categories categories = Categories.of(List.of("gambling", "adult"));
  private final int gambling = categories.bit("gambling");
  private final int adult = categories.bit("adult");
  private final Profile pupil = new Profile("pupil", gambling | adult);
  private final Profile staff = new Profile("staff", adult);

  private final AtomicReference<DomainSet> current =
      new AtomicReference<>(
          new DomainSet.Builder()
              .add("casino.example", gambling)
              .add("mixed.example", gambling)
              .add("mixed.example", adult)
              .build());
  private final BlockAnswer blockAnswer;
  private final CategoryPolicy policy;

  /** The rest of the chain: counts calls and answers with a recognisable upstream answer. */
  private final AtomicInteger passedOn = new AtomicInteger();

  private final Answer upstream = Answer.of(new byte[] {1, 2, 3}, Outcome.ALLOWED);
  private final DnsStage.Next next =
      query -> {
        passedOn.incrementAndGet();
        return CompletableFuture.completedFuture(upstream);
      };

  CategoryPolicyTest() throws Exception {
    blockAnswer =
        new BlockAnswer(
            BlockAnswer.Mode.ADDRESS,
            (Inet4Address) InetAddress.getByName("192.0.2.80"),
            (Inet6Address) InetAddress.getByName("2001:db8::80"),
            30);
    policy = new CategoryPolicy(current::get, blockAnswer);
  }

  private static DnsQuery query(String name, int type, Profile profile) throws Exception {
    Message message =
        new Message(
            0x4A4A,
            Flags.RD,
            new Question(Name.of(name), type, RecordType.CLASS_IN),
            List.of(),
            List.of(),
            List.of(),
            null);
    byte[] raw = message.toWire();
    DnsQuery query =
        new DnsQuery(raw, InetAddress.getByName("10.0.0.7"), Transport.UDP, 1_000_000L);
    query.parsed(Message.parse(raw));
    query.identified(profile);
    return query;
  }

  @Test
  void listedNameInABlockedCategoryGetsTheBlockAnswer() throws Exception {
    DnsQuery query = query("WWW.Casino.example", RecordType.A, pupil);
    Answer answer = policy.resolve(query, next).get();
    assertEquals(Outcome.BLOCKED, answer.outcome());
    assertEquals(gambling, answer.categories());
    assertArrayEquals(Responses.blocked(query.message(), blockAnswer), answer.wire());
    assertEquals(0, passedOn.get());

    // dnsjava as an independent reader of the bytes we send.
    org.xbill.DNS.Message parsed = new org.xbill.DNS.Message(answer.wire());
    assertEquals(0x4A4A, parsed.getHeader().getID());
    assertEquals(Rcode.NOERROR, parsed.getRcode());
    ARecord a = (ARecord) parsed.getSection(Section.ANSWER).get(0);
    assertEquals("WWW.Casino.example.", a.getName().toString(), "the question's case is echoed");
    assertEquals(InetAddress.getByName("192.0.2.80"), a.getAddress());
    assertEquals(30, a.getTTL());
  }

  @Test
  void otherTypesAreBlockedWithNxdomain() throws Exception {
    DnsQuery query = query("casino.example", RecordType.MX, pupil);
    Answer answer = policy.resolve(query, next).get();
    assertEquals(Outcome.BLOCKED, answer.outcome());
    assertArrayEquals(Responses.blocked(query.message(), blockAnswer), answer.wire());
    assertEquals(Rcode.NXDOMAIN, new org.xbill.DNS.Message(answer.wire()).getRcode());
  }

  @Test
  void unlistedNameIsPassedOn() throws Exception {
    Answer answer = policy.resolve(query("school.example", RecordType.A, pupil), next).get();
    assertSame(upstream, answer);
    assertEquals(1, passedOn.get());
  }

  @Test
  void profileThatDoesNotBlockTheCategoryIsPassedOn() throws Exception {
    Answer answer = policy.resolve(query("casino.example", RecordType.A, staff), next).get();
    assertSame(upstream, answer);
    assertEquals(1, passedOn.get());
  }

  @Test
  void answerCarriesOnlyTheCategoriesTheProfileBlocks() throws Exception {
    assertEquals(
        gambling | adult,
        policy.resolve(query("mixed.example", RecordType.A, pupil), next).get().categories());
    assertEquals(
        adult,
        policy.resolve(query("mixed.example", RecordType.A, staff), next).get().categories());
  }

  @Test
  void swappedSetTakesEffectOnTheNextQuery() throws Exception {
    current.set(new DomainSet.Builder().add("school.example", adult).build());
    assertEquals(
        Outcome.BLOCKED,
        policy.resolve(query("school.example", RecordType.A, staff), next).get().outcome());
    assertSame(upstream, policy.resolve(query("casino.example", RecordType.A, pupil), next).get());
  }

  @Test
  void missingSetFailsClosedInsteadOfPassingOn() throws Exception {
    CategoryPolicy broken = new CategoryPolicy(() -> null, blockAnswer);
    DnsQuery query = query("school.example", RecordType.A, pupil);
    assertThrows(NullPointerException.class, () -> broken.resolve(query, next));
    assertEquals(0, passedOn.get(), "the dispatcher turns the failure into SERVFAIL");
  }
}
