package org.classgate.hub.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.classgate.hub.HubDatabases;
import org.classgate.hub.HubStore;
import org.classgate.hub.StoreKind;
import org.classgate.sync.SyncRecord;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Two senders deliver envelopes of the same box at once, overlapping and out of order (a box's
 * retry racing its first attempt, or a duplicating proxy): every record is stored exactly once, the
 * acknowledgement each sender sees never goes backwards, and it ends at the last sequence. On
 * PostgreSQL the envelopes really run in parallel on the store's pool; without the lock on the box
 * row they fail on the primary key or acknowledge from a stale view.
 */
class ConcurrentEnvelopesIT {
  @RegisterExtension static final HubDatabases DATABASES = new HubDatabases();

  private static final int RECORDS = 3000;
  private static final int PER_ENVELOPE = 25;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void twoSendersOfOneBoxStoreEveryRecordExactlyOnce(StoreKind kind) throws Exception {
    try (JdbcHubStore store = JdbcHubStore.open(DATABASES.database(kind, dir))) {
      UUID box = JdbcHubStoreIT.approvedBox(store).id();
      List<long[]> envelopes = new ArrayList<>();
      for (long first = 1; first <= RECORDS; first += PER_ENVELOPE) {
        envelopes.add(new long[] {first, first + PER_ENVELOPE - 1});
      }
      // Sender A in order; sender B everything again, shifted by half an envelope (every envelope
      // overlaps two of A's) and shuffled.
      List<long[]> shifted = new ArrayList<>();
      for (long[] range : envelopes) {
        shifted.add(
            new long[] {
              Math.max(1, range[0] - PER_ENVELOPE / 2),
              Math.min(RECORDS, range[1] + PER_ENVELOPE / 2)
            });
      }
      Collections.shuffle(shifted, new Random(7));

      ExecutorService senders = Executors.newFixedThreadPool(2);
      CountDownLatch go = new CountDownLatch(1);
      try {
        Future<int[]> a = senders.submit(() -> deliver(store, box, envelopes, go));
        Future<int[]> b = senders.submit(() -> deliver(store, box, shifted, go));
        go.countDown();
        int[] fromA = a.get(120, TimeUnit.SECONDS);
        int[] fromB = b.get(120, TimeUnit.SECONDS);
        assertEquals(RECORDS, fromA[0] + fromB[0], "new records counted once across both senders");
        assertTrue(fromA[0] > 0 && fromB[0] > 0, "both stored some: they really raced");
      } finally {
        senders.shutdownNow();
      }
      assertEquals(RECORDS, store.recordCount(box));
      assertEquals(JdbcHubStoreIT.records(1, RECORDS), store.records(box, 1, RECORDS + 10));
      assertEquals(RECORDS, store.box(box).orElseThrow().acknowledged());
    }
  }

  /** Delivers {@code ranges} in order; returns {new records, last acknowledgement}. */
  private static int[] deliver(HubStore store, UUID box, List<long[]> ranges, CountDownLatch go)
      throws Exception {
    go.await();
    int fresh = 0;
    long acknowledged = 0;
    for (long[] range : ranges) {
      List<SyncRecord> records = JdbcHubStoreIT.records(range[0], range[1]);
      HubStore.Stored stored =
          store.storeEnvelope(
              box,
              new byte[32],
              ("envelope " + range[0]).getBytes(StandardCharsets.UTF_8),
              records,
              Instant.parse("2025-03-03T10:00:00Z"));
      assertTrue(
          stored.acknowledged() >= acknowledged,
          "the acknowledgement went back from " + acknowledged + " to " + stored.acknowledged());
      acknowledged = stored.acknowledged();
      fresh += stored.newRecords();
    }
    return new int[] {fresh, (int) acknowledged};
  }
}
