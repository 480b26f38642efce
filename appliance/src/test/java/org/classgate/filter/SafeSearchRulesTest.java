package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.classgate.dns.wire.Name;
import org.classgate.filter.SafeSearchRules.YouTubeMode;
import org.junit.jupiter.api.Test;

class SafeSearchRulesTest {
  private final SafeSearchRules strict = SafeSearchRules.standard(YouTubeMode.STRICT);
  private final SafeSearchRules moderate = SafeSearchRules.standard(YouTubeMode.MODERATE);

  /** Read here independently of the class under test, so a parsing bug cannot hide an entry. */
  private static List<String> resourceDomains() throws Exception {
    try (InputStream in =
        SafeSearchRulesTest.class.getResourceAsStream(SafeSearchRules.GOOGLE_DOMAINS_RESOURCE)) {
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      return reader
          .lines()
          .map(String::strip)
          .filter(line -> !line.isEmpty() && !line.startsWith("#"))
          .collect(Collectors.toList());
    }
  }

  private static String target(SafeSearchRules rules, String name) throws Exception {
    Name target = rules.targetFor(Name.of(name));
    return target == null ? null : target.toString();
  }

  @Test
  void theResourceListsEveryGoogleSearchDomainOnceInLowerCase() throws Exception {
    List<String> domains = resourceDomains();
    Set<String> unique = new HashSet<>(domains);
    assertEquals(domains.size(), unique.size(), "no duplicates");
    // Google's list had 187 entries when captured; the file adds 7 older or extra ones.
    assertEquals(194, domains.size());
    for (String domain : domains) {
      assertTrue(domain.matches("google(\\.[a-z]{2,3}){1,2}"), domain);
    }
    assertTrue(
        unique.containsAll(
            List.of(
                "google.com",
                "google.co.uk",
                "google.com.au",
                "google.de",
                "google.fr",
                "google.co.jp",
                "google.cat")));
  }

  @Test
  void everyGoogleDomainAndItsWwwNameGoToForceSafeSearch() throws Exception {
    for (String domain : resourceDomains()) {
      for (SafeSearchRules rules : List.of(strict, moderate)) {
        assertEquals("forcesafesearch.google.com.", target(rules, domain), domain);
        assertEquals("forcesafesearch.google.com.", target(rules, "www." + domain), domain);
        assertEquals("forcesafesearch.google.com.", target(rules, domain + "."), domain);
      }
    }
    // Two names per Google domain, plus YouTube (5), Bing (2) and DuckDuckGo (3).
    assertEquals(2 * resourceDomains().size() + 10, strict.size());
  }

  @Test
  void lookupsIgnoreCase() throws Exception {
    assertEquals("forcesafesearch.google.com.", target(strict, "WWW.GOOGLE.CO.UK"));
    assertEquals("forcesafesearch.google.com.", target(strict, "Google.De."));
    assertEquals("restrict.youtube.com.", target(strict, "WwW.YouTube.Com"));
    assertEquals("strict.bing.com.", target(strict, "BING.com"));
    assertEquals("safe.duckduckgo.com.", target(strict, "Start.DuckDuckGo.COM"));
  }

  @Test
  void lookalikesSubdomainsAndParentsAreNotRewritten() throws Exception {
    for (String name :
        List.of(
            "notgoogle.com",
            "google.com.evil.example",
            "www.google.com.evil.example",
            "wwwgoogle.com",
            "www.google.evil",
            "mail.google.com",
            "www.www.google.com",
            "x.www.google.co.uk",
            "co.uk",
            "google",
            "com",
            "youtube.com.evil.example",
            "notyoutube.com",
            "www.bing.com.evil.example",
            "duckduckgo.com.evil.example",
            "html.duckduckgo.com.evil.example")) {
      assertNull(target(strict, name), name);
    }
  }

  @Test
  void theSafeNamesThemselvesPassThroughSoNothingLoops() throws Exception {
    for (String name :
        List.of(
            SafeSearchRules.GOOGLE_SAFE,
            SafeSearchRules.YOUTUBE_STRICT,
            SafeSearchRules.YOUTUBE_MODERATE,
            SafeSearchRules.BING_STRICT,
            SafeSearchRules.DUCKDUCKGO_SAFE)) {
      assertNull(target(strict, name), name);
      assertNull(target(moderate, name), name);
    }
  }

  @Test
  void youTubeNamesFollowTheMode() throws Exception {
    List<String> names =
        List.of(
            "www.youtube.com",
            "m.youtube.com",
            "youtubei.googleapis.com",
            "youtube.googleapis.com",
            "www.youtube-nocookie.com");
    for (String name : names) {
      assertEquals("restrict.youtube.com.", target(strict, name), name);
      assertEquals("restrictmoderate.youtube.com.", target(moderate, name), name);
    }
    assertEquals(YouTubeMode.STRICT, strict.youTubeMode());
    assertEquals(YouTubeMode.MODERATE, moderate.youTubeMode());
  }

  @Test
  void bingAndDuckDuckGoHaveTheirSafeTargets() throws Exception {
    assertEquals("strict.bing.com.", target(moderate, "www.bing.com"));
    assertEquals("strict.bing.com.", target(moderate, "bing.com"));
    for (String name : List.of("duckduckgo.com", "www.duckduckgo.com", "start.duckduckgo.com")) {
      assertEquals("safe.duckduckgo.com.", target(moderate, name), name);
    }
  }

  @Test
  void noneRewritesNothing() throws Exception {
    assertEquals(0, SafeSearchRules.NONE.size());
    assertNull(target(SafeSearchRules.NONE, "www.google.com"));
    assertNull(target(SafeSearchRules.NONE, "www.youtube.com"));
  }

  @Test
  void ofRejectsEntriesThatAreNotGoogleDomains() {
    for (String bad : List.of("evil.example", "google.", "googlex.com", "google..com", "")) {
      assertThrows(
          IllegalArgumentException.class,
          () -> SafeSearchRules.of(List.of(bad), YouTubeMode.STRICT),
          bad);
    }
    assertThrows(
        IllegalArgumentException.class, () -> SafeSearchRules.of(List.of("google.com"), null));
  }

  @Test
  void ofAcceptsACustomListCaseInsensitively() throws Exception {
    SafeSearchRules rules = SafeSearchRules.of(List.of(" Google.Example "), YouTubeMode.MODERATE);
    assertEquals("forcesafesearch.google.com.", target(rules, "www.google.example"));
    assertNull(target(rules, "www.google.com"));
  }
}
