package org.classgate.console;

import java.util.Map;

/**
 * What kind of site it is, in words a 7 to 11 year old understands, for the categories schools
 * block most. Anything else gets a general phrase rather than a list's technical name.
 */
final class KidWords {
  private static final Map<String, String> KINDS =
      Map.ofEntries(
          Map.entry("adult", "a site for grown-ups only"),
          Map.entry("porn", "a site for grown-ups only"),
          Map.entry("gambling", "a site for betting money"),
          Map.entry("games", "a games site"),
          Map.entry("social", "a social media site for older people"),
          Map.entry("social-networks", "a social media site for older people"),
          Map.entry("chat", "a chat site for talking to strangers"),
          Map.entry("violence", "a site with frightening or violent things"),
          Map.entry("weapons", "a site about weapons"),
          Map.entry("drugs", "a site about drugs"),
          Map.entry("self-harm", "a site that could upset you"),
          Map.entry("extremism", "a site with harmful ideas"),
          Map.entry("malware", "a site that could harm the computer"),
          Map.entry("phishing", "a site that tricks people"),
          Map.entry("dating", "a site for grown-ups only"),
          Map.entry("proxy", "a site for getting round the school's safety rules"),
          Map.entry("vpn", "a site for getting round the school's safety rules"),
          Map.entry("unsafe-search", "a search site without safety settings"),
          Map.entry("demo", "a site on the school's example list"));

  static final String UNKNOWN = "a site that is not for school";

  private KidWords() {}

  static String kindOf(String category) {
    return category == null ? UNKNOWN : KINDS.getOrDefault(category, UNKNOWN);
  }
}
