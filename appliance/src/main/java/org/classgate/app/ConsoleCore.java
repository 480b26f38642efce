package org.classgate.app;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.classgate.activity.ActivityHistory;
import org.classgate.activity.DailyCount;
import org.classgate.activity.DevicePseudonyms;
import org.classgate.activity.store.SqliteActivityReader;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.console.ConsoleModule;
import org.classgate.console.DashboardRoutes;
import org.classgate.console.FilterStatus;
import org.classgate.console.LiveRoutes;
import org.classgate.console.SelfTestRoutes;
import org.classgate.console.SettingsRoutes;
import org.classgate.devices.ClassPolicy;
import org.classgate.devices.DeviceClass;
import org.classgate.devices.DeviceRegistry;
import org.classgate.dns.Profile;
import org.classgate.dns.pipeline.SpecialNames;
import org.classgate.filter.PolicyExplainer;
import org.classgate.filter.ProfileEntryTable;
import org.classgate.filter.selftest.FilteringSelfTest;
import org.classgate.filter.selftest.SelfTestChecks;
import org.classgate.filter.store.SqliteSelfTestStore;
import org.classgate.health.Health;
import org.classgate.incidents.store.SqliteAlertStore;
import org.classgate.incidents.store.SqliteIncidentStore;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.sync.store.SqliteOutbox;
import org.classgate.time.TrustedTime;
import org.tinylog.TaggedLogger;

/**
 * Builds the console's core modules — dashboard, live class view, filtering self-test, settings —
 * from the running box's parts, and registers the self-test's health source. Part of the
 * composition root.
 */
final class ConsoleCore {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("app");

  /** How far back the live class view looks. */
  static final Duration LIVE_WINDOW = Duration.ofMinutes(10);

  /** The most decisions the live class view shows. */
  static final int LIVE_LIMIT = 300;

  /** The classes a pupil may use a device of (the class table's comment in DevicesConfig). */
  private static final Set<DeviceClass> PUPIL_CLASSES =
      EnumSet.of(
          DeviceClass.SCHOOL_SINGLE_USER,
          DeviceClass.SCHOOL_SHARED,
          DeviceClass.AUTHORISED,
          DeviceClass.PUPIL_OWNED);

  private ConsoleCore() {}

  /**
   * The modules, with the self-test's latest run loaded and its failures registered as health
   * problems.
   *
   * @param allowances the allowances in force now, as the DNS chain sees them
   */
  static List<ConsoleModule> modules(
      ApplianceConfig config,
      Database database,
      FilterLists filter,
      ProfileEntryTable entries,
      AllowanceRefresh allowances,
      DeviceRegistry registry,
      ActivityHistory history,
      Health health,
      SqliteOutbox outbox,
      DevicePseudonyms pseudonyms,
      TrustedTime time,
      Clock clock) {
    FilteringSelfTest selfTest =
        new FilteringSelfTest(
            SelfTestChecks.withNames(config.console().selfTestNames()),
            new ArrayList<>(new java.util.TreeSet<>(config.profiles().keySet())),
            pupilProfiles(config),
            profile ->
                new PolicyExplainer(
                    filter.locked(),
                    filter.categories(),
                    filter.domains(),
                    filter.categories(),
                    filter.schedule(profile),
                    allowances.get(),
                    filter.safeSearchFor(new Profile(profile, 0)),
                    SpecialNames.canaries(),
                    entries.forProfile(profile),
                    clock),
            time,
            new SqliteSelfTestStore(database));
    try {
      selfTest.loadLatest();
    } catch (StoreException e) {
      // Only the history is missing: the box filters all the same and a new run records again.
      LOG.error("cannot read the last filtering self-test: {}", e.getMessage());
    }
    health.register("self-test", selfTest::problems);
    SqliteActivityReader activity = new SqliteActivityReader(database);
    DashboardRoutes.Sources dashboard =
        new DashboardRoutes.Sources(
            health::check,
            () -> filterStatus(filter),
            outbox::status,
            registry,
            () -> blocksToday(activity, LocalDate.now(clock.withZone(config.timetable().zone()))),
            new SqliteIncidentStore(database, outbox, pseudonyms),
            new SqliteAlertStore(database, outbox, pseudonyms),
            clock);
    return List.of(
        new DashboardRoutes(dashboard),
        new LiveRoutes(history, registry, clock, LIVE_WINDOW, LIVE_LIMIT),
        new SelfTestRoutes(selfTest),
        new SettingsRoutes(
            ConsoleSettingsView.of(config, filter),
            () -> ConsoleSettingsView.identity(config),
            Version.current(),
            config.dataDir()));
  }

  /**
   * The profiles pupils' devices use, where the age-related checks apply: those of the classes a
   * pupil may use, unless the school made the class a staff (console) class, and the profile of
   * devices the registry does not know.
   */
  static Set<String> pupilProfiles(ApplianceConfig config) {
    ClassPolicy classes = config.devices().classes();
    Set<String> profiles = new LinkedHashSet<>();
    for (DeviceClass deviceClass : PUPIL_CLASSES) {
      if (!classes.consoleClasses().contains(deviceClass)) {
        profiles.add(classes.rule(deviceClass).profile());
      }
    }
    profiles.add(config.defaultProfile());
    profiles.retainAll(config.profiles().keySet());
    return profiles;
  }

  private static FilterStatus filterStatus(FilterLists filter) {
    ListSnapshot snapshot = filter.snapshot();
    List<FilterStatus.Source> sources = new ArrayList<>();
    for (SourceReport source : snapshot.sources()) {
      sources.add(
          new FilterStatus.Source(
              source.list(),
              source.locked(),
              source.source(),
              source.state().name(),
              source.report() == null ? -1 : source.report().entries(),
              source.report() == null ? null : source.report().modified(),
              source.fetched(),
              source.lastFetch()));
    }
    return new FilterStatus(
        snapshot.built(),
        snapshot.domains().size(),
        snapshot.locked().size(),
        sources,
        snapshot.problems());
  }

  /** Category → decisions filtered (blocked, locked, denied) on {@code day}. */
  private static Map<String, Long> blocksToday(SqliteActivityReader activity, LocalDate day)
      throws StoreException {
    Map<String, Long> byCategory = new TreeMap<>();
    for (DailyCount count : activity.daily(day, day)) {
      if (count.outcome().isFiltered()) {
        byCategory.merge(count.category(), count.count(), Long::sum);
      }
    }
    return byCategory;
  }
}
