package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.classgate.dns.wire.Name;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The built-in unsafe-search list as the appliance loads it. */
class UnsafeSearchListTest {
  private static final int BIT = 1;

  private DomainSet set;
  private ListReport report;

  @BeforeEach
  void load() throws Exception {
    DomainSet.Builder builder = new DomainSet.Builder();
    report = new ListLoader().loadResource(UnsafeSearch.RESOURCE, BIT, builder);
    set = builder.build();
  }

  private boolean blocked(String name) throws Exception {
    return set.match(Name.of(name)) == BIT;
  }

  @Test
  void everyLineIsAValidEntry() {
    assertEquals(0, report.skippedTotal(), report::summary);
    assertEquals(17, report.entries(), report::summary);
    assertEquals(17, set.size());
  }

  @Test
  void theEnginesAndTheirSubdomainsAreBlocked() throws Exception {
    for (String name :
        List.of(
            "search.yahoo.com",
            "uk.search.yahoo.com",
            "images.search.yahoo.com",
            "www.startpage.com",
            "startpage.com",
            "www.ask.com",
            "www.baidu.com",
            "image.baidu.com",
            "you.com",
            "search.aol.co.uk",
            "www.dogpile.com",
            "www.mojeek.com")) {
      assertTrue(blocked(name), name);
    }
  }

  @Test
  void portalsKeepTheirMailAndTheirOtherServices() throws Exception {
    for (String name :
        List.of(
            "yahoo.com",
            "mail.yahoo.com",
            "www.yahoo.com",
            "aol.com",
            "mail.aol.com",
            "mail.ru",
            "e.mail.ru",
            "rambler.ru",
            "notask.com",
            "youtube.com")) {
      assertTrue(!blocked(name), name);
    }
  }

  /**
   * An engine SafeSearch rewrites must never be blocked by this list: the rewrite, not a block, is
   * what pupils should get (and a block would win, since CategoryPolicy runs first).
   */
  @Test
  void noNameThatSafeSearchRewritesIsOnIt() throws Exception {
    List<String> rewritten = new ArrayList<>();
    for (String google : SafeSearchRules.googleDomains()) {
      rewritten.add(google);
      rewritten.add("www." + google);
    }
    rewritten.addAll(SafeSearchRules.YOUTUBE_NAMES);
    for (SafeSearchEngines.Engine engine : SafeSearchEngines.all()) {
      rewritten.addAll(engine.names());
      rewritten.add(engine.target());
    }
    SafeSearchRules rules = SafeSearchRules.standard(SafeSearchRules.YouTubeMode.STRICT);
    assertEquals(rules.size(), rewritten.size() - SafeSearchEngines.all().size());
    for (String name : rewritten) {
      assertEquals(0, set.match(Name.of(name)), name);
    }
  }
}
