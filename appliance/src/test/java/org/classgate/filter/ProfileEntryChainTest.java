package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.classgate.dns.Answer;
import org.classgate.dns.BlockAnswer;
import org.classgate.dns.DnsQuery;
import org.classgate.dns.Outcome;
import org.classgate.dns.Transport;
import org.classgate.dns.pipeline.DnsStage;
import org.classgate.dns.pipeline.SpecialNames;
import org.classgate.dns.pipeline.StageChain;
import org.classgate.dns.wire.Flags;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.Question;
import org.classgate.dns.wire.RecordType;
import org.classgate.filter.Decision.Verdict;
import org.classgate.filter.SafeSearchRules.YouTubeMode;
import org.classgate.filter.allowance.Allowance;
import org.classgate.filter.allowance.AllowanceRequest;
import org.classgate.filter.allowance.AllowanceScope;
import org.classgate.filter.allowance.AllowanceSet;
import org.classgate.filter.allowance.Approval;
import org.classgate.filter.allowance.Person;
import org.classgate.filter.allowance.RiskLevel;
import org.classgate.filter.allowance.Role;
import org.classgate.filter.schedule.ProfileSchedule;
import org.classgate.filter.schedule.Timetable;
import org.classgate.testing.SteppedWallClock;
import org.junit.jupiter.api.Test;

/**
 * A profile's deny and allow entries in the real stages, in the chain's order (special names,
 * locked lists, profile entries, allowances, categories, SafeSearch), and the explainer agreeing
 * with them: locked &gt; deny entry &gt; allow entry / allowance &gt; categories, SafeSearch still
 * applying to a waived name.
 */
class ProfileEntryChainTest {
  private static final Instant NINE = Instant.parse("2026-11-23T09:00:00Z");
  private static final InetAddress TABLET = address("10.0.0.5");

  private final Categories categories = Categories.of(List.of("gambling", "games"));
  private final Categories lockedCategories = Categories.of(List.of("illegal-content"));
  private final DomainSet domains =
      new DomainSet.Builder()
          .add("casino.example", categories.bit("gambling"))
          .add("bet.example", categories.bit("gambling"))
          .add("play.example", categories.bit("games"))
          .add("quiz.example", categories.bit("games"))
          .add("youtube.com", categories.bit("games"))
          .build();
  private final DomainSet locked = new DomainSet.Builder().add("illegal.example", 1).build();
  private final SteppedWallClock clock = new SteppedWallClock(NINE);
  private final ProfileSchedule pupil =
      new ProfileSchedule(
          "pupil",
          Timetable.parse(ZoneOffset.UTC, Map.of()),
          categories.mask(List.of("gambling", "games")),
          Map.of());
  private final SafeSearchRules strict = SafeSearchRules.standard(YouTubeMode.STRICT);
  private final ProfileEntryTable entries;
  private final AllowanceSet allowances;

  ProfileEntryChainTest() throws Exception {
    entries =
        ProfileEntryTable.of(
            Map.of(
                "pupil",
                List.of(name("casino.example"), name("youtube.com"), name("www.illegal.example"))),
            Map.of("pupil", List.of(name("tiktok.com"), name("play.example"))),
            n -> locked.match(n) != 0);
    allowances =
        AllowanceSet.of(
            List.of(allowance(1, "play.example"), allowance(2, "quiz.example")),
            n -> locked.match(n) != 0);
  }

  @Test
  void theExplainerAgreesWithTheChainOnEveryPrecedenceCase() throws Exception {
    StageChain chain = chain();
    PolicyExplainer explainer = explainer();
    Map<String, Verdict> expected =
        Map.of(
            "www.tiktok.com", Verdict.DENIED_BY_ENTRY,
            "play.example", Verdict.DENIED_BY_ENTRY, // a deny entry beats the allowance
            "x.casino.example", Verdict.ALLOWED_BY_ENTRY,
            "www.youtube.com", Verdict.SAFESEARCH, // allowed, and still rewritten
            "quiz.example", Verdict.ALLOWED_BY_ALLOWANCE,
            "www.illegal.example", Verdict.LOCKED, // its allow entry was refused; locked anyway
            "bet.example", Verdict.BLOCKED,
            "school.example", Verdict.ALLOWED,
            "use-application-dns.net", Verdict.SPECIAL);
    for (Map.Entry<String, Verdict> name : expected.entrySet()) {
      Decision decision = explainer.explain(name(name.getKey()));
      assertEquals(name.getValue(), decision.verdict(), name.getKey());
      Answer answer = chain.handle(query(name.getKey())).join();
      assertEquals(outcomeOf(decision.verdict()), answer.outcome(), name.getKey());
    }
  }

  private static Outcome outcomeOf(Verdict verdict) {
    return switch (verdict) {
      case DENIED_BY_ENTRY -> Outcome.DENIED;
      case ALLOWED_BY_ENTRY, ALLOWED_BY_ALLOWANCE -> Outcome.UNBLOCKED;
      default -> Outcome.valueOf(verdict.name());
    };
  }

  @Test
  void theExplanationNamesTheEntryThatDecided() throws Exception {
    Decision denied = explainer().explain(name("a.play.example"));
    assertEquals(name("play.example"), denied.profileEntry());
    assertEquals(List.of(Decision.PROFILE_DENY), denied.blockReasons());
    assertTrue(
        denied
            .explanation()
            .contains(
                "3. profile entries (DECIDES): the deny entry play.example of profile pupil covers"
                    + " the name: blocked (profile-deny)"),
        denied.explanation());
    assertTrue(
        denied.explanation().contains("no allowance overrides the profile's deny entry"),
        denied.explanation());

    Decision allowed = explainer().explain(name("casino.example"));
    assertEquals(name("casino.example"), allowed.profileEntry());
    assertTrue(allowed.blockReasons().isEmpty());
    assertTrue(
        allowed.explanation().contains("the profile's categories are waived for it"),
        allowed.explanation());

    Decision lockedName = explainer().explain(name("www.illegal.example"));
    assertNull(lockedName.profileEntry());
    assertEquals(List.of("illegal-content"), lockedName.blockReasons());
    assertTrue(
        lockedName.explanation().contains("no allow or deny entry of profile pupil covers"),
        "the refused allow entry is not in the profile's entries: " + lockedName.explanation());

    Decision youTube = explainer().explain(name("www.youtube.com"));
    assertTrue(
        youTube.explanation().contains("waived by the allow entry or allowance above"),
        youTube.explanation());
  }

  private PolicyExplainer explainer() {
    return new PolicyExplainer(
        locked,
        lockedCategories,
        domains,
        categories,
        pupil,
        allowances,
        strict,
        SpecialNames.canaries(),
        entries.forProfile("pupil"),
        clock);
  }

  private StageChain chain() throws Exception {
    BlockAnswer blockAnswer =
        new BlockAnswer(
            BlockAnswer.Mode.ADDRESS,
            (Inet4Address) InetAddress.getByName("192.0.2.80"),
            (Inet6Address) InetAddress.getByName("2001:db8::80"),
            30);
    DnsStage upstream =
        (query, next) -> {
          try {
            byte[] wire =
                UpstreamAnswerBytes.to(query.message())
                    .a(query.question().name().toString(), "198.51.100.1")
                    .bytes();
            return CompletableFuture.completedFuture(Answer.of(wire, Outcome.ALLOWED));
          } catch (Exception e) {
            return CompletableFuture.failedFuture(e);
          }
        };
    return StageChain.of(
        List.of(
            new SpecialNames(),
            new LockedLists(() -> locked, blockAnswer),
            new ProfileEntryPolicy(entries, blockAnswer),
            new TemporaryUnblocks(() -> allowances, clock),
            new CategoryPolicy(() -> domains, blockAnswer),
            new SafeSearch(profile -> strict),
            upstream));
  }

  private DnsQuery query(String text) throws Exception {
    Message message =
        new Message(
            7,
            Flags.RD,
            new Question(name(text), RecordType.A, RecordType.CLASS_IN),
            List.of(),
            List.of(),
            List.of(),
            null);
    byte[] raw = message.toWire();
    DnsQuery query = new DnsQuery(raw, TABLET, Transport.UDP, 0);
    query.parsed(Message.parse(raw));
    query.identified(pupil.valueAt(clock.instant()));
    return query;
  }

  private static Allowance allowance(long id, String domain) throws Exception {
    Person oso = new Person("oso", Role.ONLINE_SAFETY_OFFICER);
    AllowanceRequest request =
        new AllowanceRequest(
            name(domain),
            AllowanceScope.CLASSROOM,
            NINE,
            NINE.plus(Duration.ofMinutes(60)),
            "lesson",
            oso,
            Set.of());
    return new Allowance(id, new Approval(request, oso, NINE, RiskLevel.LOW));
  }

  private static Name name(String text) throws Exception {
    return Name.of(text);
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }
}
