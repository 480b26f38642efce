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
import org.classgate.testing.DigResult;
import org.classgate.testing.SafeEndpoints;
import org.classgate.testing.UnboundUpstream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Ecosia, Brave Search, Pixabay and Yandex in a real chain (guard → identity → SafeSearch → cache →
 * upstream) behind the real listeners, asked with {@code dig}; the upstream is a real unbound
 * serving every safe endpoint ({@link UnboundUpstream.Builder#safeSearchEndpoints()}) and a
 * stand-in "unrestricted" answer for the engines' own names.
 */
class SafeSearchEnginesIT {
  /** What unbound answers for the engines' own names: the unrestricted front end. */
  private static final String UNRESTRICTED = "198.51.100.80";

  private static final String ECOSIA = SafeEndpoints.ipv4(SafeSearchRules.ECOSIA_STRICT);
  private static final String BRAVE = SafeEndpoints.ipv4(SafeSearchRules.BRAVE_SAFE);
  private static final String PIXABAY = SafeEndpoints.ipv4(SafeSearchRules.PIXABAY_SAFE);
  private static final String YANDEX = SafeEndpoints.ipv4(SafeSearchRules.YANDEX_FAMILY);

  private static UnboundUpstream unbound;

  private final Profile pupil = new Profile("pupil", 0);
  private final Profile visitor = new Profile("visitor", 0);
  private final Profile staff = new Profile("staff", 0);
  private final SafeSearchRules strict = SafeSearchRules.standard(YouTubeMode.STRICT);
  private final SafeSearchRules moderate = SafeSearchRules.standard(YouTubeMode.MODERATE);
  private final SafeSearch safeSearch =
      new SafeSearch(
          profile ->
              switch (profile.name()) {
                case "pupil" -> strict;
                case "visitor" -> moderate;
                default -> SafeSearchRules.NONE;
              });

  private final List<AutoCloseable> resources = new ArrayList<>();
  private DnsCache cache;
  private UpstreamResolver upstream;

  @BeforeAll
  static void startUnbound() {
    assumeTrue(UnboundUpstream.isInstalled() && Dig.isInstalled(), "needs unbound and dig");
    UnboundUpstream.Builder builder = UnboundUpstream.builder().safeSearchEndpoints();
    for (String name :
        List.of(
            "www.ecosia.org.",
            "ecosia.org.",
            "search.brave.com.",
            "pixabay.com.",
            "www.pixabay.com.",
            "yandex.ru.",
            "www.yandex.ru.",
            "mail.yandex.ru.",
            "www.yandex.com.tr.",
            "xn--d1acpjx3f.xn--p1ai.")) {
      builder.localData(name + " 300 IN A " + UNRESTRICTED);
    }
    builder.localData("search.brave.com. 300 IN HTTPS 1 . alpn=h2,h3 ipv4hint=" + UNRESTRICTED);
    unbound = builder.logQueries().start();
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
    upstream =
        new UpstreamResolver(
            List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), unbound.port())),
            new UpstreamSettings(
                Duration.ofMillis(500), 64, Duration.ofSeconds(2), Duration.ofSeconds(10)),
            new SecureRandom(),
            System::nanoTime);
    resources.add(upstream);
  }

  @AfterEach
  void closeEverything() throws Exception {
    for (AutoCloseable resource : resources) {
      resource.close();
    }
  }

  private int serve(Profile profile) throws IOException {
    List<DnsStage> stages =
        List.of(
            new QueryGuard(), new ClientIdentity(client -> profile), safeSearch, cache, upstream);
    DnsServer server =
        DnsServer.start(
            List.of(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0)),
            StageChain.of(stages),
            new DnsServer.TcpLimits(8, Duration.ofSeconds(5), Duration.ofSeconds(3)),
            new OutcomeCounters(),
            System::nanoTime);
    resources.add(0, server);
    return server.addresses().get(0).getPort();
  }

  /** Asserts the answer is our CNAME to {@code safeName} followed by its stand-in address. */
  private static void assertRewritten(DigResult result, String safeName, String address) {
    assertEquals("NOERROR", result.status(), result::raw);
    assertEquals(List.of(safeName + "."), result.answerData("CNAME"), result::raw);
    assertEquals(List.of(address), result.answerData("A"), result::raw);
    // Case-insensitive (RFC 4343): when the safe name lies under the question's name (Brave), the
    // writer's name compression may point into the question and carry the client's case.
    assertTrue(result.answers().get(1).name().equalsIgnoreCase(safeName + "."), result::raw);
    assertFalse(result.raw().contains(UNRESTRICTED), result::raw);
  }

  private static void assertUnrestricted(DigResult result) {
    assertEquals(List.of(UNRESTRICTED), result.answerData("A"), result::raw);
    assertTrue(result.answerData("CNAME").isEmpty(), result::raw);
  }

  @Test
  void ecosiaWwwGoesToItsStrictEndpointAndTheRedirectingBareNamePassesThrough() throws Exception {
    for (int port : List.of(serve(pupil), serve(visitor))) {
      assertRewritten(
          Dig.at(port).query("www.ecosia.org"), "strict-safe-search.ecosia.org", ECOSIA);
      assertUnrestricted(Dig.at(port).query("ecosia.org"));
    }
    assertUnrestricted(Dig.at(serve(staff)).query("www.ecosia.org"));
  }

  @Test
  void braveSearchGoesToForceSafeAndItsHttpsRecordLosesTheUnrestrictedHints() throws Exception {
    int port = serve(pupil);
    assertRewritten(Dig.at(port).query("search.brave.com"), "forcesafe.search.brave.com", BRAVE);
    assertRewritten(
        Dig.at(serve(visitor)).tcp().query("SEARCH.brave.com"),
        "forcesafe.search.brave.com",
        BRAVE);

    DigResult https = Dig.at(port).query("search.brave.com", "HTTPS");
    assertEquals("NOERROR", https.status(), https::raw);
    assertEquals(List.of("forcesafe.search.brave.com."), https.answerData("CNAME"), https::raw);
    assertEquals(1, https.answers().size(), "the safe name has no HTTPS record: NODATA");
    assertFalse(https.raw().contains(UNRESTRICTED), https::raw);

    DigResult staffHttps = Dig.at(serve(staff)).query("search.brave.com", "HTTPS");
    assertTrue(staffHttps.raw().contains("ipv4hint=" + UNRESTRICTED), staffHttps::raw);
  }

  @Test
  void pixabayIsRewrittenWhereItServesSearch() throws Exception {
    int port = serve(pupil);
    assertRewritten(Dig.at(port).query("pixabay.com"), "safesearch.pixabay.com", PIXABAY);
    assertUnrestricted(Dig.at(port).query("www.pixabay.com"));
    assertUnrestricted(Dig.at(serve(staff)).query("pixabay.com"));
  }

  @Test
  void yandexCountryDomainsBareAndWwwGoToFamilySearchWithBothAddressFamilies() throws Exception {
    int pupilPort = serve(pupil);
    int visitorPort = serve(visitor);
    for (String name :
        List.of("yandex.ru", "www.yandex.ru", "www.yandex.com.tr", "xn--d1acpjx3f.xn--p1ai")) {
      assertRewritten(Dig.at(pupilPort).query(name), "familysearch.yandex.ru", YANDEX);
      assertRewritten(Dig.at(visitorPort).query(name), "familysearch.yandex.ru", YANDEX);
    }
    DigResult v6 = Dig.at(pupilPort).query("www.yandex.ru", "AAAA");
    assertEquals(List.of("familysearch.yandex.ru."), v6.answerData("CNAME"), v6::raw);
    assertEquals(List.of("2001:db8::9"), v6.answerData("AAAA"), v6::raw);

    // Other Yandex services are not search: they pass through.
    assertUnrestricted(Dig.at(pupilPort).query("mail.yandex.ru"));
    assertUnrestricted(Dig.at(serve(staff)).query("www.yandex.ru"));
    // Every rewritten name was served from the one cached answer for the safe name.
    assertEquals(1, unbound.receivedCount("familysearch.yandex.ru", "A"));
    assertEquals(0, unbound.receivedCount("www.yandex.com.tr", "A"));
  }
}
