package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.classgate.dns.Answer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Outcome;
import org.classgate.dns.Profile;
import org.classgate.dns.Transport;
import org.classgate.dns.pipeline.DnsStage;
import org.classgate.dns.wire.Edns;
import org.classgate.dns.wire.Flags;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.Question;
import org.classgate.dns.wire.RecordType;
import org.classgate.filter.SafeSearchRules.YouTubeMode;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.AAAARecord;
import org.xbill.DNS.ARecord;
import org.xbill.DNS.CNAMERecord;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Header;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SOARecord;
import org.xbill.DNS.Section;
import org.xbill.DNS.Type;

/**
 * The stage against a scripted rest of the chain that answers like the cache/upstream would; the
 * bytes both ways are read with dnsjava as an independent oracle. {@code SafeSearchIT} runs the
 * same stage against a real unbound and the real dig.
 */
class SafeSearchTest {
  private static final int ID = 0x5AFE;
  private static final String GOOGLE_VIP = "216.239.38.120";

  private final Profile pupil = new Profile("pupil", 0);
  private final Profile staff = new Profile("staff", 0);
  private final SafeSearchRules strict = SafeSearchRules.standard(YouTubeMode.STRICT);
  private final SafeSearch stage = new SafeSearch(strict, profile -> profile.equals(pupil));

  /** Every query the stage passed on, in order. */
  private final List<DnsQuery> passedOn = new ArrayList<>();

  /** How the scripted chain answers a query that reaches it. */
  private Function<DnsQuery, CompletableFuture<Answer>> chain =
      query -> answered(query, Rcode.NOERROR, a(query, GOOGLE_VIP, 120));

  private final DnsStage.Next next =
      query -> {
        passedOn.add(query);
        return chain.apply(query);
      };

  private static DnsQuery query(String name, int type, Profile profile, Edns edns)
      throws Exception {
    Message message =
        new Message(
            ID,
            Flags.RD,
            new Question(Name.of(name), type, RecordType.CLASS_IN),
            List.of(),
            List.of(),
            List.of(),
            edns);
    byte[] raw = message.toWire();
    DnsQuery query = new DnsQuery(raw, InetAddress.getByName("10.0.0.7"), Transport.UDP, 42L);
    query.parsed(Message.parse(raw));
    query.identified(profile);
    return query;
  }

  private DnsQuery query(String name, int type) throws Exception {
    return query(name, type, pupil, null);
  }

  /** The question of {@code query} as a dnsjava name, for building records owned by it. */
  private static org.xbill.DNS.Name owner(DnsQuery query) {
    try {
      return org.xbill.DNS.Name.fromString(query.question().name().toString());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Record a(DnsQuery query, String address, long ttl) {
    try {
      return new ARecord(owner(query), DClass.IN, ttl, InetAddress.getByName(address));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An answer to {@code query} as the upstream stage gives it: the query's ID and question. */
  private static CompletableFuture<Answer> answered(DnsQuery query, int rcode, Record... records) {
    return answered(query, rcode, List.of(records), List.of());
  }

  private static CompletableFuture<Answer> answered(
      DnsQuery query, int rcode, List<Record> answers, List<Record> authority) {
    org.xbill.DNS.Message reply = new org.xbill.DNS.Message(query.message().id());
    Header header = reply.getHeader();
    header.setFlag(org.xbill.DNS.Flags.QR);
    header.setFlag(org.xbill.DNS.Flags.RD);
    header.setFlag(org.xbill.DNS.Flags.RA);
    header.setRcode(rcode);
    Question question = query.question();
    reply.addRecord(
        Record.newRecord(owner(query), question.type(), question.dnsClass()), Section.QUESTION);
    answers.forEach(record -> reply.addRecord(record, Section.ANSWER));
    authority.forEach(record -> reply.addRecord(record, Section.AUTHORITY));
    return CompletableFuture.completedFuture(Answer.of(reply.toWire(), Outcome.ALLOWED));
  }

  private static org.xbill.DNS.Message parse(Answer answer) throws Exception {
    return new org.xbill.DNS.Message(answer.wire());
  }

  @Test
  void aGoogleQueryGetsTheCnameThenTheSafeAddress() throws Exception {
    DnsQuery query = query("WWW.Google.Co.UK", RecordType.A);

    Answer answer = stage.resolve(query, next).get();

    assertEquals(Outcome.SAFESEARCH, answer.outcome());
    assertEquals(1, passedOn.size());
    DnsQuery sent = passedOn.get(0);
    assertEquals(
        new Question(Name.of("forcesafesearch.google.com"), RecordType.A, RecordType.CLASS_IN),
        sent.question());
    assertEquals(ID, sent.message().id());
    assertEquals(Flags.RD, sent.message().flags());
    assertSame(pupil, sent.profile());
    assertEquals(Message.parse(sent.raw()), sent.message(), "raw bytes and parsed form agree");

    org.xbill.DNS.Message reply = parse(answer);
    assertEquals(ID, reply.getHeader().getID());
    assertEquals(Rcode.NOERROR, reply.getRcode());
    assertTrue(reply.getHeader().getFlag(org.xbill.DNS.Flags.QR));
    assertTrue(reply.getHeader().getFlag(org.xbill.DNS.Flags.RD));
    assertTrue(reply.getHeader().getFlag(org.xbill.DNS.Flags.RA));
    assertFalse(reply.getHeader().getFlag(org.xbill.DNS.Flags.AA));
    assertEquals("WWW.Google.Co.UK.", reply.getQuestion().getName().toString());
    List<Record> records = reply.getSection(Section.ANSWER);
    assertEquals(2, records.size(), reply::toString);
    CNAMERecord cname = (CNAMERecord) records.get(0);
    assertEquals("WWW.Google.Co.UK.", cname.getName().toString(), "owner as asked");
    assertEquals("forcesafesearch.google.com.", cname.getTarget().toString());
    assertEquals(120, cname.getTTL(), "min(300, the target's 120)");
    ARecord a = (ARecord) records.get(1);
    assertEquals("forcesafesearch.google.com.", a.getName().toString());
    assertEquals(GOOGLE_VIP, a.getAddress().getHostAddress());
  }

  @Test
  void theCnameTtlIsCappedAtFiveMinutes() throws Exception {
    chain = query -> answered(query, Rcode.NOERROR, a(query, GOOGLE_VIP, 86_400));
    Answer answer = stage.resolve(query("google.com", RecordType.A), next).get();
    List<Record> records = parse(answer).getSection(Section.ANSWER);
    assertEquals(SafeSearch.CNAME_TTL_SECONDS, records.get(0).getTTL());
    assertEquals(86_400, records.get(1).getTTL(), "the target's own records are kept as sent");
  }

  @Test
  void aaaaIsRewrittenToo() throws Exception {
    InetAddress googleV6 = InetAddress.getByName("2001:4860:4802:32::78");
    chain =
        query ->
            answered(query, Rcode.NOERROR, new AAAARecord(owner(query), DClass.IN, 300, googleV6));
    Answer answer = stage.resolve(query("www.google.de", RecordType.AAAA), next).get();
    assertEquals(Outcome.SAFESEARCH, answer.outcome());
    assertEquals(RecordType.AAAA, passedOn.get(0).question().type());
    List<Record> records = parse(answer).getSection(Section.ANSWER);
    assertEquals(Type.CNAME, records.get(0).getType());
    assertEquals(Type.AAAA, records.get(1).getType());
  }

  @Test
  void httpsAndSvcbAreRewrittenSoTheRealNamesHintsNeverReachTheClient() throws Exception {
    SOARecord soa = soa(900, 60);
    chain = query -> answered(query, Rcode.NOERROR, List.of(), List.of(soa));
    for (int type : List.of(RecordType.HTTPS, RecordType.SVCB)) {
      passedOn.clear();
      Answer answer = stage.resolve(query("www.google.com", type), next).get();
      assertEquals(Outcome.SAFESEARCH, answer.outcome());
      assertEquals(type, passedOn.get(0).question().type(), "the safe name's own record is asked");
      assertEquals("forcesafesearch.google.com.", passedOn.get(0).question().name().toString());
      org.xbill.DNS.Message reply = parse(answer);
      assertEquals(Rcode.NOERROR, reply.getRcode());
      List<Record> records = reply.getSection(Section.ANSWER);
      assertEquals(1, records.size(), "NODATA behind the CNAME");
      assertEquals(Type.CNAME, records.get(0).getType());
      assertEquals(60, records.get(0).getTTL(), "min(300, SOA TTL 900, SOA MINIMUM 60)");
      assertEquals(List.of(soa), reply.getSection(Section.AUTHORITY));
    }
  }

  private static SOARecord soa(long ttl, long minimum) {
    try {
      return new SOARecord(
          org.xbill.DNS.Name.fromString("google.com."),
          DClass.IN,
          ttl,
          org.xbill.DNS.Name.fromString("ns1.google.com."),
          org.xbill.DNS.Name.fromString("dns-admin.google.com."),
          1,
          900,
          900,
          1800,
          minimum);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aCnameQueryGetsTheCnameAloneWithoutResolvingAnything() throws Exception {
    Answer answer = stage.resolve(query("m.youtube.com", RecordType.CNAME), next).get();
    assertEquals(Outcome.SAFESEARCH, answer.outcome());
    assertTrue(passedOn.isEmpty());
    List<Record> records = parse(answer).getSection(Section.ANSWER);
    assertEquals(1, records.size());
    assertEquals("restrict.youtube.com.", ((CNAMERecord) records.get(0)).getTarget().toString());
    assertEquals(SafeSearch.CNAME_TTL_SECONDS, records.get(0).getTTL());
  }

  @Test
  void nxdomainForTheSafeNameIsPassedOnBehindTheCname() throws Exception {
    chain = query -> answered(query, Rcode.NXDOMAIN, List.of(), List.of(soa(3600, 30)));
    Answer answer = stage.resolve(query("www.bing.com", RecordType.A), next).get();
    assertEquals(Outcome.SAFESEARCH, answer.outcome());
    org.xbill.DNS.Message reply = parse(answer);
    assertEquals(Rcode.NXDOMAIN, reply.getRcode());
    assertEquals(Type.CNAME, reply.getSection(Section.ANSWER).get(0).getType());
    assertEquals(30, reply.getSection(Section.ANSWER).get(0).getTTL());
  }

  @Test
  void anEdnsClientKeepsItsShapeDownTheChainAndGetsOurOptRecord() throws Exception {
    Edns clientEdns = new Edns(4096, 0, 0, true, new byte[0]);
    Answer answer =
        stage.resolve(query("duckduckgo.com", RecordType.A, pupil, clientEdns), next).get();
    Edns sent = passedOn.get(0).message().edns();
    assertNotNull(sent);
    assertTrue(sent.dnssecOk());
    assertEquals(4096, sent.udpPayloadSize());
    org.xbill.DNS.Message reply = parse(answer);
    assertNotNull(reply.getOPT());
    assertEquals(Edns.ADVERTISED_PAYLOAD, reply.getOPT().getPayloadSize());
    assertEquals(
        "safe.duckduckgo.com.",
        ((CNAMERecord) reply.getSection(Section.ANSWER).get(0)).getTarget().toString());
  }

  @Test
  void everyFailureToResolveTheSafeNameIsServfailNeverTheUnsafeAnswer() throws Exception {
    Map<String, Function<DnsQuery, CompletableFuture<Answer>>> failures =
        Map.of(
            "upstream gave up",
            query ->
                CompletableFuture.completedFuture(
                    Answer.of(
                        org.classgate.dns.Responses.error(query.message(), Rcode.SERVFAIL),
                        Outcome.SERVFAIL)),
            "upstream said REFUSED",
            query -> answered(query, Rcode.REFUSED),
            "upstream said SERVFAIL",
            query -> answered(query, Rcode.SERVFAIL),
            "failed future",
            query -> CompletableFuture.failedFuture(new IllegalStateException("boom")),
            "thrown",
            query -> {
              throw new IllegalStateException("boom");
            },
            "garbage bytes",
            query ->
                CompletableFuture.completedFuture(Answer.of(new byte[] {1, 2, 3}, Outcome.ALLOWED)),
            "silent answer",
            query -> CompletableFuture.completedFuture(Answer.silent(Outcome.DROPPED)),
            "answer for another name",
            query -> {
              try {
                return answered(
                    query("www.google.com", RecordType.A), Rcode.NOERROR, a(query, "1.2.3.4", 60));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    for (Map.Entry<String, Function<DnsQuery, CompletableFuture<Answer>>> failure :
        failures.entrySet()) {
      chain = failure.getValue();
      Answer answer = stage.resolve(query("www.google.com", RecordType.A), next).get();
      assertEquals(Outcome.SERVFAIL, answer.outcome(), failure.getKey());
      org.xbill.DNS.Message reply = parse(answer);
      assertEquals(Rcode.SERVFAIL, reply.getRcode(), failure.getKey());
      assertEquals(ID, reply.getHeader().getID(), failure.getKey());
      assertTrue(reply.getSection(Section.ANSWER).isEmpty(), failure.getKey());
    }
  }

  @Test
  void namesTypesAndProfilesWithoutARewritePassThroughUntouched() throws Exception {
    Answer upstream = Answer.of(new byte[] {9}, Outcome.ALLOWED);
    chain = query -> CompletableFuture.completedFuture(upstream);
    List<DnsQuery> queries =
        List.of(
            query("www.school.example", RecordType.A),
            query("notgoogle.com", RecordType.A),
            query("google.com.evil.example", RecordType.AAAA),
            query("forcesafesearch.google.com", RecordType.A),
            query("www.google.com", RecordType.TXT),
            query("www.google.com", RecordType.MX),
            query("www.google.com", RecordType.A, staff, null));
    for (DnsQuery query : queries) {
      passedOn.clear();
      assertSame(upstream, stage.resolve(query, next).get(), query.question().toString());
      assertEquals(List.of(query), passedOn, "the very same query is passed on");
    }
  }

  @Test
  void perProfileRulesChooseTheYouTubeMode() throws Exception {
    SafeSearchRules moderate = SafeSearchRules.standard(YouTubeMode.MODERATE);
    SafeSearch perProfile =
        new SafeSearch(
            profile ->
                switch (profile.name()) {
                  case "pupil" -> strict;
                  case "senior" -> moderate;
                  default -> SafeSearchRules.NONE;
                });
    Profile senior = new Profile("senior", 0);
    perProfile.resolve(query("www.youtube.com", RecordType.A, pupil, null), next).get();
    perProfile.resolve(query("www.youtube.com", RecordType.A, senior, null), next).get();
    perProfile.resolve(query("www.youtube.com", RecordType.A, staff, null), next).get();
    assertEquals("restrict.youtube.com.", passedOn.get(0).question().name().toString());
    assertEquals("restrictmoderate.youtube.com.", passedOn.get(1).question().name().toString());
    assertEquals("www.youtube.com.", passedOn.get(2).question().name().toString());
  }

  @Test
  void aMissingProfileOrRuleSetFailsClosed() throws Exception {
    DnsQuery anonymous = query("www.google.com", RecordType.A, null, null);
    assertThrows(IllegalStateException.class, () -> stage.resolve(anonymous, next));
    SafeSearch broken = new SafeSearch(profile -> null);
    DnsQuery query = query("www.google.com", RecordType.A);
    assertThrows(NullPointerException.class, () -> broken.resolve(query, next));
    assertTrue(passedOn.isEmpty(), "the dispatcher turns the failure into SERVFAIL");
    assertNull(anonymous.profile());
  }
}
