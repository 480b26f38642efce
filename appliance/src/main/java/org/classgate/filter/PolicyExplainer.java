package org.classgate.filter;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.classgate.dns.wire.Name;
import org.classgate.filter.Decision.CategoryMatch;
import org.classgate.filter.Decision.Verdict;
import org.classgate.filter.allowance.Allowance;
import org.classgate.filter.allowance.AllowanceScope;
import org.classgate.filter.allowance.AllowanceSet;
import org.classgate.filter.schedule.ProfileSchedule;

/**
 * Answers "for this name and this profile, now, what does the DNS chain decide, and why?" from the
 * same data the chain's stages use, in the chain's order (see {@code app/DnsChain}): special
 * (canary) names, then the locked lists, then the profile's own deny and allow entries, then
 * allowances, then the profile's blocked categories in the timetable period in force, then
 * SafeSearch. The first that applies decides, exactly as the first stage that answers does; the
 * later ones are still reported, marked as not reached.
 *
 * <p>It does not resolve the name: at query time the answer's CNAME and DNAME targets are checked
 * against the same lists ({@link AliasTargetPolicy}), which only an actual answer can show.
 *
 * <p>Every matched category is reported, blocking or not, with the listed entry that matched. The
 * lists keep 64-bit fingerprints, not the entries' text, so the entry is found by matching the name
 * and each of its ancestors separately: the highest listed ancestor of each category is the entry
 * reported.
 *
 * <p>A snapshot: it holds the sets it was built with, so build one per question or per policy
 * change. Immutable and thread-safe (given a thread-safe clock).
 */
public final class PolicyExplainer {
  private final DomainSet locked;
  private final Categories lockedCategories;
  private final DomainSet domains;
  private final Categories categories;
  private final ProfileSchedule schedule;
  private final AllowanceSet allowances;
  private final SafeSearchRules safeSearch;
  private final Set<Name> specialNames;
  private final ProfileEntries entries;
  private final Clock clock;

  /**
   * As {@link #PolicyExplainer(DomainSet, Categories, DomainSet, Categories, ProfileSchedule,
   * AllowanceSet, SafeSearchRules, Set, ProfileEntries, Clock)} for a profile without entries.
   */
  public PolicyExplainer(
      DomainSet locked,
      Categories lockedCategories,
      DomainSet domains,
      Categories categories,
      ProfileSchedule schedule,
      AllowanceSet allowances,
      SafeSearchRules safeSearch,
      Set<Name> specialNames,
      Clock clock) {
    this(
        locked,
        lockedCategories,
        domains,
        categories,
        schedule,
        allowances,
        safeSearch,
        specialNames,
        ProfileEntries.NONE,
        clock);
  }

  /**
   * All non-null.
   *
   * @param locked the locked (illegal-content) set, as {@link LockedLists} uses it
   * @param lockedCategories the names of the locked set's bits
   * @param domains the category set, as {@link CategoryPolicy} uses it
   * @param categories the names of the category set's bits
   * @param schedule the profile's blocked categories per timetable period
   * @param allowances the current allowances ({@link AllowanceSet#empty()} if none)
   * @param safeSearch the profile's SafeSearch rules ({@link SafeSearchRules#NONE} if off)
   * @param specialNames the canary names answered for every profile, matched exactly, e.g. {@link
   *     org.classgate.dns.pipeline.SpecialNames#canaries()}
   * @param entries the profile's allow and deny entries, as {@link ProfileEntryPolicy} uses them
   * @param clock the wall clock the timetable and allowances are on
   */
  public PolicyExplainer(
      DomainSet locked,
      Categories lockedCategories,
      DomainSet domains,
      Categories categories,
      ProfileSchedule schedule,
      AllowanceSet allowances,
      SafeSearchRules safeSearch,
      Set<Name> specialNames,
      ProfileEntries entries,
      Clock clock) {
    this.locked = Objects.requireNonNull(locked, "locked");
    this.lockedCategories = Objects.requireNonNull(lockedCategories, "lockedCategories");
    this.domains = Objects.requireNonNull(domains, "domains");
    this.categories = Objects.requireNonNull(categories, "categories");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.allowances = Objects.requireNonNull(allowances, "allowances");
    this.safeSearch = Objects.requireNonNull(safeSearch, "safeSearch");
    this.specialNames = Set.copyOf(Objects.requireNonNull(specialNames, "specialNames"));
    this.entries = Objects.requireNonNull(entries, "entries");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The decision for {@code name} for any device of the profile: allowances scoped to one device
   * are not considered (use {@link #explain(Name, InetAddress)} for a device).
   *
   * @param name non-null, any case
   */
  public Decision explain(Name name) {
    return explain(name, null);
  }

  /**
   * The decision for {@code name} asked by {@code client} now.
   *
   * @param name non-null, any case
   * @param client the device's address, or null for no particular device (device allowances do not
   *     apply then)
   * @throws IllegalStateException if the allowance set allows the name but no allowance in it
   *     explains why (the two would disagree: a bug, never guessed around)
   */
  public Decision explain(Name name, InetAddress client) {
    Objects.requireNonNull(name, "name");
    Instant now = clock.instant();
    String period = schedule.timetable().periodAt(now);
    int blockedMask = schedule.blockedIn(period);
    String profile = schedule.profile();

    List<CategoryMatch> matches = new ArrayList<>();
    int lockedMask = collect(matches, name, locked, lockedCategories, true, ~0);
    int categoryMask = collect(matches, name, domains, categories, false, blockedMask);
    Allowance allowance = applyingAllowance(name, profile, client, now);
    boolean allowed =
        client == null ? allowance != null : allowances.allows(profile, client, name, now);
    if (allowed && allowance == null) {
      throw new IllegalStateException(
          "the allowance set allows "
              + name
              + " for "
              + profile
              + " but none of its allowances"
              + " covers it at "
              + now);
    }
    Name safeTarget = safeSearch.targetFor(name);
    Name denyEntry = entries.denies(name) ? entries.denyEntryFor(name).orElseThrow() : null;
    Name allowEntry = entries.allows(name) ? entries.allowEntryFor(name).orElseThrow() : null;

    Verdict verdict;
    if (specialNames.contains(name)) {
      verdict = Verdict.SPECIAL;
    } else if (lockedMask != 0) {
      verdict = Verdict.LOCKED;
    } else if (denyEntry != null) {
      verdict = Verdict.DENIED_BY_ENTRY;
    } else if ((categoryMask & blockedMask) != 0 && allowEntry == null && !allowed) {
      verdict = Verdict.BLOCKED;
    } else if (safeTarget != null) {
      // As in the chain: an allow entry or an allowance waives the profile's categories, nothing
      // else, so SafeSearch still rewrites the name.
      verdict = Verdict.SAFESEARCH;
    } else if ((categoryMask & blockedMask) != 0) {
      // The profile entries stage runs before the allowances: its waiver is the one reported.
      verdict = allowEntry != null ? Verdict.ALLOWED_BY_ENTRY : Verdict.ALLOWED_BY_ALLOWANCE;
    } else {
      verdict = Verdict.ALLOWED;
    }
    ExplanationText text =
        new ExplanationText(name, profile, now, period, verdict, matches, client != null);
    String explanation =
        text.write(denyEntry, allowEntry, allowance, allowed, safeTarget, alsoCovering(name));
    Name decidingEntry =
        switch (verdict) {
          case DENIED_BY_ENTRY -> denyEntry;
          case ALLOWED_BY_ENTRY -> allowEntry;
          default -> null;
        };
    return new Decision(
        verdict,
        name,
        profile,
        now,
        period,
        matches,
        verdict == Verdict.ALLOWED_BY_ALLOWANCE ? allowance.describe() : null,
        verdict == Verdict.SAFESEARCH ? safeTarget : null,
        decidingEntry,
        explanation);
  }

  /**
   * Adds a match per category of {@code set} that lists {@code name} or an ancestor, attributed to
   * the highest listed ancestor: walking from the top-level suffix down, the bits a suffix adds to
   * those of its ancestors are the categories listing that suffix itself.
   *
   * @return the OR of every matched bit, as {@link DomainSet#match} gives it for {@code name}
   *     (categories whose exceptions cover the name are left out)
   */
  private static int collect(
      List<CategoryMatch> out,
      Name name,
      DomainSet set,
      Categories names,
      boolean lockedList,
      int blocking) {
    List<Name> suffixes = new ArrayList<>();
    for (Name suffix = name; suffix.labelCount() > 0; suffix = suffix.parent()) {
      suffixes.add(suffix);
    }
    Name[] listedAs = new Name[Integer.SIZE];
    int seen = 0;
    for (int i = suffixes.size() - 1; i >= 0; i--) {
      int added = set.matchListed(suffixes.get(i)) & ~seen;
      for (int bit = 0; bit < Integer.SIZE; bit++) {
        if ((added & (1 << bit)) != 0) {
          listedAs[bit] = suffixes.get(i);
        }
      }
      seen |= added;
    }
    // An Adblock-style exception of a category takes the name out of it, as in the chain.
    seen &= set.match(name);
    for (int bit = 0; bit < Integer.SIZE; bit++) {
      int mask = 1 << bit;
      if ((seen & mask) != 0) {
        String category = bit < names.size() ? names.name(mask) : "bit-" + bit;
        out.add(
            new CategoryMatch(
                category, lockedList, lockedList || (blocking & mask) != 0, listedAs[bit]));
      }
    }
    return seen;
  }

  /** The first allowance (by id) that covers {@code name} for this profile and device now. */
  private Allowance applyingAllowance(Name name, String profile, InetAddress client, Instant now) {
    for (Allowance allowance : allowances.allowances()) {
      if (allowance.activeAt(now)
          && name.isSubdomainOf(allowance.domain())
          && coversScope(allowance.scope(), profile, client)) {
        return allowance;
      }
    }
    return null;
  }

  private static boolean coversScope(AllowanceScope scope, String profile, InetAddress client) {
    if (client == null) {
      // Profile and classroom scopes do not look at the address; a device scope needs one.
      return !(scope instanceof AllowanceScope.DeviceScope) && scope.covers(profile, null);
    }
    return scope.covers(profile, client);
  }

  /** Allowances for the name (or an ancestor) that do not apply now, to say why not. */
  private List<Allowance> alsoCovering(Name name) {
    return allowances.allowances().stream()
        .filter(allowance -> name.isSubdomainOf(allowance.domain()))
        .toList();
  }
}
