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
    return resourceDomains(SafeSearchRules.GOOGLE_DOMAINS_RESOURCE);
  }

  private static List<String> resourceDomains(String resource) throws Exception {
    try (InputStream in = SafeSearchRulesTest.class.getResourceAsStream(resource)) {
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
    // Two names per Google and Yandex domain, plus YouTube (5), Bing (2), DuckDuckGo (3),
    // Ecosia, Brave and Pixabay (1 each).
    int yandex = resourceDomains(SafeSearchEngines.YANDEX_DOMAINS_RESOURCE).size();
    assertEquals(2 * resourceDomains().size() + 2 * yandex + 13, strict.size());
    assertEquals(strict.size(), moderate.size());
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
            "html.duckduckgo.com.evil.example",
            "brave.com",
            "www.brave.com",
            "search.brave.com.evil.example",
            "api.search.brave.com",
            "blog.ecosia.org",
            "cdn.pixabay.com",
            "mail.yandex.ru",
            "disk.yandex.ru",
            "yandex.ru.evil.example",
            "www.www.yandex.ru")) {
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
            SafeSearchRules.DUCKDUCKGO_SAFE,
            SafeSearchRules.ECOSIA_STRICT,
            SafeSearchRules.BRAVE_SAFE,
            SafeSearchRules.PIXABAY_SAFE,
            SafeSearchRules.YANDEX_FAMILY)) {
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

  @Test
  void ecosiaBravePixabayAndYandexHaveTheirSafeTargetsAtEveryLevel() throws Exception {
    for (SafeSearchRules rules : List.of(strict, moderate)) {
      assertEquals("strict-safe-search.ecosia.org.", target(rules, "www.ecosia.org"));
      assertEquals("forcesafe.search.brave.com.", target(rules, "Search.Brave.com"));
      assertEquals("safesearch.pixabay.com.", target(rules, "pixabay.com"));
      for (String domain : List.of("yandex.ru", "ya.ru", "yandex.com.tr", "yandex.kz")) {
        assertEquals("familysearch.yandex.ru.", target(rules, domain), domain);
        assertEquals("familysearch.yandex.ru.", target(rules, "www." + domain), domain);
      }
      // яндекс.рф, asked as the punycode a resolver sees.
      assertEquals("familysearch.yandex.ru.", target(rules, "xn--d1acpjx3f.xn--p1ai"));
    }
  }

  @Test
  void theYandexResourceListsEachCountryDomainOnceInLowerCase() throws Exception {
    List<String> domains = resourceDomains(SafeSearchEngines.YANDEX_DOMAINS_RESOURCE);
    assertEquals(domains.size(), new HashSet<>(domains).size(), "no duplicates");
    assertEquals(27, domains.size());
    for (String domain : domains) {
      assertTrue(
          domain.matches("(yandex(\\.[a-z]{2,3}){1,2})|ya\\.ru|xn--d1acpjx3f\\.xn--p1ai"), domain);
    }
    assertTrue(domains.containsAll(List.of("yandex.ru", "yandex.com", "yandex.by", "yandex.ua")));
  }
}
