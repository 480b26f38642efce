package org.classgate.app;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;
import org.classgate.app.config.SyncConfig;
import org.classgate.health.Health;
import org.classgate.health.Severity;
import org.classgate.store.Database;
import org.classgate.sync.crypto.KeyFile;
import org.classgate.sync.crypto.KeyFileException;
import org.classgate.sync.store.SqliteEnrolmentStore;
import org.classgate.sync.store.SqliteOutbox;
import org.classgate.sync.transport.HubClient;
import org.classgate.sync.transport.Pause;
import org.classgate.sync.transport.ReloadingKeys;
import org.classgate.sync.transport.SyncSender;
import org.classgate.tls.TlsException;
import org.tinylog.TaggedLogger;

/**
 * Builds the link to the school hub from {@code sync.*}: the box's keys, the outbox, the pinned
 * HTTPS client and the sender, started only when {@code sync.hub-url} is set. A link that cannot
 * start (an unsafe key file, say) is a health warning, never a reason for the box not to filter.
 */
final class SyncWiring implements AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("app");

  private final SyncSender sender;

  private SyncWiring(SyncSender sender) {
    this.sender = sender;
  }

  /** Starts syncing, or returns null when sync is off or cannot start (then a health problem). */
  static SyncWiring start(
      SyncConfig config,
      java.nio.file.Path dataDir,
      Database database,
      SqliteOutbox outbox,
      Health health,
      Clock clock,
      LongSupplier nanoTime) {
    if (!config.enabled()) {
      LOG.info("sync to the school hub off: sync.hub-url unset");
      return null;
    }
    SyncSender sender;
    try {
      SecureRandom random = new SecureRandom();
      sender =
          new SyncSender(
              outbox,
              new HubClient(
                  config.hubUrl(),
                  config.hubPin(),
                  config.connectTimeout(),
                  config.requestTimeout()),
              new ReloadingKeys(new KeyFile(dataDir), random),
              new SqliteEnrolmentStore(database),
              new SyncSender.Target(
                  config.hubUrl().toString(), config.hubPin().toString(), config.classroom()),
              config.sender(),
              clock,
              nanoTime,
              Pause.monitor(),
              new SplittableRandom(),
              random);
    } catch (KeyFileException | TlsException e) {
      LOG.error("sync to the school hub cannot start: {}", e.getMessage());
      String problem = "sync to the school hub cannot start: " + e.getMessage();
      health.registerMessages("sync", Severity.WARNING, () -> List.of(problem));
      return null;
    }
    // A warning, not a fault: an unreachable hub never changes what the classroom can reach.
    health.registerMessages("sync", Severity.WARNING, sender::problems);
    sender.start();
    LOG.info("syncing to the school hub at {} ({})", config.hubUrl(), config.classroom());
    return new SyncWiring(sender);
  }

  /** Records were appended: send now rather than at the next idle poll. */
  void wake() {
    sender.wake();
  }

  SyncSender.Status status() {
    return sender.status();
  }

  @Override
  public void close() {
    sender.close();
  }
}
