package org.classgate.app;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.SyncConfig;
import org.classgate.store.Database;
import org.classgate.sync.Enrolment;
import org.classgate.sync.EnrolmentStatus;
import org.classgate.sync.OutboxLimits;
import org.classgate.sync.OutboxStatus;
import org.classgate.sync.PartyKeys;
import org.classgate.sync.crypto.KeyFile;
import org.classgate.sync.crypto.SyncKeys;
import org.classgate.sync.store.SqliteEnrolmentStore;
import org.classgate.sync.store.SqliteOutbox;
import org.classgate.sync.transport.BoxKeyRotation;
import org.classgate.sync.transport.HubClient;

/**
 * {@code classgate sync status|enrol|rotate-keys}: the box's side of the link to the school hub,
 * from the same database and key file as the running appliance.
 */
final class SyncCommand {
  static final String USAGE =
      """
      Usage: classgate sync status|enrol|rotate-keys [--config FILE]
        status        the box's id, enrolment code and key fingerprint (compare them on the hub),
                      the enrolment's state and the outbox (queued, acknowledged, dropped)
        enrol         ask the hub (sync.hub-url, sync.hub-pin) to enrol this box now; the hub's
                      administrator then approves it with 'scripts/hub approve CODE'
        rotate-keys   new sync keys for this box, pinned at the hub first; nothing queued is lost
      """;

  private final ApplianceConfig config;
  private final Clock clock;
  private final PrintStream out;

  SyncCommand(ApplianceConfig config, Clock clock, PrintStream out) {
    this.config = config;
    this.clock = clock;
    this.out = out;
  }

  int run(List<String> args) throws Exception {
    if (args.size() != 1) {
      throw new Cli.UsageException("sync takes one action: status, enrol or rotate-keys");
    }
    SecureRandom random = new SecureRandom();
    SyncKeys keys = new KeyFile(config.dataDir()).loadOrCreate(random);
    SyncConfig sync = config.sync();
    switch (args.get(0)) {
      case "status" -> status(keys, sync);
      case "enrol" -> enrol(keys, sync);
      case "rotate-keys" -> {
        SyncKeys rotated = BoxKeyRotation.rotate(config.dataDir(), client(sync), random);
        out.println("new sync keys pinned at the hub: " + rotated.publicKeys().fingerprint());
      }
      default -> throw new Cli.UsageException("unknown sync action '" + args.get(0) + "'");
    }
    return Main.EXIT_OK;
  }

  private void status(SyncKeys keys, SyncConfig sync) throws Exception {
    PartyKeys box = keys.publicKeys();
    out.println("box id:          " + box.id());
    out.println("enrolment code:  " + box.enrolmentCode());
    out.println("key fingerprint: " + box.fingerprint());
    out.println("classroom:       " + TerminalText.escape(sync.classroom(), false));
    try (Database database = Database.open(config.dataDir())) {
      if (!sync.enabled()) {
        out.println("hub:             none (sync.hub-url unset: nothing is sent)");
      } else {
        out.println("hub:             " + sync.hubUrl() + " (pin " + sync.hubPin() + ")");
        Optional<Enrolment> enrolment =
            new SqliteEnrolmentStore(database)
                .load()
                .filter(e -> e.concerns(sync.hubUrl().toString(), sync.hubPin().toString()));
        out.println(
            "enrolment:       "
                + enrolment.map(e -> e.status().word() + " since " + e.changedAt()).orElse("none"));
        enrolment
            .map(Enrolment::hubKeys)
            .ifPresent(hub -> out.println("hub keys:        " + hub.fingerprint()));
      }
      OutboxStatus outbox = new SqliteOutbox(database, OutboxLimits.DEFAULT).status();
      out.printf(
          "outbox:          %d records queued (%d bytes), acknowledged up to %d, %d dropped%n",
          outbox.queuedRecords(),
          outbox.queuedBytes(),
          outbox.acknowledged(),
          outbox.droppedRecords());
    }
  }

  private void enrol(SyncKeys keys, SyncConfig sync) throws Exception {
    HubClient hub = client(sync);
    PartyKeys hubKeys = hub.hubKeys();
    EnrolmentStatus status = hub.requestEnrolment(keys.publicKeys(), sync.classroom());
    try (Database database = Database.open(config.dataDir())) {
      new SqliteEnrolmentStore(database)
          .save(
              Enrolment.fresh(sync.hubUrl().toString(), sync.hubPin().toString(), clock.instant())
                  .withHubKeys(hubKeys, clock.instant())
                  .withStatus(status, clock.instant()));
    }
    out.println(
        "the hub " + hubKeys.id() + " (keys " + hubKeys.fingerprint() + ") says: " + status.word());
    if (status == EnrolmentStatus.PENDING) {
      out.println("on the hub, compare this box's key fingerprint and run:");
      out.println("  scripts/hub approve " + keys.publicKeys().enrolmentCode());
      out.println("  (fingerprint " + keys.publicKeys().fingerprint() + ")");
    }
  }

  private static HubClient client(SyncConfig sync) throws Exception {
    if (!sync.enabled()) {
      throw new Cli.UsageException("sync.hub-url is not set: there is no hub to talk to");
    }
    return new HubClient(
        sync.hubUrl(), sync.hubPin(), sync.connectTimeout(), sync.requestTimeout());
  }
}
