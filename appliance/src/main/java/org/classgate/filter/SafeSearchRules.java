package org.classgate.filter;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.WireFormatException;

/**
 * Which query names SafeSearch rewrites, and to which safe name. Exact names only: a name is
 * rewritten if it is in the table, never because it lies below a listed name (so {@code
 * mail.google.com} and {@code google.com.evil.example} are untouched). Lookups ignore ASCII case
 * (RFC 4343). Immutable and thread-safe.
 *
 * <p>The targets are the search engines' own names for network-enforced safe search (checked
 * against public documentation; where the vendor's page was only partly available, a second source
 * that uses the same target is named):
 *
 * <ul>
 *   <li>Google: {@code forcesafesearch.google.com} — Google Search Help, "Block adult content at
 *       your school with SafeSearch" (support.google.com/websearch/answer/186669), option 3: point
 *       the Google domains at forcesafesearch.google.com in the network's DNS; also CleanBrowsing,
 *       "How to enforce SafeSearch with DNS filtering".
 *   <li>YouTube: {@code restrict.youtube.com} (Strict Restricted Mode) or {@code
 *       restrictmoderate.youtube.com} (Moderate), for exactly the five names in {@link
 *       #YOUTUBE_NAMES} — Google Workspace Admin Help, "Restrict YouTube content on your network or
 *       managed devices" (support.google.com/a/answer/6214622), DNS option.
 *   <li>Bing, DuckDuckGo, Ecosia, Brave Search, Pixabay and Yandex: see {@link SafeSearchEngines},
 *       which names each engine's safe name and where it was checked.
 * </ul>
 *
 * <p>The Google country domains come from the classpath resource {@value #GOOGLE_DOMAINS_RESOURCE}
 * (see its header for where the list comes from).
 */
public final class SafeSearchRules {
  /** Google search domains, one per line; both {@code D} and {@code www.D} are rewritten. */
  public static final String GOOGLE_DOMAINS_RESOURCE =
      "/org/classgate/filter/google-search-domains.txt";

  public static final String GOOGLE_SAFE = "forcesafesearch.google.com";
  public static final String YOUTUBE_STRICT = "restrict.youtube.com";
  public static final String YOUTUBE_MODERATE = "restrictmoderate.youtube.com";
  public static final String BING_STRICT = SafeSearchEngines.BING_STRICT;
  public static final String DUCKDUCKGO_SAFE = SafeSearchEngines.DUCKDUCKGO_SAFE;
  public static final String ECOSIA_STRICT = SafeSearchEngines.ECOSIA_STRICT;
  public static final String BRAVE_SAFE = SafeSearchEngines.BRAVE_SAFE;
  public static final String PIXABAY_SAFE = SafeSearchEngines.PIXABAY_SAFE;
  public static final String YANDEX_FAMILY = SafeSearchEngines.YANDEX_FAMILY;

  /** The names YouTube documents for network-enforced Restricted Mode. */
  static final List<String> YOUTUBE_NAMES =
      List.of(
          "www.youtube.com",
          "m.youtube.com",
          "youtubei.googleapis.com",
          "youtube.googleapis.com",
          "www.youtube-nocookie.com");

  /** Rewrites nothing: the rules of a profile without SafeSearch. */
  public static final SafeSearchRules NONE = new SafeSearchRules(Map.of(), null);

  /** YouTube Restricted Mode level (the Admin console's "Strict" and "Moderate"). */
  public enum YouTubeMode {
    /** {@value SafeSearchRules#YOUTUBE_STRICT}: the most videos filtered. */
    STRICT,
    /** {@value SafeSearchRules#YOUTUBE_MODERATE}: a larger set of videos available. */
    MODERATE
  }

  /** A generous bound on the resource's size, so a broken build cannot load something huge. */
  private static final int MAX_DOMAINS = 1000;

  private final Map<Name, Name> targets;
  private final YouTubeMode youTubeMode;

  private SafeSearchRules(Map<Name, Name> targets, YouTubeMode youTubeMode) {
    this.targets = targets;
    this.youTubeMode = youTubeMode;
  }

  /**
   * The full rule set: every Google search domain from {@link #GOOGLE_DOMAINS_RESOURCE}, YouTube in
   * {@code mode}, and every engine of {@link SafeSearchEngines}.
   *
   * @throws IllegalStateException if the resource is missing or holds an invalid entry (a packaging
   *     bug: the appliance must not start with SafeSearch half-built)
   */
  public static SafeSearchRules standard(YouTubeMode mode) {
    if (mode == null) {
      throw new IllegalArgumentException("a YouTube mode is required");
    }
    List<String> domains = googleDomains();
    try {
      return of(domains, mode);
    } catch (IllegalArgumentException e) {
      throw new IllegalStateException(GOOGLE_DOMAINS_RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /**
   * Rules for the given Google search domains (e.g. {@code "google.co.uk"}) plus YouTube in {@code
   * mode} and every engine of {@link SafeSearchEngines}.
   *
   * @throws IllegalArgumentException if a domain is not a valid name of the form {@code
   *     google.<suffix>}
   */
  public static SafeSearchRules of(Collection<String> googleDomains, YouTubeMode mode) {
    if (mode == null) {
      throw new IllegalArgumentException("a YouTube mode is required");
    }
    Map<Name, Name> targets = new HashMap<>();
    Name google = name(GOOGLE_SAFE);
    for (String domain : googleDomains) {
      String text = domain.trim().toLowerCase(Locale.ROOT);
      if (!text.startsWith("google.") || text.length() == "google.".length()) {
        throw new IllegalArgumentException(
            "not a Google search domain (google.<suffix>): '" + domain + "'");
      }
      targets.put(name(text), google);
      targets.put(name("www." + text), google);
    }
    Name youTube = name(mode == YouTubeMode.STRICT ? YOUTUBE_STRICT : YOUTUBE_MODERATE);
    YOUTUBE_NAMES.forEach(n -> targets.put(name(n), youTube));
    for (SafeSearchEngines.Engine engine : SafeSearchEngines.all()) {
      Name target = name(engine.target());
      for (String text : engine.names()) {
        Name previous = targets.put(name(text), target);
        if (previous != null) {
          // Two engines claiming one name is a packaging bug, not a choice to make silently.
          throw new IllegalStateException(
              engine.engine()
                  + " rewrites "
                  + text
                  + ", which is already rewritten to "
                  + previous);
        }
      }
    }
    return new SafeSearchRules(Map.copyOf(targets), mode);
  }

  /**
   * The safe name {@code queryName} is rewritten to, lower case; null if it is not rewritten.
   *
   * @param queryName non-null; compared ignoring ASCII case
   */
  public Name targetFor(Name queryName) {
    return targets.get(queryName);
  }

  /** How many names are rewritten. */
  public int size() {
    return targets.size();
  }

  /** The YouTube mode; null only for {@link #NONE}. */
  public YouTubeMode youTubeMode() {
    return youTubeMode;
  }

  /** Reads {@link #GOOGLE_DOMAINS_RESOURCE}. */
  static List<String> googleDomains() {
    return resourceLines(GOOGLE_DOMAINS_RESOURCE, MAX_DOMAINS);
  }

  /**
   * Reads a classpath resource of one domain per line, blank lines and {@code #} comment lines
   * skipped, lower-cased.
   *
   * @throws IllegalStateException if the resource is missing or has more than {@code max} domains
   */
  static List<String> resourceLines(String resource, int max) {
    try (InputStream in = SafeSearchRules.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("missing classpath resource " + resource);
      }
      BufferedReader reader =
          new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
      List<String> domains = new ArrayList<>();
      String line;
      while ((line = reader.readLine()) != null) {
        String text = line.trim();
        if (text.isEmpty() || text.startsWith("#")) {
          continue;
        }
        if (domains.size() == max) {
          throw new IllegalStateException(resource + " has more than " + max + " domains");
        }
        domains.add(text.toLowerCase(Locale.ROOT));
      }
      return domains;
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + resource, e);
    }
  }

  static Name name(String text) {
    try {
      return Name.of(text).toLowerCase();
    } catch (WireFormatException e) {
      throw new IllegalArgumentException("invalid SafeSearch name '" + text + "'", e);
    }
  }

  @Override
  public String toString() {
    return "SafeSearchRules[" + targets.size() + " names, YouTube " + youTubeMode + "]";
  }
}
