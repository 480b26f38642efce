package org.classgate.app.config;

import java.time.Duration;
import org.classgate.sync.OutboxLimits;
import org.classgate.sync.payload.Payloads;

/**
 * The sync outbox's bound and the periodic records the box queues for the school hub ({@code
 * sync.outbox-max-mib}, {@code sync.health-interval}). Immutable.
 *
 * @param maxQueuedMib payload MiB queued before activity summaries, then health reports, are
 *     dropped (oldest first); incidents, alerts, change logs and device changes never are
 * @param healthInterval how often a HEALTH record is queued
 */
public record OutboxConfig(int maxQueuedMib, Duration healthInterval) {
  static final String[] KEYS = {"sync.outbox-max-mib", "sync.health-interval"};

  /** The outbox bound, with the per-record limit every payload encoder keeps to. */
  public OutboxLimits limits() {
    return Payloads.outboxLimits((long) maxQueuedMib << 20);
  }

  static OutboxConfig read(ConfigReader in) throws ConfigException {
    return new OutboxConfig(
        // 256 MiB: weeks of a classroom's summaries offline; at least 16 so incidents have room.
        in.integer("sync.outbox-max-mib", 256, 16, 65_536),
        in.duration(
            "sync.health-interval",
            Duration.ofMinutes(15),
            Duration.ofMinutes(1),
            Duration.ofDays(1)));
  }
}
