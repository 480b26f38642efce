package org.classgate.hub;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.classgate.store.Database;
import org.classgate.sync.OutboxLimits;
import org.classgate.sync.RecordKind;
import org.classgate.sync.SyncRecord;
import org.classgate.sync.crypto.KeyFile;
import org.classgate.sync.crypto.SyncKeys;
import org.classgate.sync.store.SqliteEnrolmentStore;
import org.classgate.sync.store.SqliteOutbox;
import org.classgate.sync.transport.HubClient;
import org.classgate.sync.transport.Pause;
import org.classgate.sync.transport.ReloadingKeys;
import org.classgate.sync.transport.SenderSettings;
import org.classgate.sync.transport.SyncSender;
import org.classgate.tls.CertificatePin;

/**
 * A classroom box's sync side, for real: its SQLite database in a temporary directory, the real
 * outbox, its key file, the HTTPS client and the sender. Records appended here are remembered, so
 * tests compare what the hub holds with what the box queued.
 */
final class BoxFixture implements AutoCloseable {
  final Path dataDir;
  final Database database;
  final SqliteOutbox outbox;
  final SqliteEnrolmentStore enrolments;
  final ReloadingKeys keys;
  final HubClient client;
  final SyncSender sender;
  private final List<SyncRecord> appended = new ArrayList<>();
  private final SplittableRandom payloads = new SplittableRandom(7);

  BoxFixture(Path dataDir, URI hubUrl, String pin, SenderSettings settings, Duration timeout)
      throws Exception {
    this(dataDir, hubUrl, pin, settings, timeout, "Year 5 Oak");
  }

  BoxFixture(
      Path dataDir,
      URI hubUrl,
      String pin,
      SenderSettings settings,
      Duration timeout,
      String classroom)
      throws Exception {
    this.dataDir = dataDir;
    this.database = Database.open(dataDir);
    this.outbox = new SqliteOutbox(database, OutboxLimits.DEFAULT);
    this.enrolments = new SqliteEnrolmentStore(database);
    this.keys = new ReloadingKeys(new KeyFile(dataDir), new SecureRandom());
    this.client = new HubClient(hubUrl, CertificatePin.parse(pin), Duration.ofSeconds(2), timeout);
    this.sender =
        new SyncSender(
            outbox,
            client,
            keys,
            enrolments,
            new SyncSender.Target(hubUrl.toString(), pin, classroom),
            settings,
            Clock.systemUTC(),
            System::nanoTime,
            Pause.monitor(),
            new SplittableRandom(11),
            new SecureRandom());
  }

  /** Quick back-off and polls, so tests finish fast on real time. */
  static SenderSettings fastSettings(int batchRecords) {
    return new SenderSettings(
        batchRecords,
        1 << 20,
        Duration.ofMillis(5),
        Duration.ofMillis(200),
        Duration.ofMillis(50),
        Duration.ofMillis(50),
        Duration.ofHours(1));
  }

  SyncKeys keys() {
    return keys.get();
  }

  /** Appends {@code count} records of assorted kinds in one transaction each, as producers do. */
  void append(int count) throws Exception {
    RecordKind[] kinds = RecordKind.values();
    for (int i = 0; i < count; i++) {
      RecordKind kind = kinds[payloads.nextInt(kinds.length)];
      byte[] payload =
          ("{\"v\":1,\"n\":"
                  + payloads.nextLong()
                  + ",\"pad\":\""
                  + "x".repeat(payloads.nextInt(200))
                  + "\"}")
              .getBytes(StandardCharsets.UTF_8);
      long sequence = database.transaction("append", c -> outbox.append(c, kind, payload));
      synchronized (appended) {
        appended.add(SyncRecord.of(sequence, kind, payload));
      }
    }
    sender.wake();
  }

  /** Appends one record of {@code kind} (a real payload's bytes) in its own transaction. */
  void append(RecordKind kind, byte[] payload) throws Exception {
    long sequence = database.transaction("append", c -> outbox.append(c, kind, payload));
    synchronized (appended) {
      appended.add(SyncRecord.of(sequence, kind, payload));
    }
    sender.wake();
  }

  List<SyncRecord> appended() {
    synchronized (appended) {
      return List.copyOf(appended);
    }
  }

  long acknowledged() throws Exception {
    return outbox.status().acknowledged();
  }

  @Override
  public void close() {
    sender.close();
    database.close();
  }
}
