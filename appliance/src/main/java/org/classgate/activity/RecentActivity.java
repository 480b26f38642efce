package org.classgate.activity;

import java.net.InetAddress;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import org.classgate.dns.wire.Name;

/**
 * The activity log's hot-path side: {@link #record} puts each decision into a bounded in-memory
 * {@link ActivityRing}, from which both the {@link ActivityHistory} (incident snapshots, live view)
 * and the batched database writer read. Recording is one atomic increment and a copy of the
 * decision's fields into preallocated slots; it never blocks, never allocates (with OpenJDK, for
 * IPv4 clients; an IPv6 address is copied out once) and never throws. Thread-safe.
 *
 * <p>Records carry only the monotonic time of the decision. {@link #since} turns it into wall time
 * with one reading of both clocks, so the whole snapshot is consistent even if the wall clock was
 * set (by NTP) in the meantime: the monotonic distance to now is exact.
 */
public final class RecentActivity implements ActivityLog, ActivityHistory {
  /**
   * Records claimed slightly out of order by racing threads may differ in time by this much; the
   * backwards scan of {@link #since} looks this far past the first older record before it stops.
   */
  private static final long SCAN_SLACK_NANOS = 1_000_000_000L;

  private final ActivityRing ring;
  private final CategoryNames categories;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final BooleanSupplier synchronised;

  /**
   * @param capacity decisions kept in memory (rounded up to a power of two)
   * @param clock the wall clock, read once per {@link #since} call
   * @param nanoTime the same monotonic clock the DNS chain stamps records with
   * @param synchronised whether the wall clock is synchronised now
   */
  public RecentActivity(
      int capacity,
      CategoryNames categories,
      Clock clock,
      LongSupplier nanoTime,
      BooleanSupplier synchronised) {
    this.ring = new ActivityRing(capacity);
    this.categories = categories;
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.synchronised = synchronised;
  }

  @Override
  public void record(QueryRecord record) {
    ring.add(record);
  }

  /** The ring the database writer drains. */
  ActivityRing ring() {
    return ring;
  }

  public int capacity() {
    return ring.capacity();
  }

  @Override
  public List<ActivityEntry> since(Instant from) {
    long nowNanos = nanoTime.getAsLong();
    long nowMillis = clock.millis();
    boolean trusted = synchronised.getAsBoolean();
    long windowNanos = windowNanos(nowMillis, from);
    List<ActivityEntry> entries = new ArrayList<>();
    long end = ring.claimed();
    long start = Math.max(0, end - ring.capacity());
    DecisionRow row = new DecisionRow();
    Naming naming = new Naming(categories);
    for (long sequence = end - 1; sequence >= start; sequence--) {
      if (!ring.read(sequence, row)) {
        continue; // being written or already overwritten: not part of the snapshot
      }
      long ageNanos = nowNanos - row.nanos();
      if (ageNanos > windowNanos && ageNanos - windowNanos > SCAN_SLACK_NANOS) {
        break;
      }
      if (ageNanos <= windowNanos) {
        long millis = nowMillis - Math.floorDiv(ageNanos, 1_000_000L);
        entries.add(naming.entry(row, Instant.ofEpochMilli(millis), trusted));
      }
    }
    Collections.reverse(entries);
    return entries;
  }

  /** The window in nanoseconds, saturating: a start far in the past means everything held. */
  private static long windowNanos(long nowMillis, Instant from) {
    // Instant spans far more than a long of milliseconds: clamp before multiplying.
    long seconds =
        Math.max(-1_000_000_000_000L, Math.min(1_000_000_000_000L, from.getEpochSecond()));
    long millis = nowMillis - (seconds * 1000 + from.getNano() / 1_000_000);
    if (millis <= 0) {
      return 0;
    }
    return millis >= Long.MAX_VALUE / 2_000_000L ? Long.MAX_VALUE / 2 : millis * 1_000_000L;
  }

  /**
   * Turns rows into entries for one {@link #since} call. A snapshot is taken on the report button's
   * way to "durable", and a classroom's thousands of decisions come from a few dozen clients with a
   * handful of category sets: each client address and category list is made once per call and
   * shared by the entries, and names go from the row's wire bytes straight to text, without a
   * parsed name or a record in between. Not thread-safe: one per call.
   */
  private static final class Naming {
    private final CategoryNames categories;
    private final Map<AddressKey, InetAddress> clients = new HashMap<>();
    private final Map<Integer, List<String>> categoryLists = new HashMap<>();
    private final AddressKey probe = new AddressKey();

    Naming(CategoryNames categories) {
      this.categories = categories;
    }

    ActivityEntry entry(DecisionRow row, Instant time, boolean trusted) {
      return new ActivityEntry(
          time,
          trusted,
          client(row),
          row.deviceId,
          row.profile,
          Name.presentation(row.name, row.nameLength),
          row.type,
          row.outcome,
          categoryNames(row.categories));
    }

    private InetAddress client(DecisionRow row) {
      probe.set(row);
      InetAddress address = clients.get(probe);
      if (address == null) {
        address = row.client();
        clients.put(new AddressKey().copy(probe), address);
      }
      return address;
    }

    private List<String> categoryNames(int mask) {
      if (mask == 0) {
        return List.of();
      }
      return categoryLists.computeIfAbsent(mask, bits -> List.copyOf(categories.namesOf(bits)));
    }
  }
}
