package org.classgate.hub.store;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.classgate.hub.BoxStatus;
import org.classgate.hub.HubConfig;
import org.classgate.hub.HubDatabase;
import org.classgate.hub.PostgresServer;
import org.classgate.sync.PartyKeys;
import org.classgate.sync.RecordKind;
import org.classgate.sync.SyncRecord;

/**
 * Records/s {@link JdbcHubStore#storeEnvelope} stores on SQLite (a file in DIR) and on a real,
 * durable (fsync on) PostgreSQL server started for the run: BOXES boxes delivering at once, each
 * RECORDS/BOXES activity summaries in envelopes of BATCH, each envelope's bytes kept as evidence.
 * Run by {@code scripts/bench/bench-hub-store}; prints {@code kind=... boxes=... rps=...} lines.
 */
public final class HubStoreBenchmark {
  private HubStoreBenchmark() {}

  public static void main(String[] args) throws Exception {
    int records = Integer.parseInt(args[0]);
    int batch = Integer.parseInt(args[1]);
    int boxes = Integer.parseInt(args[2]);
    Path dir = Path.of(args[3]);
    Map<String, String> sqlite = new HashMap<>(Map.of("data.dir", dir.toString()));
    run("sqlite", HubConfig.from(sqlite).database(), records, batch, boxes);
    try (PostgresServer server = PostgresServer.start(true)) {
      Map<String, String> postgresql = new HashMap<>(server.newDatabase());
      postgresql.put("data.dir", dir.toString());
      postgresql.put("database.pool-size", Integer.toString(Math.max(1, boxes)));
      run("postgresql", HubConfig.from(postgresql).database(), records, batch, boxes);
    }
  }

  private static void run(String kind, HubDatabase database, int records, int batch, int boxes)
      throws Exception {
    SecureRandom random = new SecureRandom();
    try (JdbcHubStore store = JdbcHubStore.open(database)) {
      List<UUID> ids = new ArrayList<>();
      for (int i = 0; i < boxes; i++) {
        byte[] signing = new byte[32];
        byte[] agreement = new byte[32];
        random.nextBytes(signing);
        random.nextBytes(agreement);
        PartyKeys keys = new PartyKeys(UUID.randomUUID(), signing, agreement);
        Instant at = Instant.parse("2025-03-03T09:00:00Z");
        store.requestEnrolment(keys, "Room " + i, at);
        store.changeStatus(keys.id(), BoxStatus.PENDING, BoxStatus.APPROVED, at);
        ids.add(keys.id());
      }
      int perBox = records / boxes;
      ExecutorService senders = Executors.newFixedThreadPool(boxes);
      long start = System.nanoTime();
      List<Future<Long>> done = new ArrayList<>();
      for (UUID id : ids) {
        done.add(senders.submit(() -> deliver(store, id, perBox, batch, random)));
      }
      long stored = 0;
      for (Future<Long> future : done) {
        stored += future.get();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      senders.shutdown();
      long held = 0;
      for (UUID id : ids) {
        held += store.recordCount(id);
      }
      System.out.printf(
          "kind=%s boxes=%d records=%d batch=%d seconds=%.2f rps=%.0f held=%d%n",
          kind, boxes, stored, batch, seconds, stored / seconds, held);
    }
  }

  private static long deliver(
      JdbcHubStore store, UUID box, int count, int batch, SecureRandom random) throws Exception {
    long stored = 0;
    for (long first = 1; first <= count; first += batch) {
      List<SyncRecord> records = new ArrayList<>();
      int size = 0;
      for (long sequence = first; sequence < first + batch && sequence <= count; sequence++) {
        byte[] payload =
            ("{\"v\":1,\"kind\":\"activity\",\"device\":\"p-"
                    + Long.toHexString(random.nextLong())
                    + "\",\"hour\":\"2025-03-03T09\",\"allowed\":412,\"blocked\":3,\"seq\":"
                    + sequence
                    + "}")
                .getBytes(StandardCharsets.UTF_8);
        size += payload.length + 64;
        records.add(SyncRecord.of(sequence, RecordKind.ACTIVITY_SUMMARY, payload));
      }
      byte[] envelope = new byte[size];
      random.nextBytes(envelope);
      stored +=
          store
              .storeEnvelope(
                  box, new byte[32], envelope, records, Instant.parse("2025-03-03T10:00:00Z"))
              .newRecords();
    }
    return stored;
  }
}
