package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.classgate.dns.Outcome;
import org.classgate.dns.OutcomeCounters;
import org.classgate.dns.Profile;
import org.classgate.dns.cache.CacheSettings;
import org.classgate.dns.cache.DnsCache;
import org.classgate.dns.pipeline.ClientIdentity;
import org.classgate.dns.pipeline.DnsStage;
import org.classgate.dns.pipeline.QueryGuard;
import org.classgate.dns.pipeline.StageChain;
import org.classgate.dns.server.DnsServer;
import org.classgate.dns.upstream.UpstreamResolver;
import org.classgate.dns.upstream.UpstreamSettings;
import org.classgate.filter.SafeSearchRules.YouTubeMode;
import org.classgate.testing.Dig;
import org.classgate.testing.DigRecord;
import org.classgate.testing.DigResult;
import org.classgate.testing.FreePorts;
import org.classgate.testing.UnboundUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SafeSearch in a real chain (guard → identity → SafeSearch → cache → upstream) behind the real
 * listeners, asked with the real {@code dig}, forwarding to a real unbound that holds the safe
 * names' addresses and a stand-in "unrestricted" answer for the search engines' own names.
 */
class SafeSearchIT {
  private static final String GOOGLE_VIP = "216.239.38.120";
  private static final String GOOGLE_VIP6 = "2001:4860:4802:32::78";
  private static final String YOUTUBE_MODERATE_VIP = "216.239.38.119";

  /** What unbound answers for the search engines' own names: the unrestricted front end. */
  private static final String UNRESTRICTED = "198.51.100.80";

  private static UnboundUpstream unbound;

  private final Profile pupil = new Profile("pupil", 0);
  private final Profile senior = new Profile("senior", 0);
  private final Profile staff = new Profile("staff", 0);
  private final SafeSearchRules strict = SafeSearchRules.standard(YouTubeMode.STRICT);
  private final SafeSearchRules moderate = SafeSearchRules.standard(YouTubeMode.MODERATE);

  /** The chain's SafeSearch stage: strict for pupils, moderate YouTube for seniors, off else. */
  private final SafeSearch safeSearch =
      new SafeSearch(
          profile ->
              switch (profile.name()) {
                case "pupil" -> strict;
                case "senior" -> moderate;
                default -> SafeSearchRules.NONE;
              });

  private final OutcomeCounters counters = new OutcomeCounters();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private DnsCache cache;
  private UpstreamResolver upstream;

  @BeforeAll
  static void startUnbound() {
    assumeTrue(UnboundUpstream.isInstalled() && Dig.isInstalled(), "needs unbound and dig");
    unbound =
        UnboundUpstream.builder()
            .localData("forcesafesearch.google.com. 120 IN A " + GOOGLE_VIP)
            .localData("forcesafesearch.google.com. 120 IN AAAA " + GOOGLE_VIP6)
            .localData("restrict.youtube.com. 300 IN A " + GOOGLE_VIP)
            .localData("restrictmoderate.youtube.com. 300 IN A " + YOUTUBE_MODERATE_VIP)
            .localData("www.google.co.uk. 300 IN A " + UNRESTRICTED)
            .localData("www.google.co.uk. 300 IN HTTPS 1 . alpn=h2 ipv4hint=" + UNRESTRICTED)
            .localData("www.youtube.com. 300 IN A " + UNRESTRICTED)
            // strict.bing.com is deliberately absent: unbound refuses it, as a broken upstream
            // would, while www.bing.com itself resolves.
            .localData("www.bing.com. 300 IN A " + UNRESTRICTED)
            .logQueries()
            .start();
  }

  @AfterAll
  static void stopUnbound() {
    if (unbound != null) {
      unbound.close();
    }
  }

  @BeforeEach
  void buildSharedStages() {
    cache = new DnsCache(CacheSettings.defaults(), System::nanoTime);
    upstream = resolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), unbound.port()));
  }

  @AfterEach
  void closeEverything() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
  }

  private UpstreamResolver resolver(InetSocketAddress address) {
    UpstreamResolver resolver =
        new UpstreamResolver(
            List.of(address),
            new UpstreamSettings(
                Duration.ofMillis(500), 64, Duration.ofSeconds(2), Duration.ofSeconds(10)),
            new SecureRandom(),
            System::nanoTime);
    resources.add(resolver);
    return resolver;
  }

  /**
   * Starts listeners on a free loopback port for a chain whose identity stage gives every client
   * {@code profile}; the cache is shared by every chain of the test, as in the appliance.
   */
  private int serve(Profile profile, UpstreamResolver resolver) throws IOException {
    List<DnsStage> stages =
        List.of(
            new QueryGuard(), new ClientIdentity(client -> profile), safeSearch, cache, resolver);
    DnsServer server =
        DnsServer.start(
            List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)),
            StageChain.of(stages),
            new DnsServer.TcpLimits(8, Duration.ofSeconds(5), Duration.ofSeconds(3)),
            counters,
            System::nanoTime);
    resources.add(0, server); // closed before the resolver it uses
    return server.addresses().get(0).getPort();
  }

  private int serve(Profile profile) throws IOException {
    return serve(profile, upstream);
  }

  private static DigRecord only(DigResult result, String type) {
    List<DigRecord> records = result.answers().stream().filter(r -> r.type().equals(type)).toList();
    assertEquals(1, records.size(), result::raw);
    return records.get(0);
  }

  @Test
  void aGoogleCountryDomainIsAnsweredWithTheCnameAndTheSafeAddress() throws Exception {
    int port = serve(pupil);

    DigResult result = Dig.at(port).query("www.google.co.uk", "A");

    assertEquals("NOERROR", result.status(), result::raw);
    assertEquals(2, result.answers().size(), result::raw);
    DigRecord cname = result.answers().get(0);
    assertEquals("CNAME", cname.type(), result::raw);
    assertEquals("www.google.co.uk.", cname.name());
    assertEquals("forcesafesearch.google.com.", cname.data());
    assertEquals(120, cname.ttl(), "min(300, the target's TTL of 120)");
    DigRecord a = result.answers().get(1);
    assertEquals("forcesafesearch.google.com.", a.name());
    assertEquals(List.of(GOOGLE_VIP), result.answerData("A"));
    assertEquals(1, counters.get(Outcome.SAFESEARCH));

    DigResult v6 = Dig.at(port).tcp().query("Google.CO.uk", "AAAA");
    assertEquals("Google.CO.uk.", only(v6, "CNAME").name(), "owner echoed as asked");
    assertEquals(List.of(GOOGLE_VIP6), v6.answerData("AAAA"), v6::raw);
    assertEquals(2, counters.get(Outcome.SAFESEARCH));
  }

  @Test
  void aProfileWithoutSafeSearchGetsTheRealAnswerFromTheSameCache() throws Exception {
    int pupilPort = serve(pupil);
    int staffPort = serve(staff);

    for (int round = 0; round < 2; round++) {
      DigResult real = Dig.at(staffPort).query("www.google.co.uk");
      assertEquals(List.of(UNRESTRICTED), real.answerData("A"), real::raw);
      assertTrue(real.answerData("CNAME").isEmpty(), real::raw);

      DigResult safe = Dig.at(pupilPort).query("www.google.co.uk");
      assertEquals(List.of("forcesafesearch.google.com."), safe.answerData("CNAME"), safe::raw);
      assertEquals(List.of(GOOGLE_VIP), safe.answerData("A"), safe::raw);
    }
    // Each name went upstream once; the second round came from the shared cache, and the staff
    // answer cached for www.google.co.uk was never served to the pupil.
    assertEquals(1, unbound.receivedCount("www.google.co.uk", "A"));
    assertEquals(1, unbound.receivedCount("forcesafesearch.google.com", "A"));
    assertEquals(2, counters.get(Outcome.SAFESEARCH));
  }

  @Test
  void youTubeStrictAndModerateMapToTheirOwnRestrictedNames() throws Exception {
    DigResult strictResult = Dig.at(serve(pupil)).query("www.youtube.com");
    assertEquals(
        List.of("restrict.youtube.com."), strictResult.answerData("CNAME"), strictResult::raw);
    assertEquals(List.of(GOOGLE_VIP), strictResult.answerData("A"), strictResult::raw);

    DigResult moderateResult = Dig.at(serve(senior)).query("WWW.YOUTUBE.COM");
    assertEquals(
        List.of("restrictmoderate.youtube.com."),
        moderateResult.answerData("CNAME"),
        moderateResult::raw);
    assertEquals(
        List.of(YOUTUBE_MODERATE_VIP), moderateResult.answerData("A"), moderateResult::raw);

    DigResult unrestricted = Dig.at(serve(staff)).query("www.youtube.com");
    assertEquals(List.of(UNRESTRICTED), unrestricted.answerData("A"), unrestricted::raw);
  }

  @Test
  void anHttpsQueryNeverShowsTheUnrestrictedNamesHints() throws Exception {
    DigResult real = Dig.at(serve(staff)).query("www.google.co.uk", "HTTPS");
    assertTrue(only(real, "HTTPS").data().contains(UNRESTRICTED), real::raw);

    DigResult safe = Dig.at(serve(pupil)).query("www.google.co.uk", "HTTPS");
    assertEquals("NOERROR", safe.status(), safe::raw);
    assertEquals("forcesafesearch.google.com.", only(safe, "CNAME").data());
    assertEquals(1, safe.answers().size(), "the safe name publishes no HTTPS record: NODATA");
    assertFalse(safe.raw().contains(UNRESTRICTED), safe::raw);
  }

  @Test
  void aCnameQueryIsAnsweredWithTheCnameAloneAndNothingGoesUpstream() throws Exception {
    DigResult result = Dig.at(serve(pupil)).query("m.youtube.com", "CNAME");
    assertEquals("NOERROR", result.status(), result::raw);
    DigRecord cname = only(result, "CNAME");
    assertEquals("restrict.youtube.com.", cname.data());
    assertEquals(SafeSearch.CNAME_TTL_SECONDS, cname.ttl());
    assertEquals(1, result.answers().size(), result::raw);
    assertEquals(0, unbound.receivedCount("restrict.youtube.com", "CNAME"));
    assertEquals(0, unbound.receivedCount("m.youtube.com", "CNAME"));
  }

  @Test
  void otherNamesPassThroughUntouched() throws Exception {
    int port = serve(pupil);
    DigResult result = Dig.at(port).query("www.allowed.test");
    assertEquals(List.of(UnboundUpstream.ALLOWED_ADDRESS), result.answerData("A"), result::raw);
    assertTrue(result.answerData("CNAME").isEmpty(), result::raw);
    assertEquals(1, counters.get(Outcome.ALLOWED));
    assertEquals(0, counters.get(Outcome.SAFESEARCH));
  }

  @Test
  void whenTheSafeNameCannotBeResolvedTheClientGetsServfailNotTheRealAnswer() throws Exception {
    // The upstream refuses strict.bing.com, although it would answer www.bing.com itself.
    int pupilPort = serve(pupil);
    DigResult refused = Dig.at(pupilPort).query("www.bing.com");
    assertEquals("SERVFAIL", refused.status(), refused::raw);
    assertTrue(refused.answers().isEmpty(), refused::raw);
    DigResult staffAnswer = Dig.at(serve(staff)).query("www.bing.com");
    assertEquals(List.of(UNRESTRICTED), staffAnswer.answerData("A"), staffAnswer::raw);

    // No upstream at all: a port where nothing listens.
    UpstreamResolver dead =
        resolver(new InetSocketAddress(InetAddress.getLoopbackAddress(), FreePorts.udpAndTcp()));
    cache = new DnsCache(CacheSettings.defaults(), System::nanoTime);
    DigResult down = Dig.at(serve(pupil, dead)).query("www.google.com.au");
    assertEquals("SERVFAIL", down.status(), down::raw);
    assertTrue(down.answers().isEmpty(), down::raw);
    assertEquals(2, counters.get(Outcome.SERVFAIL));
  }
}
