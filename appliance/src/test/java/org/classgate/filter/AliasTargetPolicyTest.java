package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
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
import org.classgate.dns.wire.WireFormatException;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Section;

/**
 * The alias target check against answers built as upstreams send them (compressed names in CNAME
 * RDATA included), with a fake rest-of-chain that returns them.
 */
class AliasTargetPolicyTest {
  private final Categories categories = Categories.of(List.of("games", "social"));
  private final int games = categories.bit("games");
  private final int social = categories.bit("social");
  private final Categories lockedCategories = Categories.of(List.of("iwf"));
  private final int iwf = lockedCategories.bit("iwf");

  private final Profile pupil = new Profile("pupil", games | social);
  private final Profile staff = new Profile("staff", 0);

  private final AtomicReference<DomainSet> domains =
      new AtomicReference<>(
          new DomainSet.Builder()
              .add("games.example", games)
              .add("chat.example", social)
              .add("www.renamed.example", games)
              .build());
  private final AtomicReference<DomainSet> locked =
      new AtomicReference<>(new DomainSet.Builder().add("illegal.example", iwf).build());

  private final BlockAnswer blockAnswer;
  private final AliasTargetPolicy policy;

  /** What the rest of the chain answers next, and how often it was asked. */
  private final AtomicReference<Answer> upstream = new AtomicReference<>();

  private final AtomicInteger passedOn = new AtomicInteger();
  private final DnsStage.Next next =
      query -> {
        passedOn.incrementAndGet();
        return CompletableFuture.completedFuture(upstream.get());
      };

  AliasTargetPolicyTest() throws Exception {
    blockAnswer =
        new BlockAnswer(
            BlockAnswer.Mode.ADDRESS,
            (Inet4Address) InetAddress.getByName("192.0.2.80"),
            (Inet6Address) InetAddress.getByName("2001:db8::80"),
            30);
    policy = new AliasTargetPolicy(domains::get, locked::get, blockAnswer);
  }

  private static DnsQuery query(String name, Profile profile) throws Exception {
    Message message =
        new Message(
            0x2B2B,
            Flags.RD,
            new Question(Name.of(name), RecordType.A, RecordType.CLASS_IN),
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

  private Answer resolve(DnsQuery query, byte[] upstreamWire, Outcome upstreamOutcome)
      throws Exception {
    upstream.set(Answer.of(upstreamWire, upstreamOutcome));
    return policy.resolve(query, next).get();
  }

  private void assertBlocked(DnsQuery query, Answer answer, Outcome outcome, int categoryMask) {
    assertEquals(outcome, answer.outcome());
    assertEquals(categoryMask, answer.categories());
    assertArrayEquals(Responses.blocked(query.message(), blockAnswer), answer.wire());
  }

  @Test
  void aChainToABlockedTargetIsBlockedForPupilsAndPassedForStaff() throws Exception {
    DnsQuery pupilQuery = query("www.school.example", pupil);
    byte[] wire =
        UpstreamAnswerBytes.to(pupilQuery.message())
            .cname("www.school.example", "edge.cdn.example")
            .cname("edge.cdn.example", "lobby.games.example")
            .a("lobby.games.example", "198.51.100.7")
            .bytes();

    Answer blocked = resolve(pupilQuery, wire, Outcome.CACHED);
    assertBlocked(pupilQuery, blocked, Outcome.BLOCKED, games);
    // dnsjava as an independent reader: the block address, the question's name, no CNAME.
    org.xbill.DNS.Message parsed = new org.xbill.DNS.Message(blocked.wire());
    assertEquals(0x2B2B, parsed.getHeader().getID());
    List<org.xbill.DNS.Record> records = parsed.getSection(Section.ANSWER);
    assertEquals(1, records.size());
    assertEquals(InetAddress.getByName("192.0.2.80"), ((ARecord) records.get(0)).getAddress());

    Answer cached = Answer.of(wire, Outcome.CACHED);
    upstream.set(cached);
    assertSame(cached, policy.resolve(query("www.school.example", staff), next).get());
  }

  @Test
  void aLockedTargetIsLockedForEveryProfile() throws Exception {
    for (Profile profile : List.of(pupil, staff)) {
      DnsQuery query = query("innocent.example", profile);
      byte[] wire =
          UpstreamAnswerBytes.to(query.message())
              .cname("innocent.example", "files.illegal.example")
              .a("files.illegal.example", "198.51.100.9")
              .bytes();
      assertBlocked(query, resolve(query, wire, Outcome.ALLOWED), Outcome.LOCKED, iwf);
    }
  }

  @Test
  void aLockedTargetWinsOverABlockedOneWhereverItIsInTheChain() throws Exception {
    DnsQuery query = query("start.example", pupil);
    byte[] wire =
        UpstreamAnswerBytes.to(query.message())
            .cname("start.example", "a.games.example")
            .cname("a.games.example", "b.chat.example")
            .cname("b.chat.example", "c.illegal.example")
            .a("c.illegal.example", "198.51.100.9")
            .bytes();
    assertBlocked(query, resolve(query, wire, Outcome.ALLOWED), Outcome.LOCKED, iwf);
  }

  @Test
  void theMaskHoldsEveryBlockedCategoryTheChainPassesThrough() throws Exception {
    DnsQuery query = query("start.example", pupil);
    byte[] wire =
        UpstreamAnswerBytes.to(query.message())
            .cname("start.example", "a.games.example")
            .cname("a.games.example", "b.chat.example")
            .a("b.chat.example", "198.51.100.9")
            .bytes();
    assertBlocked(query, resolve(query, wire, Outcome.ALLOWED), Outcome.BLOCKED, games | social);
  }

  @Test
  void anUnlistedChainAndPlainAnswersPassUnchanged() throws Exception {
    DnsQuery query = query("www.school.example", pupil);
    byte[] chain =
        UpstreamAnswerBytes.to(query.message())
            .cname("www.school.example", "edge.cdn.example")
            .a("edge.cdn.example", "198.51.100.7")
            .bytes();
    byte[] single =
        UpstreamAnswerBytes.to(query.message()).a("www.school.example", "198.51.100.7").bytes();
    byte[] nxdomain = Responses.error(query.message(), org.classgate.dns.wire.Rcode.NXDOMAIN);
    for (byte[] wire : List.of(chain, single, nxdomain)) {
      Answer answer = Answer.of(wire, Outcome.ALLOWED);
      upstream.set(answer);
      assertSame(answer, policy.resolve(query, next).get());
    }
    Answer silent = Answer.silent(Outcome.RATE_LIMITED);
    upstream.set(silent);
    assertSame(silent, policy.resolve(query, next).get(), "nothing to send, nothing to check");
  }

  @Test
  void aListedOwnerIsNotATarget() throws Exception {
    // The question itself was checked by the policy stages above; an A record whose owner is
    // listed (a wildcard-like upstream answer) says nothing about aliases.
    DnsQuery query = query("school.example", pupil);
    byte[] wire =
        UpstreamAnswerBytes.to(query.message())
            .cname("school.example", "edge.cdn.example")
            .a("x.games.example", "198.51.100.7")
            .bytes();
    Answer answer = Answer.of(wire, Outcome.ALLOWED);
    upstream.set(answer);
    assertSame(answer, policy.resolve(query, next).get());
  }

  @Test
  void compressionPointersInCnameRdataAreFollowed() throws Exception {
    DnsQuery query = query("portal.example", staff);
    DnsQuery pupilQuery = query("portal.example", pupil);
    // "lobby.games.example" in the RDATA is "lobby" + a pointer to "games.example" in an earlier
    // name; the second target is "x" + a pointer into the first target's RDATA.
    byte[] wire =
        UpstreamAnswerBytes.to(pupilQuery.message())
            .cname("portal.example", "edge.portal.example")
            .cname("edge.portal.example", "www.games.example")
            .cname("www.games.example", "x.www.games.example")
            .a("x.www.games.example", "198.51.100.7")
            .bytes();
    assertCompressedRdata(wire);
    assertBlocked(pupilQuery, resolve(pupilQuery, wire, Outcome.ALLOWED), Outcome.BLOCKED, games);
    assertSame(upstream.get(), policy.resolve(query, next).get(), "staff block nothing");

    // The same answer written by dnsjava, an independent encoder that compresses CNAME RDATA too.
    org.xbill.DNS.Message dnsjava = new org.xbill.DNS.Message(0x2B2B);
    dnsjava.getHeader().setFlag(org.xbill.DNS.Flags.QR);
    org.xbill.DNS.Name owner = org.xbill.DNS.Name.fromString("portal.example.");
    dnsjava.addRecord(org.xbill.DNS.Record.newRecord(owner, org.xbill.DNS.Type.A, DClass.IN), 0);
    dnsjava.addRecord(
        new CNAMERecord(
            owner, DClass.IN, 300, org.xbill.DNS.Name.fromString("tracker.games.example.")),
        Section.ANSWER);
    byte[] fromDnsjava = dnsjava.toWire();
    assertCompressedRdata(fromDnsjava);
    assertBlocked(
        pupilQuery, resolve(pupilQuery, fromDnsjava, Outcome.ALLOWED), Outcome.BLOCKED, games);
  }

  /**
   * The answer is shorter than our own serialisation of it, which writes RDATA names in full: so
   * names inside its RDATA are compressed.
   */
  private static void assertCompressedRdata(byte[] wire) throws WireFormatException {
    assertTrue(wire.length < Message.parse(wire).toWire().length, "RDATA names must use pointers");
  }

  @Test
  void aDnameTargetIsChecked() throws Exception {
    DnsQuery query = query("www.moved.example", pupil);
    byte[] wire =
        UpstreamAnswerBytes.to(query.message())
            .dname("moved.example", "games.example")
            .cname("www.moved.example", "www.games.example")
            .a("www.games.example", "198.51.100.7")
            .bytes();
    assertBlocked(query, resolve(query, wire, Outcome.ALLOWED), Outcome.BLOCKED, games);

    byte[] compressed =
        UpstreamAnswerBytes.to(query.message())
            .compressedDname("moved.example", "www.illegal.example")
            .bytes();
    assertBlocked(query, resolve(query, compressed, Outcome.ALLOWED), Outcome.LOCKED, iwf);
  }

  @Test
  void aDnameRewritesTheQuestionEvenWithoutTheSynthesisedCname() throws Exception {
    // Only www.renamed.example is listed, not renamed.example: the DNAME's target alone is not
    // listed, the question as the DNAME rewrites it is.
    DnsQuery query = query("WWW.old.example", pupil);
    byte[] dnameOnly =
        UpstreamAnswerBytes.to(query.message()).dname("old.example", "renamed.example").bytes();
    assertBlocked(query, resolve(query, dnameOnly, Outcome.ALLOWED), Outcome.BLOCKED, games);

    // A DNAME does not redirect its own owner (RFC 6672 §2.3): asking for old.example itself is
    // not rewritten to anything listed.
    DnsQuery apex = query("old.example", pupil);
    byte[] apexAnswer =
        UpstreamAnswerBytes.to(apex.message()).dname("old.example", "renamed.example").bytes();
    Answer answer = Answer.of(apexAnswer, Outcome.ALLOWED);
    upstream.set(answer);
    assertSame(answer, policy.resolve(apex, next).get());
  }

  @Test
  void deepChainsAreCheckedToTheEnd() throws Exception {
    DnsQuery query = query("hop0.example", pupil);
    UpstreamAnswerBytes deep = UpstreamAnswerBytes.to(query.message());
    int hops = 40;
    for (int i = 0; i < hops; i++) {
      deep.cname("hop" + i + ".example", "hop" + (i + 1) + ".example");
    }
    deep.cname("hop" + hops + ".example", "end.chat.example").a("end.chat.example", "198.51.100.1");
    assertBlocked(query, resolve(query, deep.bytes(), Outcome.ALLOWED), Outcome.BLOCKED, social);

    UpstreamAnswerBytes clean = UpstreamAnswerBytes.to(query.message());
    for (int i = 0; i < hops; i++) {
      clean.cname("hop" + i + ".example", "hop" + (i + 1) + ".example");
    }
    Answer answer = Answer.of(clean.bytes(), Outcome.ALLOWED);
    upstream.set(answer);
    assertSame(answer, policy.resolve(query, next).get());
  }

  @Test
  void swappedListsTakeEffectOnTheNextAnswer() throws Exception {
    DnsQuery query = query("www.school.example", staff);
    byte[] wire =
        UpstreamAnswerBytes.to(query.message())
            .cname("www.school.example", "edge.cdn.example")
            .bytes();
    Answer answer = Answer.of(wire, Outcome.CACHED);
    upstream.set(answer);
    assertSame(answer, policy.resolve(query, next).get());
    locked.set(new DomainSet.Builder().add("cdn.example", iwf).build());
    assertBlocked(query, policy.resolve(query, next).get(), Outcome.LOCKED, iwf);
  }

  @Test
  void malformedAnswersFailClosed() throws Exception {
    DnsQuery query = query("www.school.example", staff);
    byte[] good =
        UpstreamAnswerBytes.to(query.message())
            .cname("www.school.example", "edge.cdn.example")
            .a("edge.cdn.example", "198.51.100.7")
            .bytes();
    int cnameRdLengthAt = 12 + query.question().name().wireLength() + 4 + 2 + 8;
    List<byte[]> malformed =
        List.of(
            Arrays.copyOf(good, 11), // shorter than a header
            Arrays.copyOf(good, good.length - 3), // the last record runs past the end
            Arrays.copyOf(good, cnameRdLengthAt + 4), // the CNAME RDATA is cut short
            withU16(good, cnameRdLengthAt, 0xFFFF), // RDLENGTH past the end
            withU16(good, cnameRdLengthAt, 25), // RDATA longer than its name
            withU16(good, 6, 9), // ANCOUNT larger than the records
            withU16(good, 4, 2), // two questions
            withByte(good, cnameRdLengthAt + 2, 0x80), // extended label type in the RDATA name
            pointerLoopInRdata(good, cnameRdLengthAt));
    for (byte[] wire : malformed) {
      upstream.set(Answer.of(wire, Outcome.ALLOWED));
      ExecutionException failure =
          assertThrows(ExecutionException.class, () -> policy.resolve(query, next).get());
      assertInstanceOf(IllegalStateException.class, failure.getCause());
      assertInstanceOf(WireFormatException.class, failure.getCause().getCause());
    }
  }

  /** Replaces the CNAME RDATA's first octets with a pointer to itself. */
  private static byte[] pointerLoopInRdata(byte[] wire, int rdLengthAt) {
    int rdataAt = rdLengthAt + 2;
    byte[] looped = withU16(wire, rdataAt, 0xC000 | rdataAt);
    return withU16(looped, rdLengthAt, 2);
  }

  private static byte[] withU16(byte[] wire, int at, int value) {
    byte[] copy = wire.clone();
    copy[at] = (byte) (value >>> 8);
    copy[at + 1] = (byte) value;
    return copy;
  }

  private static byte[] withByte(byte[] wire, int at, int value) {
    byte[] copy = wire.clone();
    copy[at] = (byte) value;
    return copy;
  }

  @Test
  void missingPiecesFailClosedToo() throws Exception {
    DnsQuery query = query("www.school.example", pupil);
    byte[] wire =
        UpstreamAnswerBytes.to(query.message())
            .cname("www.school.example", "edge.cdn.example")
            .bytes();
    upstream.set(null);
    assertInstanceOf(
        IllegalStateException.class,
        assertThrows(ExecutionException.class, () -> policy.resolve(query, next).get()).getCause());

    upstream.set(Answer.of(wire, Outcome.ALLOWED));
    AliasTargetPolicy noLists = new AliasTargetPolicy(() -> null, locked::get, blockAnswer);
    assertInstanceOf(
        NullPointerException.class,
        assertThrows(ExecutionException.class, () -> noLists.resolve(query, next).get())
            .getCause());

    DnsQuery anonymous = query("www.school.example", null);
    int before = passedOn.get();
    assertThrows(IllegalStateException.class, () -> policy.resolve(anonymous, next));
    assertEquals(before, passedOn.get(), "nothing is resolved for a query without a profile");
  }
}
