package org.classgate.hub;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.classgate.store.Database;
import org.classgate.sync.EnrolmentStatus;
import org.classgate.sync.OutboxLimits;
import org.classgate.sync.RecordKind;
import org.classgate.sync.SyncRecord;
import org.classgate.sync.crypto.KeyFile;
import org.classgate.sync.crypto.SyncKeys;
import org.classgate.sync.envelope.EnvelopeSealer;
import org.classgate.sync.store.SqliteEnrolmentStore;
import org.classgate.sync.store.SqliteOutbox;
import org.classgate.sync.transport.HubClient;
import org.classgate.sync.transport.Pause;
import org.classgate.sync.transport.ReloadingKeys;
import org.classgate.sync.transport.SenderSettings;
import org.classgate.sync.transport.SyncSender;
import org.classgate.tls.CertificatePin;

/**
 * The benchmark behind {@code scripts/bench/bench-sync-drain}: a week offline, then the drain. It
 * queues N pseudonymised activity summaries in a real box outbox (SQLite), starts a real hub on
 * loopback HTTPS, enrols the box, then measures
 *
 * <ul>
 *   <li>{@code sealed_rps}: the sender's own work without the network: read the outbox in batches
 *       and seal each batch (ephemeral X25519, HKDF, ChaCha20-Poly1305, Ed25519);
 *   <li>{@code delivered_rps}: the real {@link SyncSender} draining everything to the real hub
 *       (read, seal, POST over TLS 1.3, hub verify + decrypt + store in one transaction per
 *       envelope, acknowledgement, prune), until the outbox is empty.
 * </ul>
 *
 * <p>Usage: {@code SyncDrainBenchmark RECORDS BATCH SEAL_ROUNDS DATA_DIR}; prints {@code key=value}
 * lines.
 */
public final class SyncDrainBenchmark {
  private SyncDrainBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = Integer.parseInt(args[0]);
    int batch = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    Path data = Path.of(args[3]);
    Path boxDir = Files.createDirectories(data.resolve("box"));
    Path hubDir = Files.createDirectories(data.resolve("hub"));

    try (HubFixture hub = new HubFixture(hubDir, Map.of("log.level", "warn"));
        Database database = Database.open(boxDir)) {
      SqliteOutbox outbox = new SqliteOutbox(database, new OutboxLimits(4L << 30, 1 << 20));
      long payloadBytes = queue(database, outbox, records);
      System.out.printf("queued=%d payload_bytes=%d%n", records, payloadBytes);

      ReloadingKeys keys = new ReloadingKeys(new KeyFile(boxDir), new SecureRandom());
      SyncKeys box = keys.get();
      hub.hub.enrolments().request(box.publicKeys(), box.publicKeys().enrolmentCode(), "Bench");
      hub.approve(box.publicKeys().enrolmentCode());

      // Sealing alone: what the box's CPU must sustain.
      EnvelopeSealer sealer =
          new EnvelopeSealer(box, hub.hub.keys().keys().current().publicKeys(), new SecureRandom());
      // Several rounds (nothing is acknowledged here): the first is cold, as after a restart.
      for (int round = 1; round <= rounds; round++) {
        long start = System.nanoTime();
        long after = 0;
        long sealedBytes = 0;
        long sealed = 0;
        while (true) {
          List<SyncRecord> next = outbox.nextBatch(after, batch, 4 << 20);
          if (next.isEmpty()) {
            break;
          }
          sealedBytes += sealer.seal(next).length;
          sealed += next.size();
          after = next.get(next.size() - 1).sequence();
        }
        double sealSeconds = (System.nanoTime() - start) / 1e9;
        System.out.printf(
            "round=%d sealed=%d seconds=%.3f sealed_rps=%.0f envelope_bytes=%d%n",
            round, sealed, sealSeconds, sealed / sealSeconds, sealedBytes);
      }

      // The real sender, to the real hub, until the outbox is empty.
      HubClient client =
          new HubClient(
              hub.url(),
              CertificatePin.parse(hub.pin()),
              Duration.ofSeconds(5),
              Duration.ofSeconds(60));
      SenderSettings settings =
          new SenderSettings(
              batch,
              4 << 20,
              Duration.ofMillis(10),
              Duration.ofSeconds(1),
              Duration.ofSeconds(1),
              Duration.ofMillis(10),
              Duration.ofHours(1));
      TimedLink timed = new TimedLink(client);
      SyncSender sender =
          new SyncSender(
              outbox,
              timed,
              keys,
              new SqliteEnrolmentStore(database),
              new SyncSender.Target(hub.url().toString(), hub.pin(), "Bench"),
              settings,
              Clock.systemUTC(),
              System::nanoTime,
              Pause.monitor(),
              new SplittableRandom(),
              new SecureRandom());
      while (sender.status().enrolment() != EnrolmentStatus.APPROVED) {
        sender.step();
      }
      long start = System.nanoTime();
      while (outbox.status().queuedRecords() > 0) {
        long pause = sender.step();
        if (pause > 0 && sender.status().failures() > 0) {
          throw new IllegalStateException("delivery failed: " + sender.status().lastError());
        }
      }
      double deliverSeconds = (System.nanoTime() - start) / 1e9;
      long held = hub.recordCount(box.id());
      System.out.printf(
          "delivered=%d seconds=%.3f delivered_rps=%.0f envelopes=%d hub_records=%d"
              + " post_seconds=%.3f%n",
          sender.status().records(),
          deliverSeconds,
          sender.status().records() / deliverSeconds,
          sender.status().envelopes(),
          held,
          timed.deliverNanos / 1e9);
      if (held != records) {
        throw new IllegalStateException("the hub holds " + held + " records, not " + records);
      }
    }
  }

  /**
   * Times the POSTs (TLS, the hub's verify, decrypt and store), to tell them from the box's work.
   */
  private static final class TimedLink implements org.classgate.sync.transport.HubLink {
    private final HubClient client;
    long deliverNanos;

    TimedLink(HubClient client) {
      this.client = client;
    }

    @Override
    public org.classgate.sync.PartyKeys hubKeys()
        throws java.io.IOException, org.classgate.sync.transport.HubRefused {
      return client.hubKeys();
    }

    @Override
    public EnrolmentStatus requestEnrolment(org.classgate.sync.PartyKeys box, String classroom)
        throws java.io.IOException, org.classgate.sync.transport.HubRefused {
      return client.requestEnrolment(box, classroom);
    }

    @Override
    public EnrolmentStatus enrolmentStatus(java.util.UUID box)
        throws java.io.IOException, org.classgate.sync.transport.HubRefused {
      return client.enrolmentStatus(box);
    }

    @Override
    public org.classgate.sync.transport.Delivery deliver(byte[] envelope)
        throws java.io.IOException {
      long start = System.nanoTime();
      try {
        return client.deliver(envelope);
      } finally {
        deliverNanos += System.nanoTime() - start;
      }
    }

    @Override
    public void rotateKeys(SyncKeys current, org.classgate.sync.PartyKeys next)
        throws java.io.IOException, org.classgate.sync.transport.HubRefused {
      client.rotateKeys(current, next);
    }
  }

  /** Queues {@code count} activity summaries, 10,000 per transaction (as a week would, faster). */
  private static long queue(Database database, SqliteOutbox outbox, int count) throws Exception {
    SplittableRandom random = new SplittableRandom(1);
    long bytes = 0;
    int done = 0;
    while (done < count) {
      int chunk = Math.min(10_000, count - done);
      int first = done;
      bytes +=
          database.transaction(
              "queueing",
              (Connection c) -> {
                long chunkBytes = 0;
                for (int i = 0; i < chunk; i++) {
                  byte[] payload = summary(first + i, random);
                  outbox.append(c, RecordKind.ACTIVITY_SUMMARY, payload);
                  chunkBytes += payload.length;
                }
                return chunkBytes;
              });
      done += chunk;
    }
    return bytes;
  }

  private static byte[] summary(int n, SplittableRandom random) {
    return ("{\"v\":1,\"day\":\"2025-03-0"
            + (1 + n % 7)
            + "\",\"device\":\"d-"
            + Long.toHexString(random.nextLong())
            + "\",\"allowed\":"
            + random.nextInt(5000)
            + ",\"blocked\":"
            + random.nextInt(300)
            + ",\"byCategory\":{\"adult\":"
            + random.nextInt(50)
            + "}}")
        .getBytes(StandardCharsets.UTF_8);
  }
}
