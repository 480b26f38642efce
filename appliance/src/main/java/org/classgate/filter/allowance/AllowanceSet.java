package org.classgate.filter.allowance;

import java.net.InetAddress;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.classgate.dns.wire.Name;

/**
 * An immutable snapshot of the stored allowances, for the DNS path: {@link #allows} answers "is
 * this name allowed for this client now?" without allocating.
 *
 * <p><b>Layout.</b> Allowances are grouped by domain. Each domain's lower-cased wire bytes sit in
 * an open-addressing table keyed by a case-folded hash of those bytes. A lookup hashes each suffix
 * of the query name straight from its wire bytes (only suffixes with as many labels as some allowed
 * domain has), so {@code www.example.com} finds {@code example.com} while {@code notexample.com}
 * hashes and compares a different byte string and does not. For a domain found, its allowances'
 * times and scopes are checked in arrays.
 *
 * <p><b>Time.</b> The caller passes "now"; an allowance matches from its start (inclusive) until
 * its expiry (exclusive), so an expired allowance simply stops matching. {@link #withoutExpired} is
 * the housekeeping that drops them from a new snapshot.
 *
 * <p><b>Locked content.</b> The snapshot keeps the locked-list predicate it was built with and
 * never answers true for a locked name, whatever allowance matches: a locked subdomain of an
 * allowed domain stays blocked. The check runs only when an allowance has matched, so it costs
 * nothing on the usual path.
 *
 * <p>Thread-safe: nothing is written after construction.
 */
public final class AllowanceSet {
  private static final int NOT_FOUND = -1;

  private final List<Allowance> allowances;
  private final Predicate<Name> isLocked;

  /** Per domain group: its lower-cased wire bytes. */
  private final byte[][] domainWire;

  /** Per domain group g: its allowances are entries {@code groupStart[g]} to {@code [g+1]}. */
  private final int[] groupStart;

  /** Per entry (grouped by domain). */
  private final AllowanceScope[] scopes;

  private final Instant[] starts;
  private final Instant[] expiries;

  /** Open addressing, linear probing: group index + 1, or 0 for an empty slot. */
  private final int[] table;

  private final int minLabels;
  private final int maxLabels;

  private AllowanceSet(List<Allowance> allowances, Predicate<Name> isLocked) {
    this.allowances = allowances;
    this.isLocked = isLocked;
    Map<Name, List<Allowance>> byDomain = new LinkedHashMap<>();
    for (Allowance allowance : allowances) {
      byDomain.computeIfAbsent(allowance.domain(), d -> new ArrayList<>()).add(allowance);
    }
    int groups = byDomain.size();
    domainWire = new byte[groups][];
    groupStart = new int[groups + 1];
    scopes = new AllowanceScope[allowances.size()];
    starts = new Instant[allowances.size()];
    expiries = new Instant[allowances.size()];
    // A power of two at least twice the group count keeps probes short and the mask cheap.
    table = new int[Integer.highestOneBit(Math.max(1, groups) * 2) * 2];
    int min = Integer.MAX_VALUE;
    int max = 0;
    int group = 0;
    int entry = 0;
    for (Map.Entry<Name, List<Allowance>> domain : byDomain.entrySet()) {
      // Allowance domains are lower case already (AllowanceRequest), and Name keys compare
      // case-insensitively, so each group holds one domain.
      byte[] wire = domain.getKey().wireBytes().clone();
      domainWire[group] = wire;
      groupStart[group] = entry;
      for (Allowance allowance : domain.getValue()) {
        scopes[entry] = allowance.scope();
        starts[entry] = allowance.start();
        expiries[entry] = allowance.expiry();
        entry++;
      }
      int slot = hash(wire, 0) & (table.length - 1);
      while (table[slot] != 0) {
        slot = (slot + 1) & (table.length - 1);
      }
      table[slot] = group + 1;
      min = Math.min(min, domain.getKey().labelCount());
      max = Math.max(max, domain.getKey().labelCount());
      group++;
    }
    groupStart[groups] = entry;
    minLabels = groups == 0 ? Integer.MAX_VALUE : min;
    maxLabels = max;
  }

  /**
   * A snapshot of {@code allowances}.
   *
   * @param allowances non-null, without null elements; expired ones may be included (they never
   *     match)
   * @param isLocked the locked-list check, with subdomain semantics; must be thread-safe and should
   *     be allocation-free (e.g. a {@code DomainSet} match); an exception from it propagates out of
   *     {@link #allows}, so the DNS stage fails the query instead of allowing it
   */
  public static AllowanceSet of(Collection<Allowance> allowances, Predicate<Name> isLocked) {
    Objects.requireNonNull(isLocked, "isLocked");
    List<Allowance> sorted = new ArrayList<>(allowances);
    sorted.sort(Comparator.comparingLong(Allowance::id));
    return new AllowanceSet(List.copyOf(sorted), isLocked);
  }

  /** A snapshot that allows nothing. */
  public static AllowanceSet empty() {
    return new AllowanceSet(List.of(), name -> true);
  }

  /**
   * True if an allowance for {@code name} or one of its ancestors covers this client at {@code
   * now}, and {@code name} is not locked. Allocation-free (given an allocation-free lock check).
   *
   * @param profile the client's profile name; null if it has none
   * @param client the client's address; non-null
   * @param name the queried name; non-null, any case
   * @param now the current time; non-null
   */
  public boolean allows(String profile, InetAddress client, Name name, Instant now) {
    int labels = name.labelCount();
    if (labels < minLabels) {
      return false;
    }
    byte[] wire = name.wireBytes();
    int pos = 0;
    // Suffixes with more labels than the longest allowed domain cannot match: skip them unhashed.
    for (; labels > maxLabels; labels--) {
      pos += 1 + (wire[pos] & 0xFF);
    }
    for (; labels >= minLabels; labels--) {
      int group = find(wire, pos);
      if (group != NOT_FOUND && coversAny(group, profile, client, now)) {
        return !isLocked.test(name);
      }
      pos += 1 + (wire[pos] & 0xFF);
    }
    return false;
  }

  private boolean coversAny(int group, String profile, InetAddress client, Instant now) {
    for (int i = groupStart[group]; i < groupStart[group + 1]; i++) {
      if (!now.isBefore(starts[i])
          && now.isBefore(expiries[i])
          && scopes[i].covers(profile, client)) {
        return true;
      }
    }
    return false;
  }

  private int find(byte[] wire, int from) {
    int mask = table.length - 1;
    int slot = hash(wire, from) & mask;
    int length = wire.length - from;
    for (int probe = table[slot]; probe != 0; probe = table[slot]) {
      byte[] candidate = domainWire[probe - 1];
      if (candidate.length == length && equalsIgnoreCase(wire, from, candidate)) {
        return probe - 1;
      }
      slot = (slot + 1) & mask;
    }
    return NOT_FOUND;
  }

  /** Case-folded hash of {@code wire[from..]}; the same for a name in any case. */
  private static int hash(byte[] wire, int from) {
    int h = 0x636c6173; // "clas"
    for (int i = from; i < wire.length; i++) {
      h = (h ^ lower(wire[i])) * 0x01000193; // FNV-1a step
    }
    // Spread the high bits into the low ones the table mask keeps (murmur3 finaliser).
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return h;
  }

  private static boolean equalsIgnoreCase(byte[] wire, int from, byte[] lowerCase) {
    for (int i = 0; i < lowerCase.length; i++) {
      if (lower(wire[from + i]) != lowerCase[i]) {
        return false;
      }
    }
    return true;
  }

  private static byte lower(byte b) {
    return (b >= 'A' && b <= 'Z') ? (byte) (b + ('a' - 'A')) : b;
  }

  /** Every allowance in the snapshot, by id, including any that have expired since it was built. */
  public List<Allowance> allowances() {
    return allowances;
  }

  public int size() {
    return allowances.size();
  }

  /** The allowances that have expired at {@code now}, by id. */
  public List<Allowance> expiredAt(Instant now) {
    return allowances.stream().filter(a -> a.expiredAt(now)).toList();
  }

  /** Housekeeping: this snapshot without the allowances expired at {@code now}. */
  public AllowanceSet withoutExpired(Instant now) {
    List<Allowance> live = allowances.stream().filter(a -> !a.expiredAt(now)).toList();
    return live.size() == allowances.size() ? this : new AllowanceSet(live, isLocked);
  }

  /**
   * The next time after {@code now} at which an allowance starts or expires, so a scheduler knows
   * when to run housekeeping (and the console when its view changes); empty if none.
   */
  public Optional<Instant> nextChangeAfter(Instant now) {
    Instant next = null;
    for (int i = 0; i < starts.length; i++) {
      next = earlierFuture(next, starts[i], now);
      next = earlierFuture(next, expiries[i], now);
    }
    return Optional.ofNullable(next);
  }

  private static Instant earlierFuture(Instant best, Instant candidate, Instant now) {
    return candidate.isAfter(now) && (best == null || candidate.isBefore(best)) ? candidate : best;
  }

  @Override
  public String toString() {
    return "AllowanceSet[" + allowances.size() + " allowances, " + domainWire.length + " domains]";
  }
}
