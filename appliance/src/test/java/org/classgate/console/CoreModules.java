package org.classgate.console;

import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.classgate.activity.DevicePseudonyms;
import org.classgate.activity.RecentActivity;
import org.classgate.console.SettingsRoutes.Setting;
import org.classgate.devices.ClassPolicy;
import org.classgate.devices.ClassRule;
import org.classgate.devices.DeviceClass;
import org.classgate.devices.NetworkAccess;
import org.classgate.devices.store.SqliteDeviceRegistry;
import org.classgate.dns.pipeline.SpecialNames;
import org.classgate.filter.Categories;
import org.classgate.filter.DomainSet;
import org.classgate.filter.PolicyExplainer;
import org.classgate.filter.SafeSearchRules;
import org.classgate.filter.allowance.AllowanceSet;
import org.classgate.filter.schedule.ProfileSchedule;
import org.classgate.filter.schedule.Timetable;
import org.classgate.filter.selftest.FilteringSelfTest;
import org.classgate.filter.selftest.SelfTestChecks;
import org.classgate.filter.store.SqliteSelfTestStore;
import org.classgate.health.Health;
import org.classgate.health.Severity;
import org.classgate.incidents.store.SqliteAlertStore;
import org.classgate.incidents.store.SqliteIncidentStore;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.sync.store.SqliteOutbox;
import org.classgate.testing.Outboxes;
import org.classgate.testing.SteppedWallClock;
import org.classgate.time.BootId;
import org.classgate.time.ClockSync;
import org.classgate.time.TrustedTime;
import org.classgate.time.store.SqliteSequences;

/**
 * The console-core modules (dashboard, live view, self-test, settings) built on a real database for
 * API tests: real SQLite stores, a real activity ring, a real self-test over real domain sets (a
 * locked list with an IWF test name, pornography and gambling lists, pupil and staff profiles).
 * Tests reach into the parts to make things happen (record a decision, register a device, add a
 * health problem). Not thread-safe.
 */
final class CoreModules {
  static final String IWF_TEST = "iwf-test.classgate.test";
  static final String ADULT = "adult.example";
  static final String GAMBLING = "bet.example";

  final SteppedWallClock clock = new SteppedWallClock(Instant.parse("2025-03-03T09:00:00Z"));
  final long[] nanos = {5_000_000_000L};
  final Health health = new Health();
  final List<String> filterProblems = new java.util.concurrent.CopyOnWriteArrayList<>();
  final Categories categories = Categories.of(List.of("pornography", "gambling"));
  final Categories lockedCategories = Categories.of(List.of("iwf"));
  final RecentActivity activity;
  final SqliteDeviceRegistry registry;
  final FilteringSelfTest selfTest;
  final ClassPolicy classes;
  final List<ConsoleModule> modules;

  /** The category lists in force; replaced whole, as a list update does. */
  private final java.util.concurrent.atomic.AtomicReference<DomainSet> domains =
      new java.util.concurrent.atomic.AtomicReference<>();

  CoreModules(Database database, Path dataDir) throws StoreException {
    TrustedTime time =
        new TrustedTime(
            new SqliteSequences(database),
            BootId.current(),
            () -> nanos[0],
            clock,
            ClockSync.ASSUMED);
    SqliteOutbox outbox = Outboxes.of(database);
    DevicePseudonyms pseudonyms = Outboxes.pseudonyms(dataDir);
    registry = new SqliteDeviceRegistry(database, time, outbox);
    activity = new RecentActivity(1024, categories::names, clock, () -> nanos[0], () -> true);
    health.registerMessages("filter", Severity.FAULT, () -> List.copyOf(filterProblems));
    health.started();
    classes = classes();
    DomainSet locked = new DomainSet.Builder().add(IWF_TEST, lockedCategories.bit("iwf")).build();
    int pornography = categories.bit("pornography");
    int gambling = categories.bit("gambling");
    replaceGamblingWith(GAMBLING);
    Timetable always = always();
    Map<String, ProfileSchedule> schedules =
        Map.of(
            "pupil", new ProfileSchedule("pupil", always, pornography | gambling, Map.of()),
            "staff", new ProfileSchedule("staff", always, pornography, Map.of()));
    Map<String, SafeSearchRules> safeSearch =
        Map.of(
            "pupil",
            SafeSearchRules.standard(SafeSearchRules.YouTubeMode.STRICT),
            "staff",
            SafeSearchRules.NONE);
    selfTest =
        new FilteringSelfTest(
            SelfTestChecks.withNames(
                Map.of("iwf", IWF_TEST, "adult", ADULT, "gambling", GAMBLING, "doh-resolver", "")),
            List.of("pupil", "staff"),
            Set.of("pupil"),
            profile ->
                new PolicyExplainer(
                    locked,
                    lockedCategories,
                    domains.get(),
                    categories,
                    schedules.get(profile),
                    AllowanceSet.empty(),
                    safeSearch.get(profile),
                    SpecialNames.canaries(),
                    clock),
            time,
            new SqliteSelfTestStore(database));
    health.register("self-test", selfTest::problems);
    FilterStatus lists =
        new FilterStatus(
            clock.instant(),
            2,
            1,
            List.of(
                new FilterStatus.Source(
                    "gambling",
                    false,
                    "/lists/gambling.txt",
                    "LOADED",
                    1,
                    clock.instant().minusSeconds(7200),
                    null,
                    null)),
            List.of());
    modules =
        List.of(
            new DashboardRoutes(
                new DashboardRoutes.Sources(
                    health::check,
                    () -> lists,
                    outbox::status,
                    registry,
                    () -> Map.of("gambling", 3L),
                    new SqliteIncidentStore(database, outbox, pseudonyms),
                    new SqliteAlertStore(database, outbox, pseudonyms),
                    clock)),
            new LiveRoutes(activity, registry, clock, java.time.Duration.ofMinutes(10), 300),
            new SelfTestRoutes(selfTest),
            new SettingsRoutes(
                List.of(
                    new Setting("dns.listen", "[/127.0.0.1:5300]"),
                    new Setting("network.wifi.passphrase", "(secret, not shown)")),
                () -> Map.of("consoleKeyPin", "sha256/test"),
                "test-version",
                dataDir));
  }

  /** No periods: one ("outside") covers the whole week. */
  private static Timetable always() {
    try {
      return Timetable.parse(ZoneId.of("Europe/London"), Map.of());
    } catch (org.classgate.filter.schedule.TimetableException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A list update: the gambling list now holds {@code name} instead. */
  void replaceGamblingWith(String name) {
    domains.set(
        new DomainSet.Builder()
            .add(ADULT, categories.bit("pornography"))
            .add(name, categories.bit("gambling"))
            .build());
  }

  /** The default class table: staff-owned devices may use the console; pupils' may not. */
  static ClassPolicy classes() {
    Map<DeviceClass, ClassRule> rules = new java.util.EnumMap<>(DeviceClass.class);
    for (DeviceClass deviceClass : DeviceClass.values()) {
      boolean staff = deviceClass == DeviceClass.STAFF_OWNED;
      rules.put(
          deviceClass,
          new ClassRule(
              deviceClass == DeviceClass.VISITOR_OWNED ? NetworkAccess.NONE : NetworkAccess.FULL,
              staff ? "staff" : "pupil"));
    }
    return new ClassPolicy(rules, Set.of(DeviceClass.STAFF_OWNED));
  }

  /** For {@link ConsoleFixture}: the modules on the fixture's database. */
  static List<ConsoleModule> on(Database database) throws StoreException {
    return new CoreModules(database, database.file().getParent()).modules;
  }
}
