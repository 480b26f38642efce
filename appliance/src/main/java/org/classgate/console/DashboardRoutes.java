package org.classgate.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.classgate.devices.ApprovalState;
import org.classgate.devices.Device;
import org.classgate.devices.DeviceRegistry;
import org.classgate.health.HealthReport;
import org.classgate.health.Problem;
import org.classgate.incidents.AlertStore;
import org.classgate.incidents.IncidentStatus;
import org.classgate.incidents.IncidentStore;
import org.classgate.sync.OutboxStatus;
import org.tinylog.TaggedLogger;

/**
 * The dashboard's API: the box at a glance for a teacher or technician — its health (the same state
 * the LED shows, with every problem), the lists and their ages, the sync queue, devices online,
 * today's blocks by category, and how many incidents and alerts wait. One read-only route; each
 * part that cannot be read is reported as unavailable instead of failing the whole page.
 * Thread-safe.
 */
public final class DashboardRoutes implements ConsoleModule {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("console");

  static final Route DASHBOARD = Route.forRoles("GET", "/api/dashboard", Route.STAFF);

  /** How far back the dashboard counts alerts. */
  static final Duration ALERT_WINDOW = Duration.ofDays(7);

  /** Incidents counted per status at most: more than any classroom has open. */
  private static final int INCIDENT_LIMIT = 1000;

  /**
   * What the dashboard reads. All non-null except {@code sync}.
   *
   * @param health the box's health now (the LED's source)
   * @param filter the lists in force
   * @param sync the outbox's state, or null on a box without one
   * @param devices the device registry
   * @param blocksToday category → decisions blocked today (local day), from the daily statistics
   * @param incidents the e-safety log
   * @param alerts the alerts raised
   * @param clock the wall clock
   */
  public record Sources(
      Supplier<HealthReport> health,
      Callable<FilterStatus> filter,
      Callable<OutboxStatus> sync,
      DeviceRegistry devices,
      Callable<Map<String, Long>> blocksToday,
      IncidentStore incidents,
      AlertStore alerts,
      Clock clock) {
    public Sources {
      Objects.requireNonNull(health, "health");
      Objects.requireNonNull(filter, "filter");
      Objects.requireNonNull(devices, "devices");
      Objects.requireNonNull(blocksToday, "blocksToday");
      Objects.requireNonNull(incidents, "incidents");
      Objects.requireNonNull(alerts, "alerts");
      Objects.requireNonNull(clock, "clock");
    }
  }

  private final Sources sources;

  public DashboardRoutes(Sources sources) {
    this.sources = Objects.requireNonNull(sources, "sources");
  }

  @Override
  public Map<Route, ApiHandler> handlers() {
    return Map.of(DASHBOARD, call -> dashboard());
  }

  Map<String, Object> dashboard() {
    Instant now = sources.clock().instant();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("at", now.toString());
    out.put("health", health(sources.health().get()));
    out.put("filtering", part(() -> filtering(sources.filter().call(), now)));
    out.put("sync", sources.sync() == null ? unavailable("no sync on this box") : part(this::sync));
    out.put("devices", part(this::devices));
    out.put("blocksToday", part(this::blocksToday));
    out.put("incidents", part(this::incidents));
    out.put("alerts", part(() -> Map.of("lastWeek", alertsSince(now.minus(ALERT_WINDOW), now))));
    return out;
  }

  private static Map<String, Object> health(HealthReport report) {
    List<Map<String, Object>> problems = new ArrayList<>();
    for (Problem problem : report.problems()) {
      problems.add(
          Map.of(
              "source", problem.source(),
              "severity", problem.severity().name(),
              "message", problem.message()));
    }
    return Map.of("state", report.state().name(), "problems", problems);
  }

  private static Map<String, Object> filtering(FilterStatus status, Instant now) {
    List<Map<String, Object>> lists = new ArrayList<>();
    for (FilterStatus.Source source : status.sources()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("list", source.list());
      row.put("locked", source.locked());
      row.put("source", source.source());
      row.put("state", source.state());
      row.put("entries", source.entries());
      Instant changed = source.fetched() != null ? source.fetched() : source.modified();
      row.put("updated", changed == null ? null : changed.toString());
      row.put("ageHours", changed == null ? null : Duration.between(changed, now).toHours());
      row.put("lastUpdate", source.lastFetch());
      lists.add(row);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("built", status.built().toString());
    out.put("entries", status.domains());
    out.put("lockedEntries", status.locked());
    out.put("lastUpdate", status.problems().isEmpty() ? "ok" : "failed");
    out.put("problems", status.problems());
    out.put("lists", lists);
    return out;
  }

  private Map<String, Object> sync() throws Exception {
    OutboxStatus status = sources.sync().call();
    return Map.of(
        "queued", status.queuedRecords(),
        "queuedBytes", status.queuedBytes(),
        "acknowledged", status.acknowledged(),
        "dropped", status.droppedRecords());
  }

  /** Online: holding an address (a DHCP lease) now. */
  private Map<String, Object> devices() throws Exception {
    int online = 0;
    int waiting = 0;
    List<Device> all = sources.devices().all();
    for (Device device : all) {
      if (!device.addresses().isEmpty()) {
        online++;
      }
      if (device.approval() == ApprovalState.QUARANTINED) {
        waiting++;
      }
    }
    return Map.of("online", online, "waiting", waiting, "registered", all.size());
  }

  private List<Map<String, Object>> blocksToday() throws Exception {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Map.Entry<String, Long> entry : new TreeMap<>(sources.blocksToday().call()).entrySet()) {
      rows.add(
          Map.of(
              "category",
              entry.getKey().isEmpty() ? "(profile's own deny entries)" : entry.getKey(),
              "count",
              entry.getValue()));
    }
    return rows;
  }

  private Map<String, Object> incidents() throws Exception {
    int open = 0;
    int waiting = 0;
    for (IncidentStatus status : IncidentStatus.values()) {
      if (status != IncidentStatus.CLOSED) {
        int count = sources.incidents().list(status, INCIDENT_LIMIT).size();
        open += count;
        if (status == IncidentStatus.NEW) {
          waiting = count;
        }
      }
    }
    return Map.of("open", open, "new", waiting);
  }

  private int alertsSince(Instant from, Instant to) throws Exception {
    return sources.alerts().between(from, to).size();
  }

  /** One part of the dashboard; a part that cannot be read says so and the rest still shows. */
  private static Object part(Callable<Object> reader) {
    try {
      return reader.call();
    } catch (Exception e) {
      LOG.warn("dashboard part unavailable: {}", e.toString());
      return unavailable("cannot be read now: " + e.getMessage());
    }
  }

  private static Map<String, Object> unavailable(String why) {
    return Map.of("unavailable", why);
  }
}
