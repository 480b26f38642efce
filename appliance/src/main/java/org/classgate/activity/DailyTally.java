package org.classgate.activity;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.classgate.dns.Outcome;

/**
 * Counts decisions per (local day, device, category, outcome) for the daily statistics, which
 * outlive the raw decisions. A decision blocked by two categories counts once under each; one that
 * no category matched counts under the empty category. The device is the device id, or the client
 * address while the device is unknown. Not thread-safe: one per batch.
 *
 * <p>Runs on the writer thread for every decision, so counting makes no objects: the key (category
 * mask, device index, outcome, day) is packed into a {@code long} in an open-addressing table;
 * names and dates are made once per distinct key by {@link #counts}.
 */
public final class DailyTally {
  /** One statistics key. */
  public record Key(LocalDate day, String device, String category, Outcome outcome) {}

  private static final Outcome[] OUTCOMES = Outcome.values();
  private static final long EMPTY = -1;
  private static final int MAX_DEVICES = 0xFFFF;

  private final ZoneId zone;
  private final long batchWallMillis;
  private final long batchNanos;
  private final LocalDate batchDay;
  private final long dayStartMillis;

  /** Device index by device id (a String) or by client address (an {@link AddressKey}). */
  private final Map<Object, Integer> devices = new HashMap<>();

  private final List<String> deviceNames = new ArrayList<>();
  private final AddressKey probe = new AddressKey();
  private long[] keys = new long[64];
  private long[] counts = new long[64];
  private int used;

  /**
   * @param batchWallMillis the batch stamp's wall time
   * @param batchNanos the batch stamp's monotonic time: a decision's time is the batch's minus the
   *     monotonic distance between them
   */
  public DailyTally(ZoneId zone, long batchWallMillis, long batchNanos) {
    this.zone = zone;
    this.batchWallMillis = batchWallMillis;
    this.batchNanos = batchNanos;
    this.batchDay = LocalDate.ofInstant(Instant.ofEpochMilli(batchWallMillis), zone);
    this.dayStartMillis = batchDay.atStartOfDay(zone).toInstant().toEpochMilli();
    Arrays.fill(keys, EMPTY);
  }

  /** Counts one decision. */
  public void add(DecisionRow row) {
    long wall = batchWallMillis - (batchNanos - row.nanos) / 1_000_000;
    long daysBack = 0;
    if (wall < dayStartMillis) {
      LocalDate day = LocalDate.ofInstant(Instant.ofEpochMilli(wall), zone);
      // Decisions days older than their batch cannot happen (the ring holds minutes): clamp.
      daysBack = Math.min(0xFF, batchDay.toEpochDay() - day.toEpochDay());
    }
    long key =
        ((long) row.categories << 32)
            | ((long) device(row) << 16)
            | ((long) row.outcome.ordinal() << 8)
            | daysBack;
    increment(key);
  }

  /** The index of the row's device; its name is made once, when first seen. */
  private int device(DecisionRow row) {
    Object key;
    if (row.deviceId != null) {
      key = row.deviceId;
    } else {
      probe.set(row);
      key = probe;
    }
    Integer index = devices.get(key);
    if (index != null) {
      return index;
    }
    if (deviceNames.size() == MAX_DEVICES) {
      return MAX_DEVICES; // more devices in one batch than any school has: counted as "(other)"
    }
    int next = deviceNames.size();
    deviceNames.add(row.deviceId != null ? row.deviceId : row.client().getHostAddress());
    devices.put(row.deviceId != null ? row.deviceId : new AddressKey().copy(probe), next);
    return next;
  }

  private void increment(long key) {
    int slot = slotOf(keys, key);
    if (keys[slot] == EMPTY) {
      keys[slot] = key;
      used++;
    }
    counts[slot]++;
    if (used * 2 > keys.length) {
      grow();
    }
  }

  private static int slotOf(long[] table, long key) {
    long mixed = key * 0x9E3779B97F4A7C15L;
    int slot = (int) ((mixed ^ (mixed >>> 29)) & (table.length - 1));
    while (table[slot] != EMPTY && table[slot] != key) {
      slot = (slot + 1) & (table.length - 1);
    }
    return slot;
  }

  private void grow() {
    long[] oldKeys = keys;
    long[] oldCounts = counts;
    keys = new long[oldKeys.length * 2];
    counts = new long[oldKeys.length * 2];
    Arrays.fill(keys, EMPTY);
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldKeys[i] != EMPTY) {
        int slot = slotOf(keys, oldKeys[i]);
        keys[slot] = oldKeys[i];
        counts[slot] = oldCounts[i];
      }
    }
  }

  /**
   * The counts, named.
   *
   * @param categories names the category bits of the counted decisions
   */
  public Map<Key, Long> counts(CategoryNames categories) {
    Map<Key, Long> named = new HashMap<>();
    for (int i = 0; i < keys.length; i++) {
      long key = keys[i];
      if (key == EMPTY) {
        continue;
      }
      LocalDate day = batchDay.minusDays(key & 0xFF);
      int deviceIndex = (int) ((key >>> 16) & 0xFFFF);
      String device = deviceIndex < deviceNames.size() ? deviceNames.get(deviceIndex) : "(other)";
      Outcome outcome = OUTCOMES[(int) ((key >>> 8) & 0xFF)];
      int mask = (int) (key >>> 32);
      List<String> names = mask == 0 ? List.of() : categories.namesOf(mask);
      if (names.isEmpty()) {
        named.merge(new Key(day, device, "", outcome), counts[i], Long::sum);
      }
      for (String name : names) {
        named.merge(new Key(day, device, name, outcome), counts[i], Long::sum);
      }
    }
    return named;
  }
}
