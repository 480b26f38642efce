package org.classgate.sync;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.classgate.store.Database;
import org.classgate.sync.crypto.SyncKeys;
import org.classgate.sync.envelope.EnvelopeSealer;
import org.classgate.sync.payload.ActivitySummaryPayload;
import org.classgate.sync.payload.AlertPayload;
import org.classgate.sync.payload.ChangeLogPayload;
import org.classgate.sync.payload.DeviceChangePayload;
import org.classgate.sync.payload.HealthPayload;
import org.classgate.sync.payload.IncidentPayload;
import org.classgate.sync.payload.Payloads;
import org.classgate.sync.store.SqliteOutbox;
import org.classgate.time.Stamp;

/**
 * The benchmark behind {@code scripts/bench/bench-outbox}, in three modes:
 *
 * <ul>
 *   <li>{@code queue RECORDS DATA_DIR}: appends RECORDS records of every kind, encoded by the real
 *       payload encoders, to a real SQLite outbox, as a week offline leaves them (75% activity
 *       summaries, 10% health, 6% alerts, 4% device changes, 4.9% change-log rows, 0.1% incidents
 *       with a 200-decision snapshot), 1,000 per transaction;
 *   <li>{@code seal BATCH ROUNDS DATA_DIR}: per round, reads the whole outbox in batches of BATCH
 *       records and seals every batch for a hub ({@link EnvelopeSealer}), as the sender will;
 *   <li>{@code loop SECONDS BATCH DATA_DIR}: the same read-and-seal, over and over, for SECONDS:
 *       the load that runs beside the DNS benchmark.
 * </ul>
 *
 * Prints {@code key=value} lines; the script takes medians.
 */
public final class OutboxBenchmark {
  private static final Instant AT = Instant.parse("2025-03-10T10:30:00Z");

  private OutboxBenchmark() {}

  public static void main(String[] args) throws Exception {
    switch (args[0]) {
      case "queue" -> queue(Integer.parseInt(args[1]), Path.of(args[2]));
      case "seal" -> seal(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
      case "loop" -> loop(Integer.parseInt(args[1]), Integer.parseInt(args[2]), Path.of(args[3]));
      default -> throw new IllegalArgumentException("queue, seal or loop, not " + args[0]);
    }
  }

  private static SqliteOutbox outbox(Database database) {
    // A bound above the whole week: nothing is dropped, every record is sealed.
    return new SqliteOutbox(database, Payloads.outboxLimits(16L << 30));
  }

  private static void queue(int records, Path dataDir) throws Exception {
    Files.createDirectories(dataDir);
    SplittableRandom random = new SplittableRandom(7);
    long[] perKind = new long[RecordKind.values().length + 1];
    long bytes = 0;
    long start = System.nanoTime();
    try (Database database = Database.open(dataDir)) {
      SqliteOutbox outbox = outbox(database);
      for (int done = 0; done < records; done += 1_000) {
        int size = Math.min(1_000, records - done);
        List<RecordKind> kinds = new ArrayList<>(size);
        List<byte[]> payloads = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
          int n = done + i;
          RecordKind kind = kindOf(random.nextInt(1_000));
          kinds.add(kind);
          byte[] payload = payload(kind, n, random);
          payloads.add(payload);
          perKind[kind.code()]++;
          bytes += payload.length;
        }
        database.transaction(
            "queueing benchmark records",
            c -> {
              for (int i = 0; i < kinds.size(); i++) {
                outbox.append(c, kinds.get(i), payloads.get(i));
              }
              return null;
            });
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      StringBuilder mix = new StringBuilder();
      for (RecordKind kind : RecordKind.values()) {
        mix.append(' ').append(kind.name().toLowerCase()).append('=').append(perKind[kind.code()]);
      }
      System.out.printf(
          "queued=%d payload_bytes=%d queue_rps=%.0f%s%n", records, bytes, records / seconds, mix);
    }
  }

  private static RecordKind kindOf(int permille) {
    if (permille < 750) {
      return RecordKind.ACTIVITY_SUMMARY;
    } else if (permille < 850) {
      return RecordKind.HEALTH;
    } else if (permille < 910) {
      return RecordKind.ALERT;
    } else if (permille < 950) {
      return RecordKind.DEVICE_CHANGE;
    } else if (permille < 999) {
      return RecordKind.CHANGE_LOG;
    }
    return RecordKind.INCIDENT;
  }

  private static byte[] payload(RecordKind kind, int n, SplittableRandom random) {
    String device = HexFormat.of().toHexDigits(random.nextLong()) + "0123456789abcdef";
    Stamp stamp = new Stamp(n, "boot-1", n * 1_000_000L, AT.toEpochMilli() + n, true);
    return switch (kind) {
      case ACTIVITY_SUMMARY ->
          new ActivitySummaryPayload(
                  LocalDate.of(2025, 3, 3 + n % 7),
                  device,
                  random.nextInt(20_000),
                  random.nextInt(300),
                  Map.of("games", (long) random.nextInt(100), "social", (long) random.nextInt(50)))
              .encode();
      case HEALTH ->
          new HealthPayload(
                  AT.plusSeconds(n),
                  "healthy",
                  List.of(),
                  random.nextInt(35),
                  Map.of("games", 3_600L, "adult", 7_200L, "gambling", 86_400L),
                  0)
              .encode();
      case ALERT ->
          new AlertPayload(
                  n,
                  "safeguarding-category",
                  "high",
                  device,
                  "self-harm",
                  "site-" + n + ".example",
                  device + " asked for site-" + n + ".example (self-harm), blocked",
                  AT.plusSeconds(n),
                  stamp,
                  null)
              .encode();
      case DEVICE_CHANGE ->
          new DeviceChangePayload(
                  "02:00:00:00:%02x:%02x".formatted((n >> 8) & 0xff, n & 0xff),
                  "Oak iPad " + n,
                  "school-shared",
                  "approved",
                  "approved",
                  null,
                  AT.plusSeconds(n),
                  stamp)
              .encode();
      case CHANGE_LOG ->
          new ChangeLogPayload(
                  n,
                  AT.plusSeconds(n),
                  "t.jones",
                  "allowance.create",
                  "site-" + n + ".example",
                  "Year 6 PSHE lesson",
                  AT.plusSeconds(n + 2_700),
                  device + device,
                  device + device,
                  null,
                  "allowance " + n + ": site-" + n + ".example for profile pupil",
                  "Year 6 PSHE lesson",
                  "oso.khan",
                  false)
              .encode();
      case INCIDENT -> incident(n, device, stamp);
    };
  }

  private static byte[] incident(int n, String device, Stamp stamp) {
    List<IncidentPayload.SnapshotItem> snapshot = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      snapshot.add(
          new IncidentPayload.SnapshotItem(
              AT.plusMillis(i * 3_000L),
              device,
              "www.site-" + i + ".example.co.uk",
              i % 10 == 0 ? "BLOCKED" : "ALLOWED",
              i % 10 == 0 ? "games" : ""));
    }
    return new IncidentPayload(
            n,
            "button",
            "new",
            "Year 5 Oak",
            1,
            AT,
            null,
            AT,
            stamp,
            "Report button pressed",
            null,
            List.of(),
            null,
            snapshot,
            0,
            0)
        .encode();
  }

  /** Reads every batch from the start and seals it; returns the records sealed. */
  private static long sealAll(SqliteOutbox outbox, EnvelopeSealer sealer, int batch)
      throws Exception {
    long after = 0;
    long sealed = 0;
    while (true) {
      List<SyncRecord> records = outbox.nextBatch(after, batch, 4 << 20);
      if (records.isEmpty()) {
        return sealed;
      }
      sealer.seal(records);
      sealed += records.size();
      after = records.get(records.size() - 1).sequence();
    }
  }

  private static EnvelopeSealer sealer() throws Exception {
    SecureRandom random = new SecureRandom();
    SyncKeys box = SyncKeys.generate(random);
    SyncKeys hub = SyncKeys.generate(random);
    return new EnvelopeSealer(box, hub.publicKeys(), random);
  }

  private static void seal(int batch, int rounds, Path dataDir) throws Exception {
    EnvelopeSealer sealer = sealer();
    try (Database database = Database.open(dataDir)) {
      SqliteOutbox outbox = outbox(database);
      for (int round = 1; round <= rounds; round++) {
        long start = System.nanoTime();
        long sealed = sealAll(outbox, sealer, batch);
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("round=%d sealed=%d seal_rps=%.0f%n", round, sealed, sealed / seconds);
      }
    }
  }

  private static void loop(int seconds, int batch, Path dataDir) throws Exception {
    EnvelopeSealer sealer = sealer();
    long deadline = System.nanoTime() + seconds * 1_000_000_000L;
    long start = System.nanoTime();
    java.util.concurrent.atomic.AtomicLong total = new java.util.concurrent.atomic.AtomicLong();
    // Stopped by the script when its DNS run ends: say how much was sealed meanwhile.
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () ->
                    System.out.printf(
                        "loop_sealed=%d loop_rps=%.0f%n",
                        total.get(), total.get() / ((System.nanoTime() - start) / 1e9))));
    long sealed = 0;
    try (Database database = Database.open(dataDir)) {
      SqliteOutbox outbox = outbox(database);
      long after = 0;
      while (System.nanoTime() < deadline) {
        List<SyncRecord> records = outbox.nextBatch(after, batch, 4 << 20);
        if (records.isEmpty()) {
          after = 0;
          continue;
        }
        sealer.seal(records);
        if (sealed == 0) {
          // The script starts its DNS run once the loop is really sealing (JVM start, warm-up).
          System.out.println("loop_started");
          System.out.flush();
        }
        sealed += records.size();
        total.set(sealed);
        after = records.get(records.size() - 1).sequence();
      }
    }
  }
}
