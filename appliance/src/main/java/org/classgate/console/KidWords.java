package org.classgate.console;

import java.util.Map;

/**
 * What kind of site it is, in words a 7 to 11 year old understands, for the categories schools
 * block most. Anything else gets a general phrase rather than a list's technical name.
 */
final class KidWords {
  private static final Map<String, String> KINDS =
      Map.ofEntries(
          Map.entry("pornography", "a site for grown-ups only"),
          Map.entry("dating", "a site for grown-ups only"),
          Map.entry("gambling", "a site for betting money"),
          Map.entry("games", "a games site"),
          Map.entry("social-media", "a social media site for older people"),
          Map.entry("chat", "a chat site where you could talk to strangers"),
          Map.entry("violence-and-weapons", "a site with frightening or violent things"),
          Map.entry("drugs", "a site about drugs"),
          Map.entry("self-harm", "a site that could upset you"),
          Map.entry("extremism", "a site with harmful ideas"),
          Map.entry("discrimination-and-hate", "a site that is unkind to people"),
          Map.entry("malware-and-hacking", "a site that could harm the computer"),
          Map.entry("piracy", "a site that shares things without permission"),
          Map.entry("circumvention", "a site for getting round the school's safety rules"),
          Map.entry("misinformation", "a site that may not tell the truth"),
          Map.entry("ai-chat", "a chatbot site for older people"),
          Map.entry("file-sharing", "a site for sharing files"),
          Map.entry("streaming", "a site for watching or listening that is not for lessons"),
          Map.entry("shopping", "a shopping site"),
          Map.entry("unsafe-search", "a search site without safety settings"));

  static final String UNKNOWN = "a site that is not for school";

  private KidWords() {}

  static String kindOf(String category) {
    return category == null ? UNKNOWN : KINDS.getOrDefault(category, UNKNOWN);
  }
}
