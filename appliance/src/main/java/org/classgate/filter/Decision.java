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
    String explanation) {

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
     * An allowance covers the name for this profile now: neither categories nor SafeSearch apply.
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
}
