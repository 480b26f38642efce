package org.classgate.filter;

import java.util.ArrayList;
import java.util.List;

/**
 * The search engines besides Google and YouTube whose safe mode a network can enforce by DNS, each
 * with the names it is rewritten from and the safe name it is rewritten to. Used by {@link
 * SafeSearchRules}; immutable and thread-safe.
 *
 * <p>Every target is the engine's own name for its locked safe mode. Checked in 2026 against the
 * engine's documentation where it publishes one, and against the rule data of two maintained DNS
 * filters: AdGuard Home ({@code internal/filtering/safesearch/rules/*.txt}) and OpenWrt's adblock
 * ({@code net/adblock/files/adblock.sh}, its "safesearch" list):
 *
 * <ul>
 *   <li>Bing: {@value #BING_STRICT} — the CNAME target Microsoft provides for strict SafeSearch on
 *       a network (Microsoft's own page was not available to check); CleanBrowsing's guide names it
 *       for Bing and AdGuard Home maps www.bing.com to it.
 *   <li>DuckDuckGo: {@value #DUCKDUCKGO_SAFE} — DuckDuckGo Help, "Safe search"
 *       (duck.co/help/features/safe-search): searches from safe.duckduckgo.com always have safe
 *       search on; AdGuard Home maps the same three names to it.
 *   <li>Ecosia: {@value #ECOSIA_STRICT} — added to AdGuard Home for exactly www.ecosia.org after
 *       Ecosia introduced it (AdGuardHome issue 5009, 2024); Ecosia's help article "Does Ecosia
 *       have safe search?" describes the enforced mode. The bare ecosia.org only redirects to www.
 *   <li>Brave Search: {@value #BRAVE_SAFE} for search.brave.com — AdGuard Home's current brave.txt
 *       and OpenWrt's adblock. Brave first served this as safesearch.brave.com (a Brave developer
 *       in nextdns/metadata pull request 1021, 2022; Brave's browser still lists that host among
 *       its Brave Search origins); the rule sets have since moved to the name used here.
 *   <li>Pixabay: {@value #PIXABAY_SAFE} for pixabay.com, where Pixabay serves its search (AdGuard
 *       Home's pixabay.txt and OpenWrt's adblock rewrite only that name).
 *   <li>Yandex: {@value #YANDEX_FAMILY}, Yandex's family search, for every country domain in
 *       {@value #YANDEX_DOMAINS_RESOURCE}, bare and {@code www.} (AdGuard Home answers the same
 *       names with 213.180.193.56, the family search's address; OpenWrt's adblock CNAMEs them to
 *       this name, which keeps working if Yandex renumbers).
 * </ul>
 *
 * <p>None of these engines has a second, "moderate" safe name: unlike YouTube, each is rewritten
 * the same way at every SafeSearch level.
 */
final class SafeSearchEngines {
  /** Yandex search domains, one per line; both {@code D} and {@code www.D} are rewritten. */
  static final String YANDEX_DOMAINS_RESOURCE = "/org/classgate/filter/yandex-search-domains.txt";

  static final String BING_STRICT = "strict.bing.com";
  static final String DUCKDUCKGO_SAFE = "safe.duckduckgo.com";
  static final String ECOSIA_STRICT = "strict-safe-search.ecosia.org";
  static final String BRAVE_SAFE = "forcesafe.search.brave.com";
  static final String PIXABAY_SAFE = "safesearch.pixabay.com";
  static final String YANDEX_FAMILY = "familysearch.yandex.ru";

  /** Generous: the resource has 27 today. */
  private static final int MAX_YANDEX_DOMAINS = 200;

  /**
   * One engine.
   *
   * @param engine the engine's name, for messages and the explanation
   * @param target the safe name its names are rewritten to
   * @param names the exact names rewritten, lower case
   */
  record Engine(String engine, String target, List<String> names) {
    Engine {
      names = List.copyOf(names);
    }
  }

  private SafeSearchEngines() {}

  /**
   * Every engine in this class, Yandex's names read from {@link #YANDEX_DOMAINS_RESOURCE}.
   *
   * @throws IllegalStateException if the resource is missing or too large (a packaging bug)
   */
  static List<Engine> all() {
    List<String> yandex = new ArrayList<>();
    for (String domain :
        SafeSearchRules.resourceLines(YANDEX_DOMAINS_RESOURCE, MAX_YANDEX_DOMAINS)) {
      yandex.add(domain);
      yandex.add("www." + domain);
    }
    return List.of(
        new Engine("Bing", BING_STRICT, List.of("www.bing.com", "bing.com")),
        new Engine(
            "DuckDuckGo",
            DUCKDUCKGO_SAFE,
            List.of("duckduckgo.com", "www.duckduckgo.com", "start.duckduckgo.com")),
        new Engine("Ecosia", ECOSIA_STRICT, List.of("www.ecosia.org")),
        new Engine("Brave Search", BRAVE_SAFE, List.of("search.brave.com")),
        new Engine("Pixabay", PIXABAY_SAFE, List.of("pixabay.com")),
        new Engine("Yandex", YANDEX_FAMILY, yandex));
  }
}
