package org.classgate.filter.allowance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Name;
import org.classgate.filter.DomainSet;
import org.junit.jupiter.api.Test;

class AllowanceSetTest {
  private static final Instant NINE = Instant.parse("2026-11-23T09:00:00Z");
  private static final Instant TEN = NINE.plus(Duration.ofHours(1));
  private static final Person OSO = new Person("oso", Role.ONLINE_SAFETY_OFFICER);
  private static final Predicate<Name> NOTHING_LOCKED = name -> false;

  private static final InetAddress TABLET = address("10.20.0.17");
  private static final InetAddress LAPTOP = address("10.20.0.18");
  private static final InetAddress V6_TABLET = address("fd00:20::17");

  private long nextId = 1;

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

  private Allowance allowance(String domain, AllowanceScope scope, Instant start, Instant expiry)
      throws Exception {
    AllowanceRequest request =
        new AllowanceRequest(name(domain), scope, start, expiry, "lesson", OSO, Set.of());
    return new Allowance(nextId++, new Approval(request, OSO, start, RiskLevel.LOW));
  }

  private Allowance classroom(String domain) throws Exception {
    return allowance(domain, AllowanceScope.CLASSROOM, NINE, TEN);
  }

  @Test
  void anAllowanceCoversTheDomainAndEverySubdomainButNoLookalike() throws Exception {
    AllowanceSet set = AllowanceSet.of(List.of(classroom("example.com")), NOTHING_LOCKED);
    Instant now = NINE.plusSeconds(1);
    assertTrue(set.allows("pupil", TABLET, name("example.com"), now));
    assertTrue(set.allows("pupil", TABLET, name("www.example.com"), now));
    assertTrue(set.allows("pupil", TABLET, name("a.b.c.example.com."), now));
    assertFalse(set.allows("pupil", TABLET, name("notexample.com"), now), "not a label boundary");
    assertFalse(set.allows("pupil", TABLET, name("www.notexample.com"), now));
    assertFalse(set.allows("pupil", TABLET, name("example.com.evil.net"), now));
    assertFalse(set.allows("pupil", TABLET, name("example.co"), now));
    assertFalse(set.allows("pupil", TABLET, name("com"), now), "the parent is not allowed");
    assertFalse(set.allows("pupil", TABLET, Name.ROOT, now));
  }

  @Test
  void aSubdomainAllowanceDoesNotCoverItsParentOrSiblings() throws Exception {
    AllowanceSet set = AllowanceSet.of(List.of(classroom("maps.example.com")), NOTHING_LOCKED);
    Instant now = NINE;
    assertTrue(set.allows("pupil", TABLET, name("tiles.maps.example.com"), now));
    assertFalse(set.allows("pupil", TABLET, name("example.com"), now));
    assertFalse(set.allows("pupil", TABLET, name("mail.example.com"), now));
    assertFalse(set.allows("pupil", TABLET, name("xmaps.example.com"), now));
  }

  @Test
  void caseIsIgnored() throws Exception {
    AllowanceSet set = AllowanceSet.of(List.of(classroom("Example.COM")), NOTHING_LOCKED);
    assertTrue(set.allows("pupil", TABLET, name("WWW.EXAMPLE.com"), NINE));
    assertTrue(set.allows("pupil", TABLET, name("eXaMpLe.CoM"), NINE));
  }

  @Test
  void scopesSelectProfileDeviceOrClassroom() throws Exception {
    AllowanceSet set =
        AllowanceSet.of(
            List.of(
                allowance(
                    "for-pupils.example", new AllowanceScope.ProfileScope("pupil"), NINE, TEN),
                allowance("for-tablet.example", new AllowanceScope.DeviceScope(TABLET), NINE, TEN),
                allowance("for-v6.example", new AllowanceScope.DeviceScope(V6_TABLET), NINE, TEN),
                allowance("for-all.example", AllowanceScope.CLASSROOM, NINE, TEN)),
            NOTHING_LOCKED);
    Instant now = NINE.plusSeconds(600);

    assertTrue(set.allows("pupil", LAPTOP, name("for-pupils.example"), now));
    assertFalse(set.allows("staff", LAPTOP, name("for-pupils.example"), now));
    assertFalse(set.allows(null, LAPTOP, name("for-pupils.example"), now), "no profile");

    assertTrue(set.allows("staff", TABLET, name("for-tablet.example"), now));
    assertTrue(set.allows(null, address("10.20.0.17"), name("for-tablet.example"), now));
    assertFalse(set.allows("pupil", LAPTOP, name("for-tablet.example"), now));
    assertTrue(set.allows("pupil", address("fd00:20:0:0::17"), name("for-v6.example"), now));
    assertFalse(set.allows("pupil", TABLET, name("for-v6.example"), now));

    assertTrue(set.allows(null, LAPTOP, name("for-all.example"), now));
    assertTrue(set.allows("visitor", V6_TABLET, name("x.for-all.example"), now));
  }

  @Test
  void aDeviceScopeForgetsTheIpv6ZoneItWasSeenWith() throws Exception {
    InetAddress zoned = Inet6Address.getByAddress(null, V6_TABLET.getAddress(), 7);
    AllowanceScope.DeviceScope scope = new AllowanceScope.DeviceScope(zoned);
    assertEquals("fd00:20:0:0:0:0:0:17", scope.value());
    assertTrue(scope.covers(null, V6_TABLET));
    assertTrue(scope.covers(null, zoned));
  }

  @Test
  void severalAllowancesForOneDomainAreEachChecked() throws Exception {
    AllowanceSet set =
        AllowanceSet.of(
            List.of(
                allowance("shared.example", new AllowanceScope.DeviceScope(LAPTOP), NINE, TEN),
                allowance(
                    "shared.example",
                    new AllowanceScope.ProfileScope("pupil"),
                    TEN,
                    TEN.plus(Duration.ofHours(1)))),
            NOTHING_LOCKED);
    assertTrue(set.allows("pupil", LAPTOP, name("shared.example"), NINE));
    assertFalse(set.allows("pupil", TABLET, name("shared.example"), NINE), "pupils from ten");
    assertTrue(set.allows("pupil", TABLET, name("shared.example"), TEN));
    assertFalse(set.allows("staff", LAPTOP, name("shared.example"), TEN), "laptop until ten");
  }

  @Test
  void anAllowanceMatchesFromItsStartUntilJustBeforeItsExpiry() throws Exception {
    AllowanceSet set = AllowanceSet.of(List.of(classroom("example.com")), NOTHING_LOCKED);
    Name www = name("www.example.com");
    assertFalse(set.allows("pupil", TABLET, www, NINE.minusNanos(1)));
    assertTrue(set.allows("pupil", TABLET, www, NINE));
    assertTrue(set.allows("pupil", TABLET, www, TEN.minusNanos(1)));
    assertFalse(set.allows("pupil", TABLET, www, TEN), "expired: it simply stops matching");
    assertFalse(set.allows("pupil", TABLET, www, TEN.plus(Duration.ofDays(1))));
  }

  @Test
  void aLockedNameIsNeverAllowedEvenBelowAnAllowedDomain() throws Exception {
    DomainSet locked = new DomainSet.Builder().add("bad.example.com", 1).build();
    Predicate<Name> isLocked = n -> locked.match(n) != 0;
    AllowanceSet set = AllowanceSet.of(List.of(classroom("example.com")), isLocked);
    assertTrue(set.allows("pupil", TABLET, name("www.example.com"), NINE));
    assertFalse(set.allows("pupil", TABLET, name("bad.example.com"), NINE));
    assertFalse(set.allows("pupil", TABLET, name("deeper.BAD.example.com"), NINE));

    // A lock added to the whole domain after approval wins over the allowance.
    DomainSet lockedLater = new DomainSet.Builder().add("example.com", 1).build();
    AllowanceSet rebuilt = AllowanceSet.of(set.allowances(), n -> lockedLater.match(n) != 0);
    assertFalse(rebuilt.allows("pupil", TABLET, name("example.com"), NINE));
    assertFalse(rebuilt.allows("pupil", TABLET, name("www.example.com"), NINE));
  }

  @Test
  void aFailingLockCheckFailsTheLookupRatherThanAllowing() throws Exception {
    AllowanceSet set =
        AllowanceSet.of(
            List.of(classroom("example.com")),
            n -> {
              throw new IllegalStateException("locked lists unavailable");
            });
    assertThrows(
        IllegalStateException.class,
        () -> set.allows("pupil", TABLET, name("www.example.com"), NINE));
    // Names no allowance covers never reach the lock check.
    assertFalse(set.allows("pupil", TABLET, name("other.example"), NINE));
  }

  @Test
  void housekeepingDropsExpiredAllowancesAndSaysWhenTheNextChangeIs() throws Exception {
    Allowance first = classroom("first.example");
    Allowance later =
        allowance("later.example", AllowanceScope.CLASSROOM, TEN, TEN.plus(Duration.ofMinutes(30)));
    AllowanceSet set = AllowanceSet.of(List.of(later, first), NOTHING_LOCKED);
    assertEquals(List.of(first, later), set.allowances(), "ordered by id");
    assertEquals(Optional.of(TEN), set.nextChangeAfter(NINE));
    assertEquals(Optional.of(TEN.plus(Duration.ofMinutes(30))), set.nextChangeAfter(TEN));

    assertSame(set, set.withoutExpired(NINE));
    assertEquals(List.of(first), set.expiredAt(TEN));
    AllowanceSet kept = set.withoutExpired(TEN);
    assertEquals(List.of(later), kept.allowances());
    assertTrue(kept.allows("pupil", TABLET, name("later.example"), TEN));
    assertFalse(kept.allows("pupil", TABLET, name("first.example"), NINE));
    assertEquals(Optional.empty(), kept.nextChangeAfter(TEN.plus(Duration.ofHours(1))));
    assertEquals(0, kept.withoutExpired(TEN.plus(Duration.ofHours(1))).size());
  }

  @Test
  void anEmptySetAllowsNothing() throws Exception {
    assertFalse(AllowanceSet.empty().allows("pupil", TABLET, name("example.com"), NINE));
    assertFalse(AllowanceSet.of(List.of(), NOTHING_LOCKED).allows(null, TABLET, Name.ROOT, NINE));
  }

  @Test
  void manyDomainsAndHostileNamesAreLookedUpCorrectly() throws Exception {
    List<Allowance> many = new ArrayList<>();
    for (int i = 0; i < 500; i++) {
      many.add(classroom("site" + i + ".school" + (i % 7) + ".example"));
    }
    AllowanceSet set = AllowanceSet.of(many, NOTHING_LOCKED);
    for (int i = 0; i < 500; i++) {
      assertTrue(
          set.allows(
              "pupil", TABLET, name("www.site" + i + ".school" + (i % 7) + ".example"), NINE));
      assertFalse(
          set.allows(
              "pupil", TABLET, name("site" + i + ".school" + ((i + 1) % 7) + ".example"), NINE));
    }
    // 127 one-byte labels: the longest name there is; and labels holding dots and NULs.
    StringBuilder deep = new StringBuilder();
    for (int i = 0; i < 126; i++) {
      deep.append("a.");
    }
    assertFalse(set.allows("pupil", TABLET, name(deep + "b"), NINE));
    assertFalse(set.allows("pupil", TABLET, name("site1\\.school1.example"), NINE));
    assertFalse(set.allows("pupil", TABLET, name("site1\\000.school1.example"), NINE));
  }

  /**
   * The hot path must not allocate. Measured with HotSpot's per-thread allocation counter around a
   * hundred thousand lookups of every kind (miss, hit, out of scope, expired, locked, parsed from a
   * real DNS message); one allocation per call would show as at least 1.6 MB.
   */
  @Test
  void lookupsDoNotAllocate() throws Exception {
    java.lang.management.ThreadMXBean bean = ManagementFactory.getThreadMXBean();
    assumeTrue(
        bean instanceof com.sun.management.ThreadMXBean sun
            && sun.isThreadAllocatedMemorySupported()
            && sun.isThreadAllocatedMemoryEnabled(),
        "this JVM cannot count allocated bytes per thread");
    com.sun.management.ThreadMXBean counter = (com.sun.management.ThreadMXBean) bean;

    DomainSet locked = new DomainSet.Builder().add("bad.example.com", 1).build();
    List<Allowance> list = new ArrayList<>();
    for (int i = 0; i < 50; i++) {
      list.add(
          allowance("site" + i + ".example", new AllowanceScope.ProfileScope("pupil"), NINE, TEN));
    }
    list.add(allowance("example.com", new AllowanceScope.DeviceScope(TABLET), NINE, TEN));
    AllowanceSet set = AllowanceSet.of(list, n -> locked.match(n) != 0);
    Name[] names = {
      name("www.example.com"),
      name("bad.example.com"),
      name("notexample.com"),
      name("a.b.c.d.e.f.site42.example"),
      name("unrelated.test"),
      questionName("cdn.SITE7.example")
    };
    Instant[] times = {NINE, TEN, NINE.plusSeconds(1)};
    long hits = 0;
    for (int round = 0; round < 2; round++) {
      long before = counter.getThreadAllocatedBytes(Thread.currentThread().getId());
      for (int i = 0; i < 100_000; i++) {
        Name n = names[i % names.length];
        InetAddress client = (i & 1) == 0 ? TABLET : LAPTOP;
        if (set.allows((i & 2) == 0 ? "pupil" : "staff", client, n, times[i % times.length])) {
          hits++;
        }
      }
      long allocated = counter.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
      if (round == 1) {
        // Round 0 warms up (class loading, JIT); a small allowance covers the counter's own use.
        assertTrue(allocated < 16 * 1024, "100,000 lookups allocated " + allocated + " bytes");
      }
    }
    assertTrue(hits > 0, "the loop must exercise matches too");
  }

  /** A name as the DNS path sees it: parsed out of a query message. */
  private static Name questionName(String text) throws Exception {
    org.xbill.DNS.Message query =
        org.xbill.DNS.Message.newQuery(
            org.xbill.DNS.Record.newRecord(
                org.xbill.DNS.Name.fromString(text + "."), org.xbill.DNS.Type.A, 1));
    return Message.parse(query.toWire()).question().name();
  }
}
