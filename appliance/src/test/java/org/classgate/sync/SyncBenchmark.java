package org.classgate.sync;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.classgate.store.Database;
import org.classgate.sync.crypto.SyncKeys;
import org.classgate.sync.envelope.EnvelopeLimits;
import org.classgate.sync.envelope.EnvelopeOpener;
import org.classgate.sync.envelope.EnvelopeSealer;
import org.classgate.sync.envelope.OpenedEnvelope;
import org.classgate.sync.envelope.ReceiverState;
import org.classgate.sync.store.SqliteOutbox;

/**
 * The drain benchmark behind {@code scripts/bench/bench-sync}: queues N pseudonymised activity
 * summaries in a real SQLite outbox (as a week offline would), then per round reads them back in
 * batches and seals every batch for the hub (the work of draining, without the network), and
 * separately seals the same batches from memory (the cryptography alone) and opens them as the hub
 * would. Prints one {@code key=value} line per measurement; the script takes medians.
 *
 * <p>Usage: {@code SyncBenchmark RECORDS BATCH_RECORDS ROUNDS DATA_DIR}
 */
public final class SyncBenchmark {
  private SyncBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = Integer.parseInt(args[0]);
    int batchRecords = Integer.parseInt(args[1]);
    int rounds = Integer.parseInt(args[2]);
    Path dataDir = Path.of(args[3]);
    Files.createDirectories(dataDir);

    SecureRandom random = new SecureRandom();
    SyncKeys box = SyncKeys.generate(random);
    SyncKeys hub = SyncKeys.generate(random);
    EnvelopeSealer sealer = new EnvelopeSealer(box, hub.publicKeys(), random);
    EnvelopeOpener opener = new EnvelopeOpener(hub, EnvelopeLimits.DEFAULT, enrolled(box));

    try (Database database = Database.open(dataDir)) {
      SqliteOutbox outbox = new SqliteOutbox(database, OutboxLimits.DEFAULT);
      long payloadBytes = queue(database, outbox, records);
      System.out.printf("queued=%d payload_bytes=%d%n", records, payloadBytes);

      for (int round = 1; round <= rounds; round++) {
        // Drain: outbox read + seal, as the sender will do.
        long start = System.nanoTime();
        long after = 0;
        long envelopeBytes = 0;
        int envelopes = 0;
        List<List<SyncRecord>> batches = new ArrayList<>();
        while (true) {
          List<SyncRecord> batch = outbox.nextBatch(after, batchRecords, 4 << 20);
          if (batch.isEmpty()) {
            break;
          }
          envelopeBytes += sealer.seal(batch).length;
          envelopes++;
          after = batch.get(batch.size() - 1).sequence();
          batches.add(batch);
        }
        double drainSeconds = (System.nanoTime() - start) / 1e9;

        // Seal alone, from memory.
        start = System.nanoTime();
        List<byte[]> sealed = new ArrayList<>(batches.size());
        for (List<SyncRecord> batch : batches) {
          sealed.add(sealer.seal(batch));
        }
        double sealSeconds = (System.nanoTime() - start) / 1e9;

        // Open, as the hub does: verify, decrypt, parse.
        start = System.nanoTime();
        long opened = 0;
        for (byte[] envelope : sealed) {
          OpenedEnvelope result = opener.open(envelope);
          opened += result.records().size();
        }
        double openSeconds = (System.nanoTime() - start) / 1e9;
        if (opened != records) {
          throw new IllegalStateException("opened " + opened + " of " + records + " records");
        }
        System.out.printf(
            "round=%d drain_rps=%.0f seal_rps=%.0f open_rps=%.0f envelopes=%d"
                + " overhead_per_batch=%.1f overhead_fixed=%d%n",
            round,
            records / drainSeconds,
            records / sealSeconds,
            records / openSeconds,
            envelopes,
            (envelopeBytes - payloadBytes) / (double) envelopes,
            EnvelopeSealer.overhead(0));
      }
    }
  }

  /** Queues {@code count} activity summaries of realistic shape; returns their payload bytes. */
  private static long queue(Database database, SqliteOutbox outbox, int count) throws Exception {
    Random random = new Random(7);
    String[] outcomes = {"ALLOWED", "CACHED", "BLOCKED", "SAFESEARCH"};
    long bytes = 0;
    int chunk = 10_000;
    for (int done = 0; done < count; done += chunk) {
      int size = Math.min(chunk, count - done);
      List<byte[]> payloads = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        String json =
            String.format(
                "{\"minute\":%d,\"device\":\"p-%06x\",\"name\":\"site-%d.example\","
                    + "\"outcome\":\"%s\",\"count\":%d}",
                28_000_000 + (done + i) / 50,
                random.nextInt(1 << 24),
                random.nextInt(100_000),
                outcomes[random.nextInt(outcomes.length)],
                1 + random.nextInt(40));
        byte[] payload = json.getBytes(StandardCharsets.UTF_8);
        payloads.add(payload);
        bytes += payload.length;
      }
      database.transaction(
          "queueing benchmark records",
          c -> {
            for (byte[] payload : payloads) {
              outbox.append(c, RecordKind.ACTIVITY_SUMMARY, payload);
            }
            return null;
          });
    }
    return bytes;
  }

  private static ReceiverState enrolled(SyncKeys box) {
    PartyKeys keys = box.publicKeys();
    return new ReceiverState() {
      @Override
      public java.util.Optional<PartyKeys> pinnedKeys(java.util.UUID boxId) {
        return boxId.equals(keys.id()) ? java.util.Optional.of(keys) : java.util.Optional.empty();
      }

      @Override
      public long highestContiguous(java.util.UUID boxId) {
        return 0;
      }
    };
  }
}
