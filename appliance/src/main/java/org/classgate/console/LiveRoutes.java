package org.classgate.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.classgate.activity.ActivityEntry;
import org.classgate.activity.ActivityHistory;
import org.classgate.console.auth.Role;
import org.classgate.devices.Device;
import org.classgate.devices.DeviceRegistry;
import org.classgate.dns.wire.RecordType;

/**
 * The live class view's API: what the classroom looked up in the last minutes, newest first,
 * grouped per device with its name and class, from the activity log's in-memory ring (never the
 * database: it answers in milliseconds and the page polls it). Teachers and safeguarding staff see
 * it; technicians do not (it shows pupils' activity). Names are returned in escaped presentation
 * form without the root's dot; the page shows them as text. Thread-safe.
 */
public final class LiveRoutes implements ConsoleModule {
  static final Route LIVE =
      Route.forRoles(
          "GET",
          "/api/live",
          EnumSet.of(Role.TEACHER, Role.ONLINE_SAFETY_OFFICER, Role.DSL, Role.HEADTEACHER));

  private final ActivityHistory history;
  private final DeviceRegistry devices;
  private final Clock clock;
  private final Duration window;
  private final int limit;

  /**
   * @param history the classroom's recent decisions
   * @param devices names and classes of the devices
   * @param window how far back the view looks, e.g. 10 minutes
   * @param limit the most decisions shown (the newest)
   */
  public LiveRoutes(
      ActivityHistory history, DeviceRegistry devices, Clock clock, Duration window, int limit) {
    this.history = Objects.requireNonNull(history, "history");
    this.devices = Objects.requireNonNull(devices, "devices");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.window = Objects.requireNonNull(window, "window");
    if (limit < 1) {
      throw new IllegalArgumentException("limit must be positive: " + limit);
    }
    this.limit = limit;
  }

  @Override
  public Map<Route, ApiHandler> handlers() {
    return Map.of(LIVE, call -> live());
  }

  Map<String, Object> live() throws Exception {
    Instant now = clock.instant();
    List<ActivityEntry> entries = history.since(now.minus(window));
    int from = Math.max(0, entries.size() - limit);
    Map<String, Device> byMac = new HashMap<>();
    for (Device device : devices.all()) {
      byMac.put(device.mac().toString(), device);
    }
    // Newest first; each device's group is placed where its newest decision is.
    Map<String, Map<String, Object>> groups = new LinkedHashMap<>();
    for (int i = entries.size() - 1; i >= from; i--) {
      ActivityEntry entry = entries.get(i);
      String address = entry.client().getHostAddress();
      String key = entry.deviceId() != null ? entry.deviceId() : address;
      Map<String, Object> group =
          groups.computeIfAbsent(key, k -> group(k, address, byMac.get(entry.deviceId())));
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> queries = (List<Map<String, Object>>) group.get("queries");
      queries.add(query(entry));
      if (entry.outcome().isFiltered()) {
        group.merge("blocked", 1, (a, b) -> (Integer) a + (Integer) b);
      }
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("at", now.toString());
    out.put("windowMinutes", window.toMinutes());
    out.put("devices", new ArrayList<>(groups.values()));
    return out;
  }

  private static Map<String, Object> group(String key, String address, Device device) {
    Map<String, Object> group = new LinkedHashMap<>();
    group.put("device", key);
    group.put("address", address);
    String name = null;
    if (device != null) {
      name = device.name() != null ? device.name() : device.hostname();
    }
    group.put("name", name == null ? "Unknown device " + address : name);
    group.put(
        "deviceClass",
        device == null || device.deviceClass() == null
            ? "not registered"
            : device.deviceClass().configName());
    group.put("blocked", 0);
    group.put("queries", new ArrayList<Map<String, Object>>());
    return group;
  }

  private static Map<String, Object> query(ActivityEntry entry) {
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("time", entry.time().toString());
    query.put("name", withoutRootDot(entry.name()));
    query.put("type", typeName(entry.type()));
    query.put("outcome", entry.outcome().name());
    query.put("blocked", entry.outcome().isFiltered());
    query.put("categories", entry.categories());
    return query;
  }

  /** {@code bet.example.} as people write it, {@code bet.example}; the root stays {@code .}. */
  static String withoutRootDot(String name) {
    return name.length() > 1 && name.endsWith(".") && !name.endsWith("\\.")
        ? name.substring(0, name.length() - 1)
        : name;
  }

  /** The mnemonic of the common query types (RFC 1035 §3.2.2, RFC 3596), else TYPEn (RFC 3597). */
  static String typeName(int type) {
    return switch (type) {
      case RecordType.A -> "A";
      case RecordType.AAAA -> "AAAA";
      case RecordType.CNAME -> "CNAME";
      case RecordType.MX -> "MX";
      case RecordType.TXT -> "TXT";
      case RecordType.NS -> "NS";
      case RecordType.PTR -> "PTR";
      case RecordType.SRV -> "SRV";
      case RecordType.SOA -> "SOA";
      case 64 -> "SVCB";
      case 65 -> "HTTPS";
      default -> "TYPE" + type;
    };
  }
}
