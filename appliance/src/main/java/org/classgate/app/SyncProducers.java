package org.classgate.app;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.classgate.activity.DailyCount;
import org.classgate.activity.DevicePseudonyms;
import org.classgate.activity.store.SqliteActivityReader;
import org.classgate.devices.Device;
import org.classgate.devices.DeviceRegistry;
import org.classgate.dns.Outcome;
import org.classgate.health.HealthReport;
import org.classgate.health.Problem;
import org.classgate.store.StoreException;
import org.classgate.sync.RecordKind;
import org.classgate.sync.payload.ActivitySummaryPayload;
import org.classgate.sync.payload.HealthPayload;
import org.classgate.sync.store.SqlitePeriodicRecords;
import org.tinylog.TaggedLogger;

/**
 * The records the box queues for the school hub on a schedule: a HEALTH record every {@code
 * sync.health-interval}, and once each local day has ended (and its last activity batches had time
 * to be written), an ACTIVITY_SUMMARY record per pseudonymised device for that day, from the
 * activity log's daily statistics. Days missed while the box was off are caught up, at most {@link
 * #MAX_CATCH_UP_DAYS} back. Summaries wait while the wall clock is unsynchronised: a clock that is
 * days out would mark days as ended that have not begun. Thread-safe; the scheduled tasks run on
 * one daemon thread and a failing round is logged, never fatal.
 */
final class SyncProducers implements AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("sync");

  /** The furthest back a box that was off catches up: older days' summaries are not queued. */
  static final int MAX_CATCH_UP_DAYS = 31;

  /** How often the summaries are looked at (cheap when there is nothing to do). */
  private static final Duration SUMMARY_CHECK = Duration.ofMinutes(10);

  /** Outcomes that let the name through. */
  private static final Set<Outcome> ALLOWED =
      EnumSet.of(
          Outcome.ALLOWED,
          Outcome.CACHED,
          Outcome.STALE,
          Outcome.UNBLOCKED,
          Outcome.SAFESEARCH,
          Outcome.SPECIAL,
          Outcome.MINIMAL_ANY);

  /** Outcomes that kept the name from the device. Errors and refusals count as neither. */
  private static final Set<Outcome> BLOCKED =
      EnumSet.of(Outcome.BLOCKED, Outcome.LOCKED, Outcome.DENIED, Outcome.QUARANTINED);

  /** The parts the producers read. */
  record Sources(
      Supplier<HealthReport> health,
      DeviceRegistry registry,
      Supplier<Map<String, Long>> listAges,
      SqliteActivityReader activity,
      DevicePseudonyms pseudonyms) {}

  private final SqlitePeriodicRecords records;
  private final Sources sources;
  private final ZoneId zone;
  private final Clock clock;
  private final BooleanSupplier clockSynchronised;
  private final Duration settle;
  private ScheduledExecutorService scheduler;

  /**
   * @param zone the timetable's zone: the activity statistics' days are local days in it
   * @param settle how long after a day ends its summaries wait (activity batches still flushing)
   */
  SyncProducers(
      SqlitePeriodicRecords records,
      Sources sources,
      ZoneId zone,
      Clock clock,
      BooleanSupplier clockSynchronised,
      Duration settle) {
    this.records = records;
    this.sources = sources;
    this.zone = zone;
    this.clock = clock;
    this.clockSynchronised = clockSynchronised;
    this.settle = settle;
  }

  /** Queues a HEALTH record of the box now. */
  long reportHealth() throws StoreException {
    HealthReport report = sources.health().get();
    List<HealthPayload.Problem> problems = new ArrayList<>();
    for (Problem problem : report.problems()) {
      problems.add(
          new HealthPayload.Problem(
              problem.source(),
              problem.severity().name().toLowerCase(Locale.ROOT),
              problem.message()));
    }
    int online = 0;
    for (Device device : sources.registry().all()) {
      online += device.addresses().isEmpty() ? 0 : 1;
    }
    HealthPayload payload =
        new HealthPayload(
            clock.instant(),
            report.state().name().toLowerCase(Locale.ROOT),
            problems,
            online,
            sources.listAges().get(),
            0);
    return records.append(RecordKind.HEALTH, payload.encode());
  }

  /**
   * Queues the summaries of every local day that has ended (by {@code settle}) and is not yet
   * summarised, oldest first; nothing while the clock is unsynchronised.
   *
   * @return the days queued
   */
  int summariseFinishedDays() throws StoreException {
    if (!clockSynchronised.getAsBoolean()) {
      return 0;
    }
    LocalDate lastEnded = LocalDate.ofInstant(clock.instant().minus(settle), zone).minusDays(1);
    LocalDate last = records.lastSummarisedDay();
    LocalDate first = last == null ? lastEnded : last.plusDays(1);
    if (first.isBefore(lastEnded.minusDays(MAX_CATCH_UP_DAYS - 1))) {
      LOG.warn(
          "activity summaries from {} to {} are not queued: more than {} days back",
          first,
          lastEnded.minusDays(MAX_CATCH_UP_DAYS),
          MAX_CATCH_UP_DAYS);
      first = lastEnded.minusDays(MAX_CATCH_UP_DAYS - 1);
    }
    int days = 0;
    for (LocalDate day = first; !day.isAfter(lastEnded); day = day.plusDays(1)) {
      List<byte[]> payloads = new ArrayList<>();
      for (ActivitySummaryPayload summary :
          summaries(day, sources.activity().daily(day, day), sources.pseudonyms())) {
        payloads.add(summary.encode());
      }
      records.queueDay(day, payloads);
      LOG.info("queued {} activity summaries of {} for the hub", payloads.size(), day);
      days++;
    }
    return days;
  }

  /**
   * One summary per device of {@code day}'s statistics, devices pseudonymised. A decision blocked
   * by two categories is counted under each in the statistics, so it counts twice in {@code
   * blocked} too (the statistics keep no per-decision total).
   */
  static List<ActivitySummaryPayload> summaries(
      LocalDate day, List<DailyCount> counts, DevicePseudonyms pseudonyms) {
    Map<String, long[]> totals = new TreeMap<>();
    Map<String, Map<String, Long>> categories = new TreeMap<>();
    for (DailyCount count : counts) {
      if (!count.day().equals(day)) {
        continue;
      }
      long[] total = totals.computeIfAbsent(count.device(), device -> new long[2]);
      if (ALLOWED.contains(count.outcome())) {
        total[0] += count.count();
      } else if (BLOCKED.contains(count.outcome())) {
        total[1] += count.count();
        if (!count.category().isEmpty()) {
          categories
              .computeIfAbsent(count.device(), device -> new TreeMap<>())
              .merge(count.category(), count.count(), Long::sum);
        }
      }
    }
    List<ActivitySummaryPayload> summaries = new ArrayList<>();
    totals.forEach(
        (device, total) ->
            summaries.add(
                new ActivitySummaryPayload(
                    day,
                    pseudonyms.of(device),
                    total[0],
                    total[1],
                    categories.getOrDefault(device, Map.of()))));
    return summaries;
  }

  /**
   * Each list's age in seconds at {@code now}: since its oldest source was fetched (or, for a
   * source on disk, last modified; else since the lists were built).
   */
  static Map<String, Long> listAges(ListSnapshot snapshot, Instant now) {
    Map<String, Long> ages = new TreeMap<>();
    for (SourceReport source : snapshot.sources()) {
      Instant from = source.fetched();
      if (from == null && source.report() != null) {
        from = source.report().modified();
      }
      if (from == null) {
        from = snapshot.built();
      }
      long seconds = Math.max(0, Duration.between(from, now).toSeconds());
      ages.merge(source.list(), seconds, Math::max);
    }
    return ages;
  }

  /** Runs the producers on their own daemon thread until {@link #close}. */
  SyncProducers start(Duration healthInterval) {
    scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "sync-producers");
              thread.setDaemon(true);
              return thread;
            });
    long first = Duration.ofMinutes(1).toSeconds();
    scheduler.scheduleAtFixedRate(
        () -> guarded("health report", this::reportHealth),
        first,
        healthInterval.toSeconds(),
        TimeUnit.SECONDS);
    scheduler.scheduleWithFixedDelay(
        () -> guarded("activity summaries", this::summariseFinishedDays),
        first,
        SUMMARY_CHECK.toSeconds(),
        TimeUnit.SECONDS);
    return this;
  }

  private interface Round {
    Object run() throws StoreException;
  }

  /** One round; a failure is logged and the schedule goes on (a thrown task would stop it). */
  private static void guarded(String what, Round round) {
    try {
      round.run();
    } catch (StoreException | RuntimeException e) {
      LOG.error("sync {} failed: {}", what, e.getMessage());
    }
  }

  @Override
  public void close() {
    if (scheduler != null) {
      scheduler.shutdownNow();
    }
  }
}
