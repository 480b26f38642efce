package org.classgate.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.classgate.activity.ActivityLog;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.DevicesConfig;
import org.classgate.app.config.DnsConfig;
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
import org.classgate.filter.allowance.Allowances;
import org.classgate.filter.allowance.ApprovalRules;
import org.classgate.filter.schedule.ScheduledValue;
import org.classgate.filter.store.SqliteAllowanceStore;
import org.classgate.store.Database;
import org.classgate.store.RunLog;
import org.classgate.store.StoreException;
import org.classgate.time.BootId;
import org.classgate.time.ClockSync;
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

  /** How soon an allowance made by another process (the policy command) takes effect. */
  private static final Duration ALLOWANCE_REFRESH = Duration.ofSeconds(5);

  /**
   * How soon a teacher's device decision made by another process (the devices command) takes
   * effect; changes made in this process (lease events) take effect at once.
   */
  private static final Duration DEVICE_REFRESH = Duration.ofSeconds(2);

  private final Database database;
  private final RunLog runLog;
  private final long runId;
  private final AllowanceRefresh allowances;
  private final DeviceRefresh devices;
  private final DeviceEventCommand deviceEvents;
  private final UpstreamResolver upstream;
  private final DnsServer dnsServer;
  private final OutcomeCounters counters;
  private final List<String> problems;

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
      List<String> problems) {
    this.database = database;
    this.runLog = runLog;
    this.runId = runId;
    this.allowances = allowances;
    this.devices = devices;
    this.deviceEvents = deviceEvents;
    this.upstream = upstream;
    this.dnsServer = dnsServer;
    this.counters = counters;
    this.problems = problems;
  }

  /**
   * Starts everything: database, lists, DNS chain and listeners. On any failure, whatever was
   * started is closed again before the exception leaves.
   */
  public static Appliance start(ApplianceConfig config, Clock clock, LongSupplier nanoTime)
      throws StoreException, IOException {
    DatabaseOpening opening = DatabaseOpening.begin(config.dataDir());
    FilterLists filter;
    try {
      filter = FilterLists.load(config, nanoTime);
    } catch (IOException | RuntimeException e) {
      opening.abandon();
      throw e;
    }
    Database database = opening.await();
    AllowanceRefresh allowances = null;
    DeviceRefresh devices = null;
    UpstreamResolver upstream = null;
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

      AtomicReference<DomainSet> domains = new AtomicReference<>(filter.domains());
      AtomicReference<DomainSet> locked = new AtomicReference<>(filter.locked());
      allowances =
          AllowanceRefresh.start(
              new SqliteAllowanceStore(database, new Allowances(ApprovalRules.defaults(), clock)),
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
      TrustedTime time =
          new TrustedTime(
              new SqliteSequences(database),
              BootId.current(),
              nanoTime,
              clock,
              ClockSync.timesyncd());
      DeviceRegistry registry = new SqliteDeviceRegistry(database, time);
      devices =
          new DeviceRefresh(
                  registry, identity, new LoggingAccessControlPlane(), devicesConfig.classes())
              .start(DEVICE_REFRESH);
      DeviceEventCommand deviceEvents = new DeviceEventCommand(registry, devices::check);

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
              ActivityLog.NONE,
              domains::get,
              locked::get,
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
      // Building a large set needs scratch arrays several times its size. Collect them once, now
      // that the box is answering, so the heap shrinks back (the launcher's MaxHeapFreeRatio)
      // instead of keeping that memory committed for the life of the process.
      System.gc();
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
          filter.problems());
    } catch (StoreException | IOException | RuntimeException e) {
      if (upstream != null) {
        upstream.close();
      }
      if (allowances != null) {
        allowances.close();
      }
      if (devices != null) {
        devices.close();
      }
      database.close();
      throw e;
    }
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
   * What is wrong but did not stop the start (e.g. a locked list enforced from its last good copy).
   * The health display of the panel and console issues will show these.
   */
  public List<String> problems() {
    List<String> now = new java.util.ArrayList<>(problems);
    now.addAll(devices.problems());
    return now;
  }

  /** The devices waiting for a teacher now (within the device refresh period). */
  public List<org.classgate.devices.Device> devicesWaiting() {
    return devices.waiting();
  }

  /** Stops listening first (no new work), then the upstream, then records the clean stop. */
  @Override
  public void close() {
    dnsServer.close();
    upstream.close();
    allowances.close();
    devices.close();
    try {
      runLog.stop(runId);
    } catch (StoreException e) {
      LOG.error("could not record the clean stop: {}", e.getMessage());
    }
    database.close();
    LOG.info("stopped; answered {}", counters.snapshot());
  }
}
