package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Predicate;
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
import org.classgate.filter.Decision.CategoryMatch;
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

class PolicyExplainerTest {
  private static final ZoneId LONDON = ZoneId.of("Europe/London");

  /** A Monday in lessons (09:00-12:00); lunch is 12:00-13:00. */
  private static final Instant MONDAY_0930 = london("2024-01-15T09:30");

  private static final Person OSO = new Person("oso", Role.ONLINE_SAFETY_OFFICER);
  private static final InetAddress TABLET = address("10.0.0.5");
  private static final InetAddress LAPTOP = address("10.0.0.6");

  private final Categories categories = Categories.of(List.of("gambling", "games", "social"));
  private final int gambling = categories.bit("gambling");
  private final int games = categories.bit("games");
  private final int social = categories.bit("social");
  private final Categories lockedCategories = Categories.of(List.of("iwf"));

  private final DomainSet domains =
      new DomainSet.Builder()
          .add("casino.example", gambling)
          .add("play.example", games)
          .add("www.play.example", games)
          .add("chat.play.example", social)
          .add("youtube.com", games)
          .add("use-application-dns.net", social)
          .build();
  private final DomainSet locked =
      new DomainSet.Builder().add("illegal.example", lockedCategories.bit("iwf")).build();

  private final ProfileSchedule pupil;
  private final SteppedWallClock clock = new SteppedWallClock(MONDAY_0930);
  private final SafeSearchRules strict = SafeSearchRules.standard(YouTubeMode.STRICT);

  /** 1: play.example for the classroom 09:00-10:00; 2: casino.example for the tablet only. */
  private final Allowance lessonAllowance;

  private final Allowance tabletAllowance;

  PolicyExplainerTest() throws Exception {
    Map<String, String> periods = new LinkedHashMap<>();
    periods.put("lessons", "Mon-Fri 09:00-12:00");
    periods.put("lunch", "Mon-Fri 12:00-13:00");
    Timetable timetable = Timetable.parse(LONDON, periods);
    pupil =
        new ProfileSchedule(
            "pupil", timetable, gambling, Map.of("lessons", gambling | games | social));
    lessonAllowance =
        allowance(1, "play.example", AllowanceScope.CLASSROOM, london("2024-01-15T09:00"), 60);
    tabletAllowance =
        allowance(2, "casino.example", new AllowanceScope.DeviceScope(TABLET), MONDAY_0930, 8 * 60);
  }

  private static Instant london(String local) {
    return LocalDateTime.parse(local).atZone(LONDON).toInstant();
  }

  private static InetAddress address(String literal) {
    try {
      return InetAddress.getByName(literal);
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  private static Name name(String text) throws Exception {
    return Name.of(text);
  }

  private static Allowance allowance(
      long id, String domain, AllowanceScope scope, Instant start, long minutes) throws Exception {
    AllowanceRequest request =
        new AllowanceRequest(
            name(domain),
            scope,
            start,
            start.plus(Duration.ofMinutes(minutes)),
            "lesson on game design",
            OSO,
            Set.of());
    return new Allowance(id, new Approval(request, OSO, start, RiskLevel.LOW));
  }

  private PolicyExplainer explainer(AllowanceSet allowances) {
    return new PolicyExplainer(
        locked,
        lockedCategories,
        domains,
        categories,
        pupil,
        allowances,
        strict,
        SpecialNames.canaries(),
        clock);
  }

  private PolicyExplainer explainer() {
    Predicate<Name> isLocked = name -> locked.match(name) != 0;
    return explainer(AllowanceSet.of(List.of(lessonAllowance, tabletAllowance), isLocked));
  }

  @Test
  void aCanaryNameIsSpecialBeforeAnyList() throws Exception {
    Decision decision = explainer().explain(name("USE-application-dns.net"));
    assertEquals(Verdict.SPECIAL, decision.verdict());
    assertEquals(
        List.of(new CategoryMatch("social", false, true, name("use-application-dns.net"))),
        decision.categories(),
        "the lists are still reported");
    assertTrue(decision.explanation().contains("1. special names (DECIDES): a canary name"));
    assertTrue(decision.explanation().contains("5. categories (not reached)"));
  }

  @Test
  void aLockedNameIsLockedAndNoAllowanceBeatsIt() throws Exception {
    // This allowance set's own locked check sees nothing, so on its own it would allow the name:
    // the explainer must still put the locked list first, as the chain does.
    Allowance wrong = allowance(3, "illegal.example", AllowanceScope.CLASSROOM, MONDAY_0930, 30);
    PolicyExplainer explainer = explainer(AllowanceSet.of(List.of(wrong), name -> false));
    for (InetAddress client : new InetAddress[] {null, TABLET}) {
      Decision decision = explainer.explain(name("www.illegal.example"), client);
      assertEquals(Verdict.LOCKED, decision.verdict());
      assertEquals(
          List.of(new CategoryMatch("iwf", true, true, name("illegal.example"))),
          decision.categories());
      assertNull(decision.allowance(), "no allowance applied");
      assertTrue(
          decision.explanation().contains("2. locked lists (DECIDES): on the locked list iwf"),
          decision.explanation());
      assertTrue(
          decision.explanation().contains("allowance 3 (illegal.example for the whole classroom"),
          decision.explanation());
      assertTrue(decision.explanation().contains("no allowance overrides the stage above"));
    }
  }

  @Test
  void anAllowanceBeatsTheCategoriesUntilItExpiresThenLunchUnblocksGames() throws Exception {
    PolicyExplainer explainer = explainer();
    Name name = name("x.chat.play.example");

    Decision allowed = explainer.explain(name, LAPTOP);
    assertEquals(Verdict.ALLOWED_BY_ALLOWANCE, allowed.verdict());
    assertEquals("lessons", allowed.period());
    assertEquals(lessonAllowance.describe(), allowed.allowance());
    assertEquals(
        List.of(
            new CategoryMatch("games", false, true, name("play.example")),
            new CategoryMatch("social", false, true, name("chat.play.example"))),
        allowed.categories());
    assertTrue(allowed.explanation().contains("4. allowances (DECIDES): allowance 1"));

    clock.advance(Duration.ofHours(1)); // 10:30: the allowance has expired, still lessons
    Decision blocked = explainer.explain(name, LAPTOP);
    assertEquals(Verdict.BLOCKED, blocked.verdict());
    assertEquals(List.of("games", "social"), blocked.blockingCategories());
    assertNull(blocked.allowance());
    assertTrue(blocked.explanation().contains("expired at 2024-01-15T10:00:00Z"));
    assertTrue(
        blocked
            .explanation()
            .contains(
                "5. categories (DECIDES): games (listed as play.example): blocked in lessons"),
        blocked.explanation());

    clock.advance(Duration.ofHours(2)); // 12:30: lunch blocks only gambling
    Decision lunch = explainer.explain(name, LAPTOP);
    assertEquals(Verdict.ALLOWED, lunch.verdict());
    assertEquals("lunch", lunch.period());
    assertEquals(
        List.of(
            new CategoryMatch("games", false, false, name("play.example")),
            new CategoryMatch("social", false, false, name("chat.play.example"))),
        lunch.categories());
    assertTrue(lunch.explanation().contains("not blocked in lunch"));
  }

  @Test
  void theHighestListedEntryOfACategoryIsTheOneReported() throws Exception {
    // Both play.example and www.play.example are listed as games.
    Decision decision = explainer().explain(name("a.www.play.example"));
    assertEquals(
        List.of(new CategoryMatch("games", false, true, name("play.example"))),
        decision.categories());
  }

  @Test
  void aDeviceAllowanceAppliesOnlyToThatDevice() throws Exception {
    PolicyExplainer explainer = explainer();
    Name casino = name("www.casino.example");
    assertEquals(Verdict.ALLOWED_BY_ALLOWANCE, explainer.explain(casino, TABLET).verdict());
    Decision laptop = explainer.explain(casino, LAPTOP);
    assertEquals(Verdict.BLOCKED, laptop.verdict());
    assertTrue(laptop.explanation().contains("is for device 10.0.0.5"), laptop.explanation());
    Decision anyDevice = explainer.explain(casino);
    assertEquals(Verdict.BLOCKED, anyDevice.verdict());
    assertTrue(anyDevice.explanation().contains("device allowances not considered"));
  }

  @Test
  void safeSearchRewritesOnlyWhatTheCategoriesLetThrough() throws Exception {
    PolicyExplainer explainer = explainer();
    Decision google = explainer.explain(name("www.google.co.uk"));
    assertEquals(Verdict.SAFESEARCH, google.verdict());
    assertEquals(name("forcesafesearch.google.com"), google.safeSearchTarget());
    assertTrue(google.explanation().contains("a CNAME to forcesafesearch.google.com"));

    Decision youTubeInLessons = explainer.explain(name("www.youtube.com"));
    assertEquals(Verdict.BLOCKED, youTubeInLessons.verdict(), "games are blocked in lessons");
    assertNull(youTubeInLessons.safeSearchTarget());
    assertTrue(youTubeInLessons.explanation().contains("6. SafeSearch (not reached)"));

    clock.advance(Duration.ofHours(3)); // lunch
    Decision youTubeAtLunch = explainer.explain(name("www.youtube.com"));
    assertEquals(Verdict.SAFESEARCH, youTubeAtLunch.verdict());
    assertEquals(name("restrict.youtube.com"), youTubeAtLunch.safeSearchTarget());
  }

  @Test
  void anUnlistedNameIsAllowed() throws Exception {
    Decision decision = explainer(AllowanceSet.empty()).explain(name("school.example"));
    assertEquals(Verdict.ALLOWED, decision.verdict());
    assertEquals(List.of(), decision.categories());
    assertEquals(MONDAY_0930, decision.at());
    assertEquals("pupil", decision.profile());
    assertTrue(decision.explanation().startsWith("school.example for profile pupil at "));
    assertTrue(decision.explanation().contains("not listed in any category"));
    assertTrue(decision.explanation().contains("CNAME and DNAME targets"));
  }

  /**
   * The explainer agrees with the real stages in the chain's order (special names, locked lists,
   * category policy, SafeSearch) on every verdict they can reach, now and after a period change.
   */
  @Test
  void verdictsMatchWhatTheChainDoes() throws Exception {
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
    StageChain chain =
        StageChain.of(
            List.of(
                new SpecialNames(),
                new LockedLists(() -> locked, blockAnswer),
                new CategoryPolicy(() -> domains, blockAnswer),
                new SafeSearch(profile -> strict),
                upstream));
    PolicyExplainer explainer = explainer(AllowanceSet.empty());
    List<String> names =
        List.of(
            "use-application-dns.net",
            "mask.icloud.com",
            "www.illegal.example",
            "casino.example",
            "play.example",
            "x.chat.play.example",
            "www.youtube.com",
            "www.google.com",
            "www.bing.com",
            "school.example");
    for (int step = 0; step < 2; step++) {
      for (String text : names) {
        Decision decision = explainer.explain(name(text));
        Outcome outcome = chain.handle(query(text)).join().outcome();
        assertEquals(Outcome.valueOf(decision.verdict().name()), outcome, text + " " + step);
      }
      clock.advance(Duration.ofHours(3)); // into lunch
    }
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
}
