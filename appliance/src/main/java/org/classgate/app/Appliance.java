package org.classgate.app;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import org.classgate.activity.ActivityHistory;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.DnsConfig;
import org.classgate.dns.OutcomeCounters;
import org.classgate.dns.Profile;
import org.classgate.dns.cache.CacheSettings;
import org.classgate.dns.cache.DnsCache;
import org.classgate.dns.pipeline.AccessControl;
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

  private final Database database;
  private final RunLog runLog;
  private final long runId;
  private final AllowanceRefresh allowances;
  private final UpstreamResolver upstream;
  private final DnsServer dnsServer;
  private final OutcomeCounters counters;
  private final ActivityLogging activity;
  private final List<String> problems;

  private Appliance(
      Database database,
      RunLog runLog,
      long runId,
      AllowanceRefresh allowances,
      UpstreamResolver upstream,
      DnsServer dnsServer,
      OutcomeCounters counters,
      ActivityLogging activity,
      List<String> problems) {
    this.database = database;
    this.runLog = runLog;
    this.runId = runId;
    this.allowances = allowances;
    this.upstream = upstream;
    this.dnsServer = dnsServer;
    this.counters = counters;
    this.activity = activity;
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
    UpstreamResolver upstream = null;
    ActivityLogging activity = null;
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
      ScheduledValue<Profile> defaultProfile =
          new ScheduledValue<>(
              filter.schedule(config.defaultProfile()), clock, nanoTime, Duration.ofSeconds(10));

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
      activity =
          ActivityLogging.start(
              config.activity(),
              database,
              filter::categoryNames,
              config.timetable().zone(),
              clock,
              nanoTime);
      DnsChain.Parts parts =
          new DnsChain.Parts(
              new AccessControl(
                  dns.allowedClients(),
                  new RateLimiter(
                      dns.rateLimit(), dns.rateBurst(), RATE_LIMITED_CLIENTS, nanoTime)),
              client -> defaultProfile.get(),
              activity.log(),
              domains::get,
              locked::get,
              allowances::get,
              dns.blockAnswer(),
              filter::safeSearchFor,
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
          upstream,
          server,
          counters,
          activity,
          filter.problems());
    } catch (StoreException | IOException | RuntimeException e) {
      if (activity != null) {
        activity.close();
      }
      if (upstream != null) {
        upstream.close();
      }
      if (allowances != null) {
        allowances.close();
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

  public OutcomeCounters counters() {
    return counters;
  }

  /**
   * What is wrong but did not stop the start (e.g. a locked list enforced from its last good copy).
   * The health display of the panel and console issues will show these.
   */
  public List<String> problems() {
    List<String> now = new ArrayList<>(problems);
    now.addAll(activity.problems());
    return now;
  }

  /** The classroom's recent DNS decisions, for incident snapshots and the live view. */
  public ActivityHistory activityHistory() {
    return activity.history();
  }

  /** Stops listening first (no new work), then the upstream, then records the clean stop. */
  @Override
  public void close() {
    dnsServer.close();
    upstream.close();
    allowances.close();
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
