package org.classgate.hub.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.classgate.hub.BoxEntry;
import org.classgate.hub.BoxStatus;
import org.classgate.hub.HubDatabase;
import org.classgate.hub.HubDatabases;
import org.classgate.hub.HubStore;
import org.classgate.hub.StoreKind;
import org.classgate.store.StoreException;
import org.classgate.sync.PartyKeys;
import org.classgate.sync.RecordKind;
import org.classgate.sync.SyncRecord;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** {@link JdbcHubStore}'s contract, the same assertions on SQLite and on a real PostgreSQL. */
class JdbcHubStoreIT {
  @RegisterExtension static final HubDatabases DATABASES = new HubDatabases();
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Instant T0 = Instant.parse("2025-03-03T09:00:00Z");

  @TempDir Path dir;

  static PartyKeys keys(UUID id) {
    byte[] signing = new byte[32];
    byte[] agreement = new byte[32];
    RANDOM.nextBytes(signing);
    RANDOM.nextBytes(agreement);
    return new PartyKeys(id, signing, agreement);
  }

  static List<SyncRecord> records(long first, long last) {
    List<SyncRecord> records = new ArrayList<>();
    for (long sequence = first; sequence <= last; sequence++) {
      records.add(
          SyncRecord.of(
              sequence,
              RecordKind.ALERT,
              ("{\"v\":1,\"seq\":" + sequence + "}").getBytes(StandardCharsets.UTF_8)));
    }
    return records;
  }

  /** An approved box in {@code store}. */
  static PartyKeys approvedBox(HubStore store) throws StoreException {
    PartyKeys keys = keys(UUID.randomUUID());
    store.requestEnrolment(keys, "Room 1", T0);
    assertTrue(store.changeStatus(keys.id(), BoxStatus.PENDING, BoxStatus.APPROVED, T0));
    return keys;
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void enrolmentsKeepTheirOrderAndOnlyPendingBoxesChangeKeys(StoreKind kind) throws Exception {
    try (JdbcHubStore store = JdbcHubStore.open(DATABASES.database(kind, dir))) {
      PartyKeys first = keys(UUID.randomUUID());
      PartyKeys second = keys(UUID.randomUUID());
      BoxEntry pending = store.requestEnrolment(first, "Year 5 Oak", T0);
      assertEquals(BoxStatus.PENDING, pending.status());
      assertEquals(first, pending.keys());
      assertNull(pending.lastContact());
      store.requestEnrolment(second, "Year 6 Ash", T0.plusSeconds(1));
      assertEquals(2, store.pendingCount());

      PartyKeys lostKeys = keys(first.id());
      BoxEntry replaced = store.requestEnrolment(lostKeys, "Year 5 Oak (again)", T0.plusSeconds(2));
      assertEquals(lostKeys, replaced.keys(), "a pending box that asks again replaces its keys");
      assertEquals("Year 5 Oak (again)", replaced.classroom());

      assertTrue(store.changeStatus(first.id(), BoxStatus.PENDING, BoxStatus.APPROVED, T0));
      assertFalse(store.changeStatus(first.id(), BoxStatus.PENDING, BoxStatus.REMOVED, T0));
      BoxEntry approved = store.requestEnrolment(keys(first.id()), "intruder", T0.plusSeconds(3));
      assertEquals(lostKeys, approved.keys(), "an approved box's keys are never replaced this way");
      assertEquals(1, store.pendingCount());
      assertEquals(
          List.of(first.id(), second.id()),
          store.boxes().stream().map(b -> b.keys().id()).toList());

      PartyKeys rotated = keys(first.id());
      assertTrue(store.replaceKeys(rotated, T0.plusSeconds(4)));
      BoxEntry after = store.box(first.id()).orElseThrow();
      assertEquals(rotated, after.keys());
      assertArrayEquals(lostKeys.signingKey(), after.previousSigningKey());
      assertFalse(store.replaceKeys(keys(second.id()), T0), "only approved boxes rotate");
      assertTrue(store.box(UUID.randomUUID()).isEmpty());
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void envelopesStoreEachRecordOnceAndAcknowledgeTheContiguousRun(StoreKind kind) throws Exception {
    try (JdbcHubStore store = JdbcHubStore.open(DATABASES.database(kind, dir))) {
      UUID box = approvedBox(store).id();
      byte[] signer = new byte[32];
      RANDOM.nextBytes(signer);
      Instant at = T0.plusSeconds(60);

      assertEquals(
          new HubStore.Stored(3, 3), store.storeEnvelope(box, signer, env(1), records(1, 3), at));
      assertEquals(
          new HubStore.Stored(2, 3),
          store.storeEnvelope(box, signer, env(2), records(5, 6), at),
          "a gap holds the acknowledgement back");
      assertEquals(
          new HubStore.Stored(1, 6),
          store.storeEnvelope(box, signer, env(3), records(3, 5), at),
          "only record 4 was new; the gap is filled");
      assertEquals(
          new HubStore.Stored(0, 6),
          store.storeEnvelope(box, signer, env(4), records(1, 6), at),
          "a replay stores nothing");
      List<SyncRecord> tombstone = List.of(SyncRecord.tombstone(7, RecordKind.ALERT));
      assertEquals(
          new HubStore.Stored(1, 7), store.storeEnvelope(box, signer, env(5), tombstone, at));

      List<SyncRecord> expected = new ArrayList<>(records(1, 6));
      expected.addAll(tombstone);
      assertEquals(expected, store.records(box, 1, 100));
      assertEquals(records(2, 3), store.records(box, 2, 2));
      assertEquals(7, store.recordCount(box));
      BoxEntry entry = store.box(box).orElseThrow();
      assertEquals(7, entry.acknowledged());
      assertEquals(at, entry.lastContact());

      List<HubStore.StoredEnvelope> kept = store.envelopes(box, 0, 100);
      assertEquals(4, kept.size(), "the replay's envelope brought nothing and is not kept");
      assertArrayEquals(env(1), kept.get(0).bytes());
      assertArrayEquals(signer, kept.get(0).signerKey());
      assertEquals(at, kept.get(0).receivedAt());
      assertArrayEquals(env(5), kept.get(3).bytes());
      List<HubStore.StoredEnvelope> page = store.envelopes(box, kept.get(1).id(), 1);
      assertEquals(1, page.size());
      assertArrayEquals(env(3), page.get(0).bytes());
      assertThrows(
          StoreException.class,
          () -> store.storeEnvelope(UUID.randomUUID(), signer, env(6), records(1, 1), at),
          "a box the hub never saw has no row to store against");
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void reopeningKeepsEverythingAndANewerSchemaIsRefused(StoreKind kind) throws Exception {
    HubDatabase database = DATABASES.database(kind, dir);
    UUID box;
    try (JdbcHubStore store = JdbcHubStore.open(database)) {
      box = approvedBox(store).id();
      store.storeEnvelope(box, new byte[32], env(1), records(1, 10), T0);
    }
    try (JdbcHubStore store = JdbcHubStore.open(database)) {
      assertEquals(10, store.recordCount(box));
      assertEquals(10, store.box(box).orElseThrow().acknowledged());
    }
    try (Connection connection = direct(database);
        Statement statement = connection.createStatement()) {
      statement.execute(
          kind == StoreKind.SQLITE
              ? "PRAGMA user_version=99"
              : "UPDATE hub_schema_version SET version = 99");
    }
    StoreException refused = assertThrows(StoreException.class, () -> JdbcHubStore.open(database));
    assertTrue(refused.getMessage().contains("newer version"), refused.getMessage());
  }

  static Connection direct(HubDatabase database) throws Exception {
    if (database instanceof HubDatabase.Postgresql postgresql) {
      return DriverManager.getConnection(
          postgresql.jdbcUrl(),
          postgresql.user(),
          java.nio.file.Files.readAllLines(postgresql.passwordFile()).get(0));
    }
    return DriverManager.getConnection("jdbc:sqlite:" + ((HubDatabase.SqliteFile) database).file());
  }

  private static byte[] env(int n) {
    return ("envelope " + n).getBytes(StandardCharsets.UTF_8);
  }
}
