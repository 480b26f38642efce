package org.classgate.filter.allowance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.function.Predicate;
import org.classgate.dns.wire.Name;
import org.classgate.filter.DomainSet;
import org.classgate.filter.allowance.AllowanceRefused.Kind;
import org.classgate.testing.SteppedWallClock;
import org.junit.jupiter.api.Test;

class AllowancesTest {
  private static final Instant NINE = Instant.parse("2026-11-23T09:00:00Z");
  private static final Person TEACHER = new Person("t.jones", Role.TEACHER);
  private static final Person OTHER_TEACHER = new Person("t.patel", Role.TEACHER);
  private static final Person OSO = new Person("oso.khan", Role.ONLINE_SAFETY_OFFICER);
  private static final Person HEAD = new Person("head.ellis", Role.HEADTEACHER);
  private static final Predicate<Name> NOTHING_LOCKED = name -> false;

  private final SteppedWallClock clock = new SteppedWallClock(NINE);
  private final Allowances allowances = new Allowances(ApprovalRules.defaults(), clock);

  private static AllowanceRequest request(Person by, Duration length, Set<String> categories)
      throws Exception {
    return new AllowanceRequest(
        Name.of("drugs-education.example"),
        new AllowanceScope.ProfileScope("pupil"),
        NINE,
        NINE.plus(length),
        "PSHE lesson on drug awareness",
        by,
        categories);
  }

  @Test
  void aTeacherApprovesTheirOwnLowRiskRequestForExactlyTheFastPathLimit() throws Exception {
    Approval approval =
        allowances.approve(
            request(TEACHER, Duration.ofMinutes(60), Set.of("drugs")), TEACHER, NOTHING_LOCKED);
    assertEquals(TEACHER, approval.approvedBy());
    assertEquals(NINE, approval.approvedAt());
    assertEquals(RiskLevel.LOW, approval.risk());
    assertEquals(Duration.ofMinutes(60), approval.duration());
  }

  @Test
  void oneMinuteOverTheFastPathNeedsASeniorApprover() throws Exception {
    AllowanceRequest request = request(TEACHER, Duration.ofMinutes(61), Set.of("drugs"));
    AllowanceRefused refused =
        assertThrows(
            AllowanceRefused.class, () -> allowances.approve(request, TEACHER, NOTHING_LOCKED));
    assertEquals(Kind.FAST_PATH_TOO_LONG, refused.kind());
    assertTrue(refused.getMessage().contains("at most 60 minutes"), refused.getMessage());
    assertTrue(refused.getMessage().contains("lasts 61 minutes"), refused.getMessage());
    // The same request is fine for the Online Safety Officer.
    assertEquals(OSO, allowances.approve(request, OSO, NOTHING_LOCKED).approvedBy());
  }

  @Test
  void aSecondOverTheFastPathIsAlreadyTooLong() throws Exception {
    AllowanceRequest request = request(TEACHER, Duration.ofMinutes(60).plusSeconds(1), Set.of());
    assertEquals(
        Kind.FAST_PATH_TOO_LONG,
        assertThrows(
                AllowanceRefused.class, () -> allowances.approve(request, TEACHER, NOTHING_LOCKED))
            .kind());
  }

  @Test
  void aHighRiskCategoryClosesTheFastPathWhateverTheLength() throws Exception {
    AllowanceRequest request = request(TEACHER, Duration.ofMinutes(5), Set.of("drugs", "gambling"));
    AllowanceRefused refused =
        assertThrows(
            AllowanceRefused.class, () -> allowances.approve(request, TEACHER, NOTHING_LOCKED));
    assertEquals(Kind.FAST_PATH_HIGH_RISK, refused.kind());
    assertTrue(refused.getMessage().contains("[gambling]"), refused.getMessage());
    Approval approved = allowances.approve(request, HEAD, NOTHING_LOCKED);
    assertEquals(RiskLevel.HIGH, approved.risk());
  }

  @Test
  void everyDefaultHighRiskCategoryIsRefusedOnTheFastPath() throws Exception {
    for (String category : ApprovalRules.DEFAULT_HIGH_RISK) {
      AllowanceRequest request = request(TEACHER, Duration.ofMinutes(10), Set.of(category));
      assertEquals(
          Kind.FAST_PATH_HIGH_RISK,
          assertThrows(
                  AllowanceRefused.class,
                  () -> allowances.approve(request, TEACHER, NOTHING_LOCKED),
                  category)
              .kind());
    }
    // The two the policy names as research topics are low-risk.
    assertEquals(
        RiskLevel.LOW, ApprovalRules.defaults().riskOf(Set.of("discrimination-and-hate", "drugs")));
  }

  @Test
  void aTeacherCannotApproveSomeoneElsesRequest() throws Exception {
    AllowanceRequest request = request(OTHER_TEACHER, Duration.ofMinutes(10), Set.of());
    AllowanceRefused refused =
        assertThrows(
            AllowanceRefused.class, () -> allowances.approve(request, TEACHER, NOTHING_LOCKED));
    assertEquals(Kind.NOT_OWN_REQUEST, refused.kind());
    assertTrue(refused.getMessage().contains("t.patel"), refused.getMessage());
  }

  @Test
  void aHighRiskAllowanceNeedsASecondPersonEvenForSeniorStaff() throws Exception {
    AllowanceRequest own = request(OSO, Duration.ofDays(3), Set.of("extremism"));
    assertEquals(
        Kind.SECOND_PERSON_NEEDED,
        assertThrows(AllowanceRefused.class, () -> allowances.approve(own, OSO, NOTHING_LOCKED))
            .kind());
    assertEquals(HEAD, allowances.approve(own, HEAD, NOTHING_LOCKED).approvedBy());
    // A low-risk request the officer makes is theirs to approve.
    AllowanceRequest low = request(OSO, Duration.ofDays(3), Set.of("social-media"));
    assertEquals(OSO, allowances.approve(low, OSO, NOTHING_LOCKED).approvedBy());
    // And the rule can be turned off.
    Allowances lenient =
        new Allowances(
            new ApprovalRules(
                ApprovalRules.DEFAULT_HIGH_RISK,
                Duration.ofMinutes(60),
                Duration.ofDays(92),
                false),
            clock);
    assertEquals(OSO, lenient.approve(own, OSO, NOTHING_LOCKED).approvedBy());
  }

  @Test
  void lockedNamesAreRefusedToEveryoneBeforeAnyOtherRule() throws Exception {
    DomainSet locked = new DomainSet.Builder().add("example", 1).build();
    Predicate<Name> isLocked = name -> locked.match(name) != 0;
    AllowanceRequest request = request(HEAD, Duration.ofDays(400), Set.of("illegal-content"));
    for (Person approver : new Person[] {TEACHER, OSO, HEAD}) {
      AllowanceRefused refused =
          assertThrows(
              AllowanceRefused.class, () -> allowances.approve(request, approver, isLocked));
      assertEquals(Kind.LOCKED, refused.kind());
      assertTrue(refused.getMessage().contains("drugs-education.example."), refused.getMessage());
    }
  }

  @Test
  void aFailingLockCheckRefusesInsteadOfAllowing() throws Exception {
    AllowanceRequest request = request(TEACHER, Duration.ofMinutes(10), Set.of());
    AllowanceRefused refused =
        assertThrows(
            AllowanceRefused.class,
            () ->
                allowances.approve(
                    request,
                    TEACHER,
                    name -> {
                      throw new IllegalStateException("locked list not loaded");
                    }));
    assertEquals(Kind.LOCK_CHECK_FAILED, refused.kind());
    assertTrue(refused.getMessage().contains("locked list not loaded"), refused.getMessage());
  }

  @Test
  void durationIsCountedFromNowWhenTheStartHasPassed() throws Exception {
    AllowanceRequest request = request(TEACHER, Duration.ofMinutes(90), Set.of());
    clock.advance(Duration.ofMinutes(30));
    Approval approval = allowances.approve(request, TEACHER, NOTHING_LOCKED);
    assertEquals(NINE.plus(Duration.ofMinutes(30)), approval.request().start());
    assertEquals(Duration.ofMinutes(60), approval.duration());
  }

  @Test
  void anAllowanceThatHasAlreadyEndedIsRefused() throws Exception {
    AllowanceRequest request = request(OSO, Duration.ofMinutes(45), Set.of());
    clock.advance(Duration.ofMinutes(45));
    assertEquals(
        Kind.ALREADY_EXPIRED,
        assertThrows(AllowanceRefused.class, () -> allowances.approve(request, OSO, NOTHING_LOCKED))
            .kind());
  }

  @Test
  void nobodyApprovesLongerThanTheLongestAllowance() throws Exception {
    AllowanceRequest request = request(TEACHER, Duration.ofDays(93), Set.of());
    AllowanceRefused refused =
        assertThrows(
            AllowanceRefused.class, () -> allowances.approve(request, HEAD, NOTHING_LOCKED));
    assertEquals(Kind.TOO_LONG, refused.kind());
    assertTrue(refused.getMessage().contains("92 days"), refused.getMessage());
  }

  @Test
  void requestsAreValidatedWhenMade() throws Exception {
    Name domain = Name.of("example.org");
    AllowanceScope scope = AllowanceScope.CLASSROOM;
    Instant later = NINE.plusSeconds(60);
    assertThrows(
        IllegalArgumentException.class,
        () -> new AllowanceRequest(Name.of("org"), scope, NINE, later, "r", TEACHER, Set.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new AllowanceRequest(domain, scope, NINE, NINE, "r", TEACHER, Set.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new AllowanceRequest(domain, scope, NINE, later, " \n\t", TEACHER, Set.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new AllowanceRequest(domain, scope, NINE, later, "a\uD800b", TEACHER, Set.of()));
    assertThrows(
        IllegalArgumentException.class,
        () -> new AllowanceRequest(domain, scope, NINE, later, "r", TEACHER, Set.of("Adult")));
    assertThrows(IllegalArgumentException.class, () -> new Person("a\nb", Role.TEACHER));
    assertThrows(
        IllegalArgumentException.class, () -> new AllowanceScope.ProfileScope("Pupil; DROP"));
    AllowanceRequest mixedCase =
        new AllowanceRequest(
            Name.of("WWW.Example.ORG"), scope, NINE, later, "r", TEACHER, Set.of("b", "a"));
    assertEquals("www.example.org.", mixedCase.domain().toString());
    assertEquals("[a, b]", mixedCase.categories().toString());
  }

  @Test
  void rulesAreValidated() {
    assertThrows(
        IllegalArgumentException.class,
        () -> new ApprovalRules(Set.of(), Duration.ofMinutes(-1), Duration.ofDays(1), true));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ApprovalRules(Set.of(), Duration.ofDays(2), Duration.ofDays(1), true));
    assertThrows(
        IllegalArgumentException.class,
        () -> new ApprovalRules(Set.of(), Duration.ZERO, Duration.ZERO, true));
  }

  @Test
  void aZeroFastPathTurnsItOff() throws Exception {
    Allowances strict =
        new Allowances(new ApprovalRules(Set.of(), Duration.ZERO, Duration.ofDays(1), true), clock);
    AllowanceRequest request = request(TEACHER, Duration.ofMinutes(1), Set.of());
    assertEquals(
        Kind.FAST_PATH_TOO_LONG,
        assertThrows(AllowanceRefused.class, () -> strict.approve(request, TEACHER, NOTHING_LOCKED))
            .kind());
  }
}
