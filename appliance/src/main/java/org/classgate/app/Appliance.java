package org.classgate.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.classgate.activity.ActivityHistory;
import org.classgate.activity.ActivityLog;
import org.classgate.activity.DevicePseudonyms;
import org.classgate.activity.store.SqliteActivityReader;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.ConfigOrigin;
import org.classgate.app.config.DevicesConfig;
import org.classgate.app.config.DnsConfig;
import org.classgate.console.ConsoleModule;
import org.classgate.console.ConsoleServer;
import org.classgate.console.DeviceRoutes;
import org.classgate.devices.AccessControlPlane;
import org.classgate.devices.Device;
import org.classgate.devices.DeviceEventCommand;
import org.classgate.devices.DeviceIdentity;
import org.classgate.devices.DeviceRefresh;
import org.classgate.devices.DeviceRegistry;
import org.classgate.devices.store.SqliteDeviceRegistry;
import org.classgate.dns.OutcomeCounters;
import org.classgate.dns.Profile;
import org.classgate.dns.cache.CacheSettings;
import org.classgate.dns.cache.DnsCache;
import org.classgate.dns.pipeline.AccessControl;
import org.classgate.dns.pipeline.ClientProfiles;
import org.classgate.dns.pipeline.QuarantineGate;
import org.classgate.dns.pipeline.RateLimiter;
import org.classgate.dns.server.DnsServer;
import org.classgate.dns.upstream.UpstreamResolver;
import org.classgate.dns.upstream.UpstreamSettings;
import org.classgate.filter.DomainSet;
import org.classgate.filter.LockedCopies;
import org.classgate.filter.ProfileEntryTable;
import org.classgate.filter.allowance.Allowances;
import org.classgate.filter.allowance.ApprovalRules;
import org.classgate.filter.changelog.ChangeEntry;
import org.classgate.filter.changelog.ConfigChanges;
import org.classgate.filter.changelog.LoggedChange;
import org.classgate.filter.schedule.ScheduledValue;
import org.classgate.filter.sources.Download;
import org.classgate.filter.sources.FetchResult;
import org.classgate.filter.sources.SourceDownloader;
import org.classgate.filter.sources.UpdateSchedule;
import org.classgate.filter.store.SqliteAllowanceStore;
import org.classgate.filter.store.SqliteConfigSnapshot;
import org.classgate.health.Severity;
import org.classgate.store.Database;
import org.classgate.store.RunLog;
import org.classgate.store.StoreException;
import org.classgate.sync.store.OutboundRecords;
import org.classgate.sync.store.SqliteOutbox;
import org.classgate.sync.store.SqlitePeriodicRecords;
import org.classgate.time.BootId;
import org.classgate.time.TrustedTime;
import org.classgate.time.store.SqliteSequences;
import org.tinylog.TaggedLogger;

/**
 * The composition root: builds every part of the running appliance from a validated configuration
 * and owns their lifecycle. Nothing else constructs services; nothing here is static.
 */
public final class Appliance implements AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("app");

  /** Clients tracked by the rate limiter before idle ones are dropped: far above a classroom. */
  private static final int RATE_LIMITED_CLIENTS = 4096;

  /** The first retry of a list update that failed; later ones back off to the update interval. */
  private static final Duration FIRST_RETRY = Duration.ofSeconds(30);

  /** How soon an allowance made by another process (the policy command) takes effect. */
  private static final Duration ALLOWANCE_REFRESH = Duration.ofSeconds(5);

  /**
   * How soon a teacher's device decision made by another process (the devices command) takes
   * effect; changes made in this process (lease events) take effect at once.
   */
  private static final Duration DEVICE_REFRESH = Duration.ofSeconds(2);

  /**
   * How long after midnight a day's activity summaries wait: the activity writer flushes every few
   * seconds, so a quarter of an hour leaves its last batches ample time to be counted.
   */
  private static final Duration SUMMARY_SETTLE = Duration.ofMinutes(15);

  private final Database database;
  private final RunLog runLog;
  private final long runId;
  private final AllowanceRefresh allowances;
  private final DeviceRefresh devices;
  private final DeviceEventCommand deviceEvents;
  private final UpstreamResolver upstream;
  private final DnsServer dnsServer;
  private final OutcomeCounters counters;

  /** What went wrong at the start but did not stop it (e.g. a refused allow entry). */
  private final List<String> startProblems;

  private final ClassroomNetworking network;
  private final FilterLists filter;
  private final ListUpdater updater;
  private final Safeguarding safeguarding;
  private final ActivityLogging activity;

  /** The console and block page, or null if not configured. */
  private final ConsoleServer console;

  /** The scheduled records for the school hub (health, activity summaries). */
  private final SyncProducers syncProducers;

  /** The link to the school hub, or null if sync.hub-url is unset. */
  private final SyncWiring sync;

  private Appliance(
      Database database,
      RunLog runLog,
      long runId,
      AllowanceRefresh allowances,
      DeviceRefresh devices,
      DeviceEventCommand deviceEvents,
      UpstreamResolver upstream,
      DnsServer dnsServer,
      OutcomeCounters counters,
      List<String> startProblems,
      ClassroomNetworking network,
      FilterLists filter,
      ListUpdater updater,
      Safeguarding safeguarding,
      ActivityLogging activity,
      ConsoleServer console,
      SyncProducers syncProducers,
      SyncWiring sync) {
    this.syncProducers = syncProducers;
    this.sync = sync;
    this.safeguarding = safeguarding;
    this.console = console;
    this.database = database;
    this.runLog = runLog;
    this.runId = runId;
    this.allowances = allowances;
    this.devices = devices;
    this.deviceEvents = deviceEvents;
    this.upstream = upstream;
    this.dnsServer = dnsServer;
    this.counters = counters;
    this.startProblems = startProblems;
    this.network = network;
    this.filter = filter;
    this.updater = updater;
    this.activity = activity;
  }

  /**
   * Starts everything: database, lists, DNS chain and listeners. On any failure, whatever was
   * started is closed again before the exception leaves.
   */
  public static Appliance start(ApplianceConfig config, Clock clock, LongSupplier nanoTime)
      throws StoreException, IOException {
    return start(
        config, ConfigOrigin.of(null, List.of(), System.getProperty("user.name")), clock, nanoTime);
  }

  /**
   * Starts everything, recording in the change-control log how the filtering configuration differs
   * from the last run's, as changed by {@code origin}.
   */
  public static Appliance start(
      ApplianceConfig config, ConfigOrigin origin, Clock clock, LongSupplier nanoTime)
      throws StoreException, IOException {
    DatabaseOpening opening = DatabaseOpening.begin(config.dataDir());
    FilterLists filter;
    SourceDownloader downloader = FilterLists.downloader(config, clock, nanoTime);
    List<Download> downloads = FilterLists.downloads(config);
    try {
      filter = FilterLists.load(config, firstFetches(downloader, downloads), clock, nanoTime);
    } catch (IOException | RuntimeException e) {
      opening.abandon();
      throw e;
    }
    Database database = opening.await();
    AllowanceRefresh allowances = null;
    DeviceRefresh devices = null;
    ClassroomNetworking network = null;
    UpstreamResolver upstream = null;
    ListUpdater updater = null;
    Safeguarding safeguarding = null;
    ActivityLogging activity = null;
    ConsoleServer console = null;
    try {
      RunLog runLog = new RunLog(database, clock);
      RunLog.Started started = runLog.start(BootId.current(), Version.current());
      started
          .previousUnclean()
          .ifPresent(
              run ->
                  LOG.warn(
                      "the previous run (started {}) did not stop cleanly: killed or power lost",
                      run.startedAt()));

      // The chain reads the current snapshot's sets through these suppliers on every query; a list
      // update swaps the whole snapshot, so each read gets a complete set, old or new.
      Supplier<DomainSet> domains = filter::domains;
      Supplier<DomainSet> locked = filter::locked;
      // The box's sync keys and enrolment sheet: made on the first start (or by the image's
      // first-boot unit), kept after; a key file problem is reported, never a reason not to filter.
      List<String> problems =
          new ArrayList<>(FirstBoot.atStart(config.dataDir(), new SecureRandom()));
      ProfileEntryTable entries = ProfileEntryTables.build(config, filter.locked());
      for (ProfileEntryTable.Refusal refusal : entries.refused()) {
        LOG.error("{}", refusal);
        problems.add(refusal.toString());
      }
      // Every record the school needs goes into the outbox in the transaction that makes it.
      SqliteOutbox outbox = Outbound.outbox(config, database);
      DevicePseudonyms pseudonyms = Outbound.pseudonyms(config);
      recordConfigChanges(config, origin, entries, database, outbox, clock, problems);
      allowances =
          AllowanceRefresh.start(
              new SqliteAllowanceStore(
                  database, new Allowances(ApprovalRules.defaults(), clock, entries), outbox),
              name -> locked.get().match(name) != 0,
              ALLOWANCE_REFRESH);
      // The profile's blocked categories change with the timetable; the current value is cached
      // until the next period boundary (re-read at least every 10 s, in case the clock is set).
      Map<String, Supplier<Profile>> profiles = new HashMap<>();
      for (String name : config.profiles().keySet()) {
        profiles.put(
            name,
            new ScheduledValue<>(filter.schedule(name), clock, nanoTime, Duration.ofSeconds(10)));
      }
      DevicesConfig devicesConfig = config.devices();
      DeviceIdentity identity =
          new DeviceIdentity(
              devicesConfig.classes(),
              profiles,
              profiles.get(config.defaultProfile()),
              devicesConfig.quarantineSubnets());
      // One source of stamps for every record of this run (devices, incidents, alerts).
      TrustedTime time =
          new TrustedTime(
              new SqliteSequences(database),
              BootId.current(),
              nanoTime,
              clock,
              Safeguarding.clockSync(config));
      // The panel and the control socket before the DNS listeners: the LED shows "starting", and a
      // press during the start is recorded, with a snapshot from the activity ring.
      activity =
          ActivityLogging.start(
              config.activity(),
              database,
              filter::categoryNames,
              config.timetable().zone(),
              clock,
              nanoTime);
      ActivityHistory history = activity.history();
      List<String> startProblems = List.copyOf(problems);
      DeviceRegistry registry = new SqliteDeviceRegistry(database, time, outbox);
      network = ClassroomNetworking.prepare(config.network(), config.dataDir());
      // The first round fills the identity table and tells the (not yet applied) firewall every
      // known device, so the first ruleset already carries them. Before the control socket, which
      // serves the device commands.
      devices =
          new DeviceRefresh(registry, identity, network.accessControl(), devicesConfig.classes())
              .start(DEVICE_REFRESH);
      DeviceEventCommand deviceEvents = new DeviceEventCommand(registry, devices::check);
      safeguarding =
          Safeguarding.start(
              config,
              database,
              outbox,
              pseudonyms,
              time,
              filter.categories(),
              () -> concat(startProblems, filter.problems()),
              history,
              DeviceControlCommands.of(deviceEvents, devices),
              clock,
              nanoTime);
      // The firewall not holding a device's access, drift from the applied ruleset: the classroom
      // is not protected as set (fault). A radio that ignores isolation: a warning.
      safeguarding.health().registerMessages("devices", Severity.FAULT, devices::problems);
      safeguarding.health().registerMessages("network", Severity.FAULT, network::faults);
      safeguarding.health().registerMessages("radio", Severity.WARNING, network::warnings);

      DnsConfig dns = config.dns();
      upstream =
          new UpstreamResolver(
              dns.upstreams(),
              new UpstreamSettings(
                  dns.upstreamTimeout(),
                  UpstreamSettings.defaults().maxInFlight(),
                  UpstreamSettings.defaults().tcpTimeout(),
                  UpstreamSettings.defaults().failureBackoff()),
              new SecureRandom(),
              nanoTime);
      OutcomeCounters counters = new OutcomeCounters();
      DnsChain.Parts parts =
          new DnsChain.Parts(
              new AccessControl(
                  dns.allowedClients(),
                  new RateLimiter(
                      dns.rateLimit(), dns.rateBurst(), RATE_LIMITED_CLIENTS, nanoTime)),
              identity,
              new QuarantineGate(devicesConfig.waitingPage(), devicesConfig.boxNames()),
              // Every decision goes to the activity log and to the alert rules; neither blocks the
              // DNS path.
              ActivityLog.both(activity.log(), safeguarding.activityLog()),
              identity::deviceIdOf,
              domains,
              locked,
              entries,
              allowances::get,
              dns.blockAnswer(),
              profile ->
                  // Quarantined devices reach the policy stages only for the box's own names;
                  // they get the default profile's SafeSearch, like any client the box does not
                  // know better.
                  filter.safeSearchFor(
                      profile == ClientProfiles.QUARANTINE
                          ? profiles.get(config.defaultProfile()).get()
                          : profile),
              new DnsCache(cacheSettings(dns), nanoTime),
              upstream,
              clock,
              nanoTime);
      // Before the listeners: what is left between their start and the return stays short.
      updater =
          new ListUpdater(
              filter,
              FilterLists.builder(config, filter.categories(), clock),
              downloader,
              downloads,
              new UpdateSchedule(
                  config.sources().updateInterval(), config.sources().updateJitter(), FIRST_RETRY),
              ListUpdater.Timer.daemon(),
              new SplittableRandom(),
              new SourceStatus(SourceStatus.fileIn(config.dataDir()), clock),
              System::gc);
      updater.start();
      DnsServer server =
          DnsServer.start(
              dns.listen(),
              DnsChain.assemble(parts),
              new DnsServer.TcpLimits(
                  dns.tcpMaxConnections(),
                  dns.tcpIdleTimeout(),
                  dns.upstreamTimeout().multipliedBy(3)),
              counters,
              nanoTime);
      // After the DNS listener is up: the ruleset sends the classroom's DNS to it.
      try {
        network.enforce();
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
      // Building a large set needs scratch arrays several times its size. Collect them once, now
      // that the box is answering, so the heap shrinks back (the launcher's MaxHeapFreeRatio)
      // instead of keeping that memory committed for the life of the process.
      System.gc();
      // The console API of each capability, beyond accounts.
      List<ConsoleModule> consoleModules = new ArrayList<>();
      consoleModules.addAll(
          IncidentConsole.modules(
              config, database, safeguarding, registry, outbox, pseudonyms, time, clock));
      consoleModules.add(new DeviceRoutes(registry, devicesConfig.classes(), devices::check));
      consoleModules.add(
          ConsoleFiltering.module(
              config, filter, entries, database, outbox, allowances, identity, clock));
      consoleModules.addAll(
          ConsoleCore.modules(
              config,
              database,
              filter,
              entries,
              allowances,
              registry,
              history,
              safeguarding.health(),
              outbox,
              pseudonyms,
              time,
              clock));
      try {
        console =
            ConsoleWiring.start(
                config, database, filter, registry, consoleModules, clock, nanoTime);
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
      // Last: sending to the hub is not part of what makes the classroom safe.
      SyncWiring sync =
          SyncWiring.start(
              config.sync(),
              config.dataDir(),
              database,
              outbox,
              safeguarding.health(),
              clock,
              nanoTime);
      safeguarding.started();
      SyncProducers syncProducers =
          new SyncProducers(
                  new SqlitePeriodicRecords(database, outbox),
                  new SyncProducers.Sources(
                      safeguarding.health()::check,
                      registry,
                      () -> SyncProducers.listAges(filter.snapshot(), clock.instant()),
                      new SqliteActivityReader(database),
                      pseudonyms),
                  config.timetable().zone(),
                  clock,
                  Safeguarding.clockSync(config)::isSynchronised,
                  SUMMARY_SETTLE)
              .start(config.outbox().healthInterval());
      LOG.info(
          "filtering DNS ready on {}: {} blocked domains, default profile '{}', upstream {}",
          server.addresses(),
          filter.domains().size(),
          config.defaultProfile(),
          dns.upstreams());
      return new Appliance(
          database,
          runLog,
          started.runId(),
          allowances,
          devices,
          deviceEvents,
          upstream,
          server,
          counters,
          List.copyOf(problems),
          network,
          filter,
          updater,
          safeguarding,
          activity,
          console,
          syncProducers,
          sync);
    } catch (StoreException | IOException | RuntimeException e) {
      if (console != null) {
        console.close();
      }
      if (safeguarding != null) {
        safeguarding.close();
      }
      if (activity != null) {
        activity.close();
      }
      if (updater != null) {
        updater.close();
      }
      if (upstream != null) {
        upstream.close();
      }
      if (allowances != null) {
        allowances.close();
      }
      if (devices != null) {
        devices.close();
      }
      if (network != null) {
        network.close();
      }
      database.close();
      throw e;
    }
  }

  /**
   * Appends a change-control row per filtering item that changed since the last run (the whole
   * configuration on the first run) and stores this run's configuration for the next comparison. If
   * the log cannot be written (e.g. its head is damaged), the box still starts and filters, with an
   * ERROR and a problem: refusing to start would leave the classroom without DNS over an audit
   * failure. The snapshot is not replaced then, so the next start that can write records the
   * changes.
   */
  private static void recordConfigChanges(
      ApplianceConfig config,
      ConfigOrigin origin,
      ProfileEntryTable entries,
      Database database,
      OutboundRecords outbound,
      Clock clock,
      List<String> problems)
      throws IOException {
    List<LockedCopies.Orphan> orphans =
        LockedOrphans.find(config, new LockedCopies(FilterLists.lockedDirectory(config)));
    List<LoggedChange> logged;
    try {
      logged =
          new SqliteConfigSnapshot(database, outbound)
              .record(
                  ConfigSnapshotItems.of(config, entries),
                  ConfigSnapshotItems.refused(entries, orphans),
                  origin.actor(),
                  origin.approvedBy(),
                  clock.instant());
    } catch (StoreException e) {
      String problem =
          "the configuration's changes could not be recorded in the change log ("
              + e.getMessage()
              + "); run 'classgate policy verify-log'";
      LOG.error(problem);
      problems.add(problem);
      return;
    }
    for (LoggedChange change : logged) {
      ChangeEntry entry = change.entry();
      String what = entry.after() == null ? entry.before() : entry.after();
      LOG.info(
          "change log #{}: {} {}",
          change.id(),
          entry.action(),
          entry.action().equals(ConfigChanges.INITIAL) ? "(the configuration in force)" : what);
    }
  }

  /**
   * At the start, fetches only the downloads that have no kept copy yet (a first boot): the others
   * start from their copy, offline or not, and are fetched again by the first update. A fetch that
   * fails leaves its categories without those names and says so in {@link #problems()}; the box
   * answers DNS all the same and retries with back-off.
   */
  private static Map<URI, FetchResult> firstFetches(
      SourceDownloader downloader, List<Download> downloads) {
    Map<URI, FetchResult> fetched = new HashMap<>();
    for (Download download : downloads) {
      if (downloader.cached(download).isEmpty()) {
        fetched.put(download.uri(), downloader.fetch(download));
      }
    }
    return fetched;
  }

  private static CacheSettings cacheSettings(DnsConfig dns) {
    CacheSettings defaults = CacheSettings.defaults();
    return new CacheSettings(
        dns.cacheMaxEntries(),
        dns.cacheMaxMib() * 1024L * 1024L,
        defaults.minTtlSeconds(),
        defaults.maxTtlSeconds(),
        defaults.maxNegativeTtlSeconds(),
        defaults.staleAnswerTtlSeconds(),
        (int) dns.serveStale().toSeconds());
  }

  /** The addresses the DNS listeners are bound to (useful when configured with port 0). */
  public List<InetSocketAddress> dnsAddresses() throws IOException {
    return dnsServer.addresses();
  }

  /**
   * The {@code device-event} control command of this box, for the control socket: it records lease
   * and Wi-Fi events and brings the identity table and firewall up to date at once.
   */
  public DeviceEventCommand deviceEvents() {
    return deviceEvents;
  }

  public OutcomeCounters counters() {
    return counters;
  }

  /**
   * What is wrong now but did not stop the box: a locked list enforced from its last good copy, a
   * download that failed or has no copy yet, an update that failed and left the previous lists in
   * force. Problems appear and clear with list updates. The health display of the panel and console
   * issues will show these.
   */
  public List<String> problems() {
    List<String> all = new ArrayList<>(startProblems);
    all.addAll(filter.problems());
    all.addAll(devices.problems());
    all.addAll(network.faults());
    all.addAll(network.warnings());
    all.addAll(activity.problems());
    return all;
  }

  /** The classroom's recent DNS decisions, for incident snapshots and the live view. */
  public ActivityHistory activityHistory() {
    return activity.history();
  }

  /** Where device access decisions take effect (the firewall; a no-op when network.mode=off). */
  public AccessControlPlane accessControl() {
    return network.accessControl();
  }

  /** Runs a list update now (as the schedule would), for tests and an operator's reload. */
  ListUpdater.Result updateLists() {
    return updater.updateNow();
  }

  /** The devices waiting for a teacher now (within the device refresh period). */
  public List<Device> devicesWaiting() {
    return devices.waiting();
  }

  private static List<String> concat(List<String> first, List<String> second) {
    List<String> all = new ArrayList<>(first);
    all.addAll(second);
    return all;
  }

  /**
   * Tells the sender that records were appended, so it sends now instead of at its next idle poll
   * (producers call this after their transaction commits). Does nothing when sync is off.
   */
  public void syncAppended() {
    if (sync != null) {
      sync.wake();
    }
  }

  /** The box's health: current problems and the state they add up to. */
  public org.classgate.health.HealthReport health() {
    return safeguarding.health().check();
  }

  /**
   * Stops listening first (no new work), then the upstream, the panel and control socket (queued
   * presses and alerts are written), then records the clean stop.
   */
  @Override
  public void close() {
    syncProducers.close();
    if (sync != null) {
      sync.close();
    }
    if (console != null) {
      console.close();
    }
    network.close();
    updater.close();
    dnsServer.close();
    upstream.close();
    safeguarding.close();
    allowances.close();
    devices.close();
    // After the listeners: every answered query has been recorded, and is now stored.
    activity.close();
    try {
      runLog.stop(runId);
    } catch (StoreException e) {
      LOG.error("could not record the clean stop: {}", e.getMessage());
    }
    database.close();
    LOG.info("stopped; answered {}", counters.snapshot());
  }
}
