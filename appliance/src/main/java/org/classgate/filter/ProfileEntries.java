package org.classgate.filter;

import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.classgate.dns.wire.Name;

/**
 * One profile's own allow and deny entries ({@code profile.<name>.allow} / {@code .deny}). Each
 * entry covers the domain and its subdomains, like a list entry. A deny entry blocks the name for
 * the profile whatever its categories say; an allow entry waives the profile's blocked categories
 * for the name (never the locked lists, which are checked first, and not SafeSearch).
 *
 * <p>The query path asks {@link #denies} and {@link #allows}: each is one allocation-free {@link
 * DomainSet} lookup (or none when the profile has no entries of that kind). The entries' names are
 * kept as well (a profile has a short list), so the explainer and {@code policy show} can say which
 * entry matched.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProfileEntries {
  /** A profile without entries. */
  public static final ProfileEntries NONE = new ProfileEntries(List.of(), List.of());

  /** The one bit every entry is stored with: the sets only answer "listed or not". */
  private static final int LISTED = 1;

  private final List<Name> allow;
  private final List<Name> deny;
  private final DomainSet allowSet;
  private final DomainSet denySet;

  private ProfileEntries(List<Name> allow, List<Name> deny) {
    this.allow = allow;
    this.deny = deny;
    this.allowSet = setOf(allow);
    this.denySet = setOf(deny);
  }

  /**
   * @param allow the allow entries; non-null, no nulls, none the root; kept in lower case
   * @param deny the deny entries; same rules
   */
  public static ProfileEntries of(Collection<Name> allow, Collection<Name> deny) {
    if (allow.isEmpty() && deny.isEmpty()) {
      return NONE;
    }
    return new ProfileEntries(lowerCase(allow), lowerCase(deny));
  }

  private static List<Name> lowerCase(Collection<Name> names) {
    return names.stream().map(name -> Objects.requireNonNull(name).toLowerCase()).toList();
  }

  private static DomainSet setOf(List<Name> names) {
    if (names.isEmpty()) {
      return DomainSet.EMPTY;
    }
    DomainSet.Builder builder = new DomainSet.Builder();
    for (Name name : names) {
      builder.add(name, LISTED);
    }
    return builder.build();
  }

  /** True if a deny entry covers {@code name} (any case). Allocation-free. */
  public boolean denies(Name name) {
    return !deny.isEmpty() && denySet.match(name) != 0;
  }

  /** True if an allow entry covers {@code name} (any case). Allocation-free. */
  public boolean allows(Name name) {
    return !allow.isEmpty() && allowSet.match(name) != 0;
  }

  /** The deny entry that covers {@code name}: the highest of its listed ancestors; for people. */
  public Optional<Name> denyEntryFor(Name name) {
    return covering(deny, name);
  }

  /** The allow entry that covers {@code name}: the highest of its listed ancestors; for people. */
  public Optional<Name> allowEntryFor(Name name) {
    return covering(allow, name);
  }

  private static Optional<Name> covering(List<Name> entries, Name name) {
    Name best = null;
    for (Name entry : entries) {
      if (name.isSubdomainOf(entry) && (best == null || entry.labelCount() < best.labelCount())) {
        best = entry;
      }
    }
    return Optional.ofNullable(best);
  }

  /** The allow entries, in configuration order. */
  public List<Name> allow() {
    return allow;
  }

  /** The deny entries, in configuration order. */
  public List<Name> deny() {
    return deny;
  }

  @Override
  public String toString() {
    return "ProfileEntries[" + allow.size() + " allow, " + deny.size() + " deny]";
  }
}
