package org.classgate.filter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TaxonomyTest {
  private static final String VALID =
      """
      # two categories
      category.pornography.description = Sexually explicit images and video.
      category.pornography.harmful = true
      category.pornography.locked = false
      category.pornography.blocked-for = visitor, pupil, staff

      category.shopping.description = Online shops and marketplaces.
      category.shopping.harmful = false
      category.shopping.locked = false
      category.shopping.blocked-for =
      """;

  private final Taxonomy builtIn = Taxonomy.builtIn();

  @Test
  void builtInHasTheTwentyOneCategoriesInOrder() {
    assertEquals(
        List.of(
            "illegal-content",
            "pornography",
            "discrimination-and-hate",
            "extremism",
            "self-harm",
            "violence-and-weapons",
            "drugs",
            "gambling",
            "malware-and-hacking",
            "piracy",
            "circumvention",
            "social-media",
            "chat",
            "dating",
            "games",
            "misinformation",
            "ai-chat",
            "file-sharing",
            "streaming",
            "shopping",
            "unsafe-search"),
        builtIn.names());
    assertEquals(builtIn.names(), builtIn.categories().all());
    assertEquals(1, builtIn.categories().bit("illegal-content"));
    assertEquals(1 << 19, builtIn.categories().bit("shopping"));
  }

  @Test
  void unsafeSearchIsBlockedForTheDefaultProfilesWhoseSafeSearchIsOn() {
    // ProfileConfig's built-in profiles: SafeSearch strict for pupils, moderate for visitors, off
    // for staff. The taxonomy's defaults, shown to staff, must say the same.
    Taxonomy.Category unsafeSearch = builtIn.get(UnsafeSearch.CATEGORY);
    assertEquals(Set.of("pupil", "visitor"), unsafeSearch.blockedFor());
    assertFalse(unsafeSearch.harmful());
    assertFalse(unsafeSearch.locked());
  }

  @Test
  void onlyIllegalContentIsLocked() {
    assertEquals(List.of("illegal-content"), builtIn.locked());
    assertTrue(builtIn.get("illegal-content").harmful());
  }

  @Test
  void harmfulCategories() {
    assertEquals(
        List.of(
            "illegal-content",
            "pornography",
            "discrimination-and-hate",
            "extremism",
            "self-harm",
            "violence-and-weapons",
            "drugs",
            "malware-and-hacking"),
        builtIn.harmful());
  }

  @Test
  void pupilsAreBlockedFromWhatTheSeedsName() {
    List<String> pupil = builtIn.defaultBlocked(Taxonomy.PUPIL);
    assertTrue(pupil.containsAll(builtIn.harmful()));
    assertTrue(
        pupil.containsAll(
            List.of("social-media", "chat", "games", "gambling", "dating", "circumvention")));
    // Video is "acceptable" in the policy (SafeSearch restricts YouTube); shopping is timed.
    assertFalse(pupil.contains("streaming"));
    assertFalse(pupil.contains("shopping"));
    assertEquals(builtIn.categories().mask(pupil), builtIn.defaultMask(Taxonomy.PUPIL));
  }

  @Test
  void staffAndVisitorsBlockHarmfulAndCircumventionButNotPupilOnlyCategories() {
    for (String profile : List.of(Taxonomy.STAFF, Taxonomy.VISITOR)) {
      List<String> blocked = builtIn.defaultBlocked(profile);
      assertTrue(blocked.containsAll(builtIn.harmful()), profile);
      assertTrue(blocked.contains("circumvention"), profile);
      for (String open : List.of("social-media", "games", "gambling", "streaming", "ai-chat")) {
        assertFalse(blocked.contains(open), profile + " " + open);
      }
    }
  }

  @Test
  void everyDescriptionIsOneReadableLine() {
    for (Taxonomy.Category category : builtIn.all()) {
      String description = category.description();
      assertTrue(description.length() >= 20 && description.length() <= 240, category.name());
      assertFalse(description.contains("\n"), category.name());
    }
  }

  @Test
  void parsesAndOrdersProfiles() {
    Taxonomy taxonomy = Taxonomy.parse("test", new StringReader(VALID));
    assertEquals(List.of("pornography", "shopping"), taxonomy.names());
    Taxonomy.Category pornography = taxonomy.get("pornography");
    assertEquals(List.of("pupil", "staff", "visitor"), List.copyOf(pornography.blockedFor()));
    assertTrue(taxonomy.get("shopping").blockedFor().isEmpty());
    assertEquals(List.of(), taxonomy.defaultBlocked(Taxonomy.PUPIL).subList(1, 1));
    assertTrue(taxonomy.find("gambling").isEmpty());
  }

  @Test
  void rejectsInvalidTaxonomies() {
    assertRejected(VALID.replace("harmful = true", "harmful = yes"), "test:3", "true or false");
    assertRejected(VALID + "category.shopping.locked = true\n", "repeated (first on line 9)");
    assertRejected(
        VALID.replace("category.shopping.locked = false\n", ""), "has no category.shopping.locked");
    assertRejected(
        VALID.replace("visitor, pupil, staff", "pupil, staff"),
        "harmful category 'pornography' must be blocked for every default profile");
    assertRejected(
        VALID.replace("category.shopping.locked = false", "category.shopping.locked = true"),
        "locked category 'shopping' must also be harmful");
    assertRejected(VALID.replace("blocked-for =\n", "blocked-for = teacher\n"), "'teacher'");
    assertRejected(VALID.replace("visitor, pupil", "pupil, pupil"), "repeated");
    assertRejected(VALID + "category.shopping.colour = red\n", "unknown key");
    assertRejected(VALID.replace("Online shops and marketplaces.", "Shops."), "staff need 20-240");
    assertRejected(VALID.replace("category.shopping.", "category.Shopping."), "invalid category");
    assertRejected("# nothing\n", "no categories");
    assertRejected(VALID + "just text\n", "expected 'key = value'");
    assertThrows(IllegalArgumentException.class, () -> Taxonomy.builtIn().defaultBlocked("x"));
    assertThrows(IllegalArgumentException.class, () -> Taxonomy.builtIn().get("adult"));
  }

  private static void assertRejected(String text, String... fragments) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> Taxonomy.parse("test", new StringReader(text)));
    for (String fragment : fragments) {
      assertTrue(e.getMessage().contains(fragment), e.getMessage() + " lacks " + fragment);
    }
  }
}
