package org.classgate.filter;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.classgate.dns.wire.Name;

/**
 * What the DNS chain decides for one name, one profile and one instant, and why: the answer of
 * {@link PolicyExplainer#explain}. Immutable.
 *
 * @param verdict which stage decided; non-null
 * @param name the name explained; non-null
 * @param profile the profile's name; non-null
 * @param at the instant explained; non-null
 * @param period the timetable period in force at {@code at}; non-null ({@code outside} when no
 *     period is)
 * @param categories every list category the name matches, locked lists first, each in bit order,
 *     including those that do not block this profile now (see {@link CategoryMatch#blocks()});
 *     non-null, possibly empty
 * @param allowance the {@code describe()} text of the allowance that let the name through; null
 *     unless the verdict is {@link Verdict#ALLOWED_BY_ALLOWANCE}
 * @param safeSearchTarget the safe name address queries are rewritten to; null unless the verdict
 *     is {@link Verdict#SAFESEARCH}
 * @param profileEntry the profile's own entry that decided ({@code profile.<name>.deny} or {@code
 *     .allow}); null unless the verdict is {@link Verdict#DENIED_BY_ENTRY} or {@link
 *     Verdict#ALLOWED_BY_ENTRY}
 * @param explanation the decision for people, several lines: one per stage in chain order
 */
public record Decision(
    Verdict verdict,
    Name name,
    String profile,
    Instant at,
    String period,
    List<CategoryMatch> categories,
    String allowance,
    Name safeSearchTarget,
    Name profileEntry,
    String explanation) {

  /** The reason recorded for a name a profile's deny entry blocks (it has no list category). */
  public static final String PROFILE_DENY = "profile-deny";

  /**
   * The stage that decides, declared in the order the chain runs them (the first that applies wins;
   * the explanation text relies on this order).
   */
  public enum Verdict {
    /** A canary name, answered NXDOMAIN for every profile (SpecialNames). */
    SPECIAL,
    /** On a locked (illegal-content) list: blocked for every profile, never allowed. */
    LOCKED,
    /**
     * A deny entry of the profile covers the name ({@link #PROFILE_DENY}): blocked whatever the
     * categories or any allowance say.
     */
    DENIED_BY_ENTRY,
    /**
     * An allow entry of the profile covers the name and a category the profile blocks lists it: the
     * categories are waived. (A name SafeSearch rewrites is {@link #SAFESEARCH} instead.)
     */
    ALLOWED_BY_ENTRY,
    /**
     * An allowance covers the name for this profile now and a category the profile blocks lists it:
     * the categories are waived. (A name SafeSearch rewrites is {@link #SAFESEARCH} instead.)
     */
    ALLOWED_BY_ALLOWANCE,
    /** In a category the profile blocks in the period in force. */
    BLOCKED,
    /** Address queries are rewritten to the search engine's safe name. */
    SAFESEARCH,
    /** Nothing applies: resolved as asked (its answer's aliases are still checked). */
    ALLOWED
  }

  /**
   * One list category the name matches.
   *
   * @param category the category's configured name (or {@code bit-N} for a bit no name is
   *     configured for)
   * @param locked true for a locked (illegal-content) list, false for a category list
   * @param blocks true if the match blocks this profile in the period in force: always for a locked
   *     list; for a category list, whether the profile blocks that category in the period
   * @param listedAs the listed entry that matched: the highest of the name and its ancestors that
   *     is listed in this category (a more specific entry in the same category cannot be told
   *     apart, because the lists keep only fingerprints and a match covers subdomains)
   */
  public record CategoryMatch(String category, boolean locked, boolean blocks, Name listedAs) {
    public CategoryMatch {
      Objects.requireNonNull(category, "category");
      Objects.requireNonNull(listedAs, "listedAs");
    }
  }

  public Decision {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(profile, "profile");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(period, "period");
    categories = List.copyOf(categories);
    Objects.requireNonNull(explanation, "explanation");
  }

  /** The matched category names that block this profile now (locked ones included). */
  public List<String> blockingCategories() {
    return categories.stream().filter(CategoryMatch::blocks).map(CategoryMatch::category).toList();
  }

  /**
   * Why the name is kept from the client, as the activity log would record it: the locked or
   * blocking category names, or {@link #PROFILE_DENY}; empty if the name is let through.
   */
  public List<String> blockReasons() {
    return switch (verdict) {
      case LOCKED ->
          categories.stream().filter(CategoryMatch::locked).map(CategoryMatch::category).toList();
      case DENIED_BY_ENTRY -> List.of(PROFILE_DENY);
      case BLOCKED -> blockingCategories();
      default -> List.of();
    };
  }
}
