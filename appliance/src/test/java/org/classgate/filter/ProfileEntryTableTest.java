package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.classgate.dns.Profile;
import org.classgate.dns.wire.Message;
import org.classgate.dns.wire.Name;
import org.classgate.filter.allowance.AllowanceRefused;
import org.classgate.filter.allowance.AllowanceRequest;
import org.classgate.filter.allowance.AllowanceScope;
import org.classgate.filter.allowance.Allowances;
import org.classgate.filter.allowance.ApprovalRules;
import org.classgate.filter.allowance.Person;
import org.classgate.filter.allowance.Role;
import org.junit.jupiter.api.Test;

class ProfileEntryTableTest {
  private static final Instant NINE = Instant.parse("2026-11-23T09:00:00Z");

  private final DomainSet locked = new DomainSet.Builder().add("illegal.example", 1).build();
  private final ProfileEntryTable table;

  ProfileEntryTableTest() throws Exception {
    table =
        ProfileEntryTable.of(
            Map.of(
                "pupil",
                List.of(name("wikipedia.org"), name("www.illegal.example"), name("games.example")),
                "staff",
                List.of(name("example.com"))),
            Map.of("pupil", List.of(name("tiktok.com"), name("Ads.Example.com"))),
            n -> locked.match(n) != 0);
  }

  private static Name name(String text) throws Exception {
    return Name.of(text);
  }

  @Test
  void entriesCoverTheDomainAndItsSubdomainsOnLabelBoundaries() throws Exception {
    ProfileEntries pupil = table.forProfile("pupil");
    assertTrue(pupil.denies(name("tiktok.com")));
    assertTrue(pupil.denies(name("WWW.TikTok.com")));
    assertFalse(pupil.denies(name("nottiktok.com")));
    assertFalse(pupil.denies(name("com")));
    assertTrue(pupil.denies(name("x.ads.example.com")), "stored in lower case, matched in any");
    assertTrue(pupil.allows(name("en.wikipedia.org")));
    assertFalse(pupil.allows(name("wikipedia.org.evil.example")));
    assertEquals(name("tiktok.com"), pupil.denyEntryFor(name("a.b.tiktok.com")).orElseThrow());
    assertEquals(
        name("wikipedia.org"), pupil.allowEntryFor(name("en.m.wikipedia.org")).orElseThrow());

    assertFalse(table.forProfile("staff").denies(name("tiktok.com")), "entries are per profile");
    assertTrue(table.of(new Profile("staff", 0)).allows(name("www.example.com")));
    assertSame(ProfileEntries.NONE, table.forProfile("visitor"));
  }

  @Test
  void anAllowEntryALockedListCoversIsRefusedAndLeftOut() throws Exception {
    assertEquals(
        List.of(new ProfileEntryTable.Refusal("pupil", name("www.illegal.example"))),
        table.refused());
    assertFalse(table.forProfile("pupil").allows(name("www.illegal.example")));
    assertEquals(
        List.of(name("wikipedia.org"), name("games.example")), table.forProfile("pupil").allow());
    assertTrue(table.refused().get(0).toString().contains("profile.pupil.allow entry"));
  }

  @Test
  void anAllowanceForADeniedNameIsRefusedWithAPointerToTheProfile() throws Exception {
    Clock clock = Clock.fixed(NINE, ZoneOffset.UTC);
    Allowances allowances = new Allowances(ApprovalRules.defaults(), clock, table);
    Person oso = new Person("oso", Role.ONLINE_SAFETY_OFFICER);
    AllowanceRefused refused =
        assertThrows(
            AllowanceRefused.class,
            () ->
                allowances.approve(
                    request("www.tiktok.com", new AllowanceScope.ProfileScope("pupil"), oso),
                    oso,
                    n -> false));
    assertEquals(AllowanceRefused.Kind.DENIED_BY_PROFILE, refused.kind());
    assertTrue(
        refused.getMessage().contains("profile pupil's deny entry tiktok.com"),
        refused.getMessage());
    assertTrue(refused.getMessage().contains("edit the profile"), refused.getMessage());

    // The classroom and a device may be any profile: a pupil's deny entry refuses those too.
    assertEquals(
        AllowanceRefused.Kind.DENIED_BY_PROFILE,
        assertThrows(
                AllowanceRefused.class,
                () ->
                    allowances.approve(
                        request("tiktok.com", AllowanceScope.CLASSROOM, oso), oso, n -> false))
            .kind());
    assertEquals(
        AllowanceRefused.Kind.DENIED_BY_PROFILE,
        assertThrows(
                AllowanceRefused.class,
                () ->
                    allowances.approve(
                        request(
                            "tiktok.com",
                            new AllowanceScope.DeviceScope(InetAddress.getByName("10.0.0.5")),
                            oso),
                        oso,
                        n -> false))
            .kind());
    // Staff deny nothing: an allowance for staff is judged by the usual rules.
    assertEquals(
        name("tiktok.com"),
        allowances
            .approve(
                request("tiktok.com", new AllowanceScope.ProfileScope("staff"), oso),
                oso,
                n -> false)
            .request()
            .domain());
    // A deny entry below the allowed domain does not refuse it: the entry still wins for its names.
    assertNull(table.denial(new AllowanceScope.ProfileScope("pupil"), name("example.com")));
    // Locked content is the more fundamental refusal and is reported first.
    assertEquals(
        AllowanceRefused.Kind.LOCKED,
        assertThrows(
                AllowanceRefused.class,
                () ->
                    allowances.approve(
                        request("tiktok.com", AllowanceScope.CLASSROOM, oso), oso, n -> true))
            .kind());
  }

  private static AllowanceRequest request(String domain, AllowanceScope scope, Person by)
      throws Exception {
    return new AllowanceRequest(
        name(domain), scope, NINE, NINE.plus(Duration.ofMinutes(30)), "lesson", by, Set.of());
  }

  @Test
  void lookupsOnTheQueryPathAllocateNothing() throws Exception {
    com.sun.management.ThreadMXBean counter =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    Profile pupil = new Profile("pupil", 0);
    Profile visitor = new Profile("visitor", 0);
    Name[] names = {
      questionName("www.TikTok.com"),
      questionName("en.wikipedia.org"),
      questionName("unrelated.test"),
      questionName("a.b.c.d.e.f.g.ads.example.com")
    };
    long hits = 0;
    for (int round = 0; round < 2; round++) {
      long before = counter.getThreadAllocatedBytes(Thread.currentThread().getId());
      for (int i = 0; i < 100_000; i++) {
        ProfileEntries entries = table.of((i & 1) == 0 ? pupil : visitor);
        Name n = names[i % names.length];
        if (entries.denies(n) || entries.allows(n)) {
          hits++;
        }
      }
      long allocated = counter.getThreadAllocatedBytes(Thread.currentThread().getId()) - before;
      if (round == 1) {
        assertTrue(allocated < 16 * 1024, "100,000 lookups allocated " + allocated + " bytes");
      }
    }
    assertTrue(hits > 0, "the loop must exercise matches too");
  }

  private static Name questionName(String text) throws Exception {
    org.xbill.DNS.Message query =
        org.xbill.DNS.Message.newQuery(
            org.xbill.DNS.Record.newRecord(
                org.xbill.DNS.Name.fromString(text + "."), org.xbill.DNS.Type.A, 1));
    return Message.parse(query.toWire()).question().name();
  }
}
