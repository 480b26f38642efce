package org.classgate.app.config;

import java.time.Duration;

/**
 * The activity log part of the configuration (keys {@code activity.*}). Immutable.
 *
 * @param mode where decisions are kept
 * @param memoryEntries decisions kept in memory for incident snapshots and the live view
 * @param flushInterval the longest a decision waits in memory before it is written
 * @param flushRows a batch is written as soon as this many decisions wait (and holds at most this
 *     many)
 * @param retentionDays how many days raw decisions are kept in the database
 */
public record ActivityConfig(
    Mode mode, int memoryEntries, Duration flushInterval, int flushRows, int retentionDays) {

  /** Where the activity log keeps decisions. */
  public enum Mode {
    /** In memory (snapshots, live view) and in the database (history, statistics). */
    DATABASE,
    /** In memory only: incident snapshots work, nothing is written to the SD card. */
    MEMORY,
    /** Not at all: incident snapshots are empty. */
    OFF
  }

  static ActivityConfig read(ConfigReader in) throws ConfigException {
    return new ActivityConfig(
        in.choice("activity.log", Mode.DATABASE, Mode.class),
        // 65,536 decisions: ten minutes of a classroom averaging over 100 queries a second.
        in.integer("activity.memory-entries", 65_536, 1024, 1 << 22),
        in.duration(
            "activity.flush-interval",
            Duration.ofSeconds(10),
            Duration.ofMillis(100),
            Duration.ofMinutes(10)),
        in.integer("activity.flush-rows", 4096, 16, 1 << 20),
        in.integer("activity.retention-days", 30, 1, 3650));
  }
}
