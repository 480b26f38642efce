package org.classgate.console;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongConsumer;
import org.classgate.activity.DevicePseudonyms;
import org.classgate.activity.RecentActivity;
import org.classgate.activity.store.SqliteActivityReader;
import org.classgate.devices.store.SqliteDeviceRegistry;
import org.classgate.incidents.AlertInbox;
import org.classgate.incidents.IncidentLog;
import org.classgate.incidents.store.SqliteAlertStore;
import org.classgate.incidents.store.SqliteIncidentStore;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.sync.store.SqliteOutbox;
import org.classgate.testing.Outboxes;
import org.classgate.testing.SteppedWallClock;
import org.classgate.time.ClockSync;
import org.classgate.time.TrustedTime;
import org.classgate.time.store.SqliteSequences;

/**
 * The incident, alert and report modules built for a {@link ConsoleFixture} from its database, the
 * way the appliance builds them, with the services the tests drive: a real activity ring (feed it
 * {@code QueryRecord}s), the real incident log and alert store, the real device registry. Its own
 * stepped clocks start where the fixture's do. Not thread-safe: one test at a time.
 */
final class IncidentModules implements ConsoleFixture.Modules {
  static final ZoneId ZONE = ZoneId.of("Europe/London");

  final SteppedWallClock clock = new SteppedWallClock(Instant.parse("2025-03-03T09:00:00Z"));
  final AtomicLong nanos = new AtomicLong(5_000_000_000L);
  final List<Long> acknowledged = new CopyOnWriteArrayList<>();
  private final Path dir;

  /** Also told of every acknowledgement, after {@link #acknowledged} records it (e.g. a panel). */
  volatile LongConsumer onAcknowledged = id -> {};

  RecentActivity activity;
  TrustedTime time;
  IncidentLog incidents;
  SqliteAlertStore alerts;
  SqliteDeviceRegistry registry;

  IncidentModules(Path dir) {
    this.dir = dir;
  }

  @Override
  public List<ConsoleModule> on(Database database) throws StoreException {
    SqliteOutbox outbox = Outboxes.of(database);
    DevicePseudonyms pseudonyms = Outboxes.pseudonyms(dir);
    time =
        new TrustedTime(
            new SqliteSequences(database), "boot-test", nanos::get, clock, ClockSync.ASSUMED);
    activity =
        new RecentActivity(
            4096, mask -> mask == 0 ? List.of() : List.of("adult"), clock, nanos::get, () -> true);
    incidents =
        new IncidentLog(
            new SqliteIncidentStore(database, outbox, pseudonyms),
            time,
            activity,
            "Year 6 Birch",
            Duration.ofMinutes(10),
            clock);
    alerts = new SqliteAlertStore(database, outbox, pseudonyms);
    registry = new SqliteDeviceRegistry(database, time, outbox);
    DeviceLabels devices = new RegisteredDeviceLabels(registry, pseudonyms::of);
    return List.of(
        new IncidentRoutes(
            incidents,
            id -> {
              acknowledged.add(id);
              onAcknowledged.accept(id);
            },
            devices,
            clock,
            ZONE),
        new AlertRoutes(new AlertInbox(alerts, time), devices),
        new ReportRoutes(
            incidents, alerts, new SqliteActivityReader(database)::daily, clock, ZONE));
  }
}
