package org.classgate.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.function.LongSupplier;
import org.classgate.activity.ActivityHistory;
import org.classgate.activity.ActivityLog;
import org.classgate.activity.ActivityRetention;
import org.classgate.activity.ActivityWriter;
import org.classgate.activity.CategoryNames;
import org.classgate.activity.RecentActivity;
import org.classgate.activity.store.SqliteActivityStore;
import org.classgate.app.config.ActivityConfig;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.time.BootId;
import org.classgate.time.ClockSync;
import org.classgate.time.TrustedTime;
import org.classgate.time.store.SqliteSequences;
import org.tinylog.TaggedLogger;

/**
 * The activity log as configured ({@code activity.log}): the in-memory ring the DNS chain records
 * into and, in {@code database} mode, the batched writer with its retention. Owned by {@link
 * Appliance}.
 */
final class ActivityLogging implements AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("activity");

  /** Rows deleted per retention transaction: a few tens of milliseconds on a Pi's SD card. */
  private static final int RETENTION_CHUNK = 10_000;

  private final RecentActivity recent;
  private final ActivityWriter writer;

  private ActivityLogging(RecentActivity recent, ActivityWriter writer) {
    this.recent = recent;
    this.writer = writer;
  }

  static ActivityLogging start(
      ActivityConfig config,
      Database database,
      CategoryNames categories,
      ZoneId zone,
      Clock clock,
      LongSupplier nanoTime)
      throws StoreException {
    if (config.mode() == ActivityConfig.Mode.OFF) {
      LOG.info("activity log off (activity.log=off): incident snapshots will be empty");
      return new ActivityLogging(null, null);
    }
    ClockSync sync = clockSync();
    RecentActivity recent =
        new RecentActivity(
            config.memoryEntries(), categories, clock, nanoTime, sync::isSynchronised);
    if (config.mode() == ActivityConfig.Mode.MEMORY) {
      return new ActivityLogging(recent, null);
    }
    String boot = BootId.current();
    TrustedTime time = new TrustedTime(new SqliteSequences(database), boot, nanoTime, clock, sync);
    SqliteActivityStore store = new SqliteActivityStore(database, categories, zone);
    ActivityWriter writer =
        new ActivityWriter(
                recent,
                store,
                time::now,
                new ActivityRetention(
                    store, Duration.ofDays(config.retentionDays()), RETENTION_CHUNK, clock),
                boot,
                new ActivityWriter.Settings(config.flushInterval(), config.flushRows()),
                nanoTime)
            .start();
    LOG.info(
        "activity log: {} decisions in memory, written every {} or {} rows, kept {} days",
        recent.capacity(),
        config.flushInterval(),
        config.flushRows(),
        config.retentionDays());
    return new ActivityLogging(recent, writer);
  }

  /**
   * timesyncd's marker where systemd-timesyncd runs (the box): its unit's {@code
   * RuntimeDirectory=systemd/timesync} exists from the service's start, before it synchronises, so
   * the box's service is ordered after it. A development machine or container without it keeps its
   * clock by other means, which is trusted.
   */
  private static ClockSync clockSync() {
    if (Files.isDirectory(Path.of("/run/systemd/timesync"))) {
      return ClockSync.timesyncd();
    }
    LOG.info("systemd-timesyncd is not running: the clock is taken as synchronised");
    return ClockSync.ASSUMED;
  }

  /** What the DNS chain records into; {@link ActivityLog#NONE} when the log is off. */
  ActivityLog log() {
    return recent == null ? ActivityLog.NONE : recent;
  }

  /** Recent decisions for incident snapshots; always empty when the log is off. */
  ActivityHistory history() {
    return recent == null ? from -> List.of() : recent;
  }

  /** What is wrong with the activity log now (falling behind, database failures). */
  List<String> problems() {
    return writer == null ? List.of() : writer.problems();
  }

  /** Stores what is waiting, then stops the writer. */
  @Override
  public void close() {
    if (writer != null) {
      writer.close();
      LOG.info("activity log: {} stored, {} dropped", writer.stored(), writer.dropped());
    }
  }
}
