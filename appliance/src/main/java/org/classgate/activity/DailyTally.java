package org.classgate.activity;

import java.net.InetAddress;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
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
 * <p>Runs on the writer thread for every decision, so the per-decision work is a few array and
 * hash-map operations on a packed {@code long} key; names and dates are made once per distinct key.
 */
public final class DailyTally {
  /** One statistics key. */
  public record Key(LocalDate day, String device, String category, Outcome outcome) {}

  private static final Outcome[] OUTCOMES = Outcome.values();

  private final ZoneId zone;
  private final Map<Key, Long> counts = new HashMap<>();

  public DailyTally(ZoneId zone) {
    this.zone = zone;
  }

  /**
   * Counts {@code rows[0..count)} of a batch stamped at {@code batchWallMillis} / {@code
   * batchNanos}: a row's time is the batch's minus the monotonic distance between them.
   *
   * @param categories names the rows' category bits
   */
  public void addBatch(
      long batchWallMillis, long batchNanos, List<QueryRecord> rows, CategoryNames categories) {
    LocalDate batchDay = LocalDate.ofInstant(Instant.ofEpochMilli(batchWallMillis), zone);
    long dayStart = batchDay.atStartOfDay(zone).toInstant().toEpochMilli();
    Map<Object, Integer> devices = new HashMap<>();
    List<Object> deviceList = new ArrayList<>();
    Map<Long, long[]> packed = new HashMap<>();
    for (QueryRecord row : rows) {
      Object device = row.deviceId() != null ? row.deviceId() : row.client();
      Integer index = devices.get(device);
      if (index == null) {
        index = deviceList.size();
        devices.put(device, index);
        deviceList.add(device);
      }
      long wall = batchWallMillis - Math.max(0, (batchNanos - row.monotonicNanos()) / 1000) / 1000;
      long daysBack =
          wall >= dayStart
              ? 0
              : batchDay.toEpochDay()
                  - LocalDate.ofInstant(Instant.ofEpochMilli(wall), zone).toEpochDay();
      if (index < 0x10000 && daysBack < 0x100) {
        long key =
            ((long) row.categories() << 32)
                | ((long) index << 16)
                | ((long) row.outcome().ordinal() << 8)
                | daysBack;
        packed.computeIfAbsent(key, k -> new long[1])[0]++;
      } else {
        add(batchDay.minusDays(daysBack), device, row.categories(), row.outcome(), 1, categories);
      }
    }
    for (Map.Entry<Long, long[]> entry : packed.entrySet()) {
      long key = entry.getKey();
      add(
          batchDay.minusDays(key & 0xFF),
          deviceList.get((int) ((key >>> 16) & 0xFFFF)),
          (int) (key >>> 32),
          OUTCOMES[(int) ((key >>> 8) & 0xFF)],
          entry.getValue()[0],
          categories);
    }
  }

  private void add(
      LocalDate day,
      Object device,
      int mask,
      Outcome outcome,
      long count,
      CategoryNames categories) {
    String deviceText =
        device instanceof InetAddress address ? address.getHostAddress() : (String) device;
    List<String> names = mask == 0 ? List.of() : categories.namesOf(mask);
    if (names.isEmpty()) {
      counts.merge(new Key(day, deviceText, "", outcome), count, Long::sum);
    }
    for (String name : names) {
      counts.merge(new Key(day, deviceText, name, outcome), count, Long::sum);
    }
  }

  /** The counts so far; the map is live, not a copy. */
  public Map<Key, Long> counts() {
    return counts;
  }
}
