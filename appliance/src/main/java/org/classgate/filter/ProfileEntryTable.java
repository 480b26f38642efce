package org.classgate.filter;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;
import org.classgate.dns.Profile;
import org.classgate.dns.wire.Name;
import org.classgate.filter.allowance.AllowanceScope;
import org.classgate.filter.allowance.DenyEntries;

/**
 * Every profile's {@link ProfileEntries}, looked up by profile name on the query path (one {@code
 * Map.get} on an immutable map: no allocation), and the deny check temporary allowances are refused
 * by.
 *
 * <p>Built with the locked lists' check: an allow entry that a locked list covers (the entry itself
 * or one of its ancestors is locked) is {@link #refused() refused} and left out. It could never
 * take effect, since the locked lists are checked before the entries, but an entry that looks as
 * though it unblocks illegal content must not sit in the policy unremarked: the caller logs each
 * refusal, reports it as a problem and records it in the change-control log.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProfileEntryTable implements DenyEntries {
  /** An allow entry left out because a locked list covers it. */
  public record Refusal(String profile, Name entry) {
    public Refusal {
      Objects.requireNonNull(profile, "profile");
      Objects.requireNonNull(entry, "entry");
    }

    /** The entry as people write it (no trailing dot). */
    public String entryText() {
      return text(entry);
    }

    @Override
    public String toString() {
      return "profile."
          + profile
          + ".allow entry "
          + text(entry)
          + " is refused: a locked list (illegal content) covers it, and nothing can allow that";
    }
  }

  /** No profile has entries. */
  public static final ProfileEntryTable EMPTY = new ProfileEntryTable(Map.of(), List.of());

  private final Map<String, ProfileEntries> byProfile;
  private final List<Refusal> refused;

  private ProfileEntryTable(Map<String, ProfileEntries> byProfile, List<Refusal> refused) {
    this.byProfile = byProfile;
    this.refused = refused;
  }

  /**
   * @param allow profile name → its allow entries (lower case, no root); non-null
   * @param deny profile name → its deny entries; non-null
   * @param isLocked the locked lists' check with subdomain semantics; non-null
   */
  public static ProfileEntryTable of(
      Map<String, List<Name>> allow, Map<String, List<Name>> deny, Predicate<Name> isLocked) {
    Objects.requireNonNull(isLocked, "isLocked");
    Map<String, ProfileEntries> byProfile = new LinkedHashMap<>();
    List<Refusal> refused = new ArrayList<>();
    List<String> profiles = new ArrayList<>(allow.keySet());
    deny.keySet().stream().filter(p -> !allow.containsKey(p)).forEach(profiles::add);
    for (String profile : profiles) {
      List<Name> allowed = new ArrayList<>();
      for (Name entry : allow.getOrDefault(profile, List.of())) {
        if (isLocked.test(entry)) {
          refused.add(new Refusal(profile, entry));
        } else {
          allowed.add(entry);
        }
      }
      ProfileEntries entries = ProfileEntries.of(allowed, deny.getOrDefault(profile, List.of()));
      if (entries != ProfileEntries.NONE) {
        byProfile.put(profile, entries);
      }
    }
    return new ProfileEntryTable(Map.copyOf(byProfile), List.copyOf(refused));
  }

  /**
   * The entries of {@code profile}; {@link ProfileEntries#NONE} if it has none. Allocation-free.
   */
  public ProfileEntries of(Profile profile) {
    return forProfile(profile.name());
  }

  /** The entries of the profile named {@code profile}; {@link ProfileEntries#NONE} if none. */
  public ProfileEntries forProfile(String profile) {
    ProfileEntries entries = byProfile.get(profile);
    return entries == null ? ProfileEntries.NONE : entries;
  }

  /** The allow entries left out because a locked list covers them, in configuration order. */
  public List<Refusal> refused() {
    return refused;
  }

  @Override
  public String denial(AllowanceScope scope, Name domain) {
    if (scope instanceof AllowanceScope.ProfileScope profile) {
      return denial(profile.name(), forProfile(profile.name()), domain);
    }
    for (Map.Entry<String, ProfileEntries> entry : new java.util.TreeMap<>(byProfile).entrySet()) {
      String denial = denial(entry.getKey(), entry.getValue(), domain);
      if (denial != null) {
        return denial;
      }
    }
    return null;
  }

  private static String denial(String profile, ProfileEntries entries, Name domain) {
    return entries
        .denyEntryFor(domain)
        .map(entry -> "profile " + profile + "'s deny entry " + text(entry))
        .orElse(null);
  }

  /** Presentation form without the trailing dot, as people write names. */
  static String text(Name name) {
    String text = name.toString();
    return text.length() > 1 ? text.substring(0, text.length() - 1) : text;
  }
}
