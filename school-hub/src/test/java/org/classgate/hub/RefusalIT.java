package org.classgate.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.classgate.sync.RecordKind;
import org.classgate.sync.SyncRecord;
import org.classgate.sync.crypto.SyncKeys;
import org.classgate.sync.envelope.EnvelopeSealer;
import org.classgate.sync.transport.Delivery;
import org.classgate.sync.transport.HubClient;
import org.classgate.tls.CertificatePin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Everything the hub must refuse, each over real HTTPS with a logged reason and nothing stored:
 * tampering with any byte in flight, replays, unknown and removed boxes, a wrong signing key, a
 * wrong recipient key, oversized envelopes; and tampering with what is stored, found by the audit.
 * Every test runs on SQLite and on PostgreSQL.
 */
class RefusalIT {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path hubDir;
  private HubFixture hub;
  private HubClient client;
  private SyncKeys box;

  @RegisterExtension static final HubDatabases DATABASES = new HubDatabases();

  /** Starts the hub on {@code kind}, first in every test (each runs against both stores). */
  private void start(StoreKind kind) throws Exception {
    Map<String, String> config = new HashMap<>(DATABASES.config(kind));
    config.put("envelope.max-bytes", "65536");
    config.put("envelope.max-records", "500");
    hub = new HubFixture(hubDir, config);
    client =
        new HubClient(
            hub.url(),
            CertificatePin.parse(hub.pin()),
            Duration.ofSeconds(2),
            Duration.ofSeconds(5));
    box = enrol();
  }

  @AfterEach
  void stop() {
    if (hub != null) {
      hub.close();
    }
  }

  private SyncKeys enrol() throws Exception {
    SyncKeys keys = SyncKeys.generate(RANDOM);
    hub.hub.enrolments().request(keys.publicKeys(), keys.publicKeys().enrolmentCode(), "Room 4");
    hub.approve(keys.publicKeys().enrolmentCode());
    return keys;
  }

  private EnvelopeSealer sealer(SyncKeys from) {
    return new EnvelopeSealer(from, hub.hub.keys().keys().current().publicKeys(), RANDOM);
  }

  private static List<SyncRecord> records(long first, int count) {
    List<SyncRecord> records = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(
          SyncRecord.of(
              first + i,
              RecordKind.ALERT,
              ("{\"v\":1,\"id\":" + (first + i) + "}").getBytes(StandardCharsets.UTF_8)));
    }
    return records;
  }

  private Refusal lastRefusal() {
    List<Refusal> all = hub.refusals();
    return all.get(all.size() - 1);
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void everyTamperedByteInFlightIsRefusedAndNothingIsStored(StoreKind kind) throws Exception {
    start(kind);
    byte[] envelope = sealer(box).seal(records(1, 3));
    long refusalsBefore = hub.hub.refusals().total();
    for (int i = 0; i < envelope.length; i++) {
      byte[] tampered = envelope.clone();
      tampered[i] ^= (byte) (1 << (i % 8));
      Delivery delivery = client.deliver(tampered);
      assertTrue(
          Set.of(400, 403, 413).contains(delivery.status()),
          "byte " + i + " tampered: HTTP " + delivery.status() + " " + delivery.error());
      assertEquals(refusalsBefore + i + 1, hub.hub.refusals().total(), "each one logged");
    }
    assertEquals(0, hub.recordCount(box.id()), "nothing tampered is stored");
    assertEquals(0, hub.hub.store().envelopes(box.id(), 0, 10).size());
    // Truncation and extension are tampering too.
    assertEquals(400, client.deliver(Arrays.copyOf(envelope, envelope.length - 1)).status());
    assertEquals("truncated", lastRefusal().reason());
    assertEquals(400, client.deliver(Arrays.copyOf(envelope, envelope.length + 1)).status());
    assertEquals("malformed", lastRefusal().reason());

    Delivery original = client.deliver(envelope);
    assertEquals(200, original.status(), "the untouched envelope still goes through");
    assertEquals(3, original.acknowledged());
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void replaysAreRefusedWithTheAcknowledgement(StoreKind kind) throws Exception {
    start(kind);
    byte[] first = sealer(box).seal(records(1, 5));
    assertEquals(new Delivery(200, 5, null), client.deliver(first));
    Delivery again = client.deliver(first);
    assertEquals(409, again.status());
    assertEquals("replayed", again.error());
    assertEquals(5, again.acknowledged(), "a replay answers like an acknowledgement");
    // Re-sealed (a new envelope) but every record already held: refused as a replay too.
    assertEquals(409, client.deliver(sealer(box).seal(records(2, 3))).status());
    // Overlapping: only the new ones are stored.
    assertEquals(new Delivery(200, 8, null), client.deliver(sealer(box).seal(records(4, 5))));
    assertEquals(8, hub.recordCount(box.id()));
    assertEquals(2, hub.hub.store().envelopes(box.id(), 0, 10).size(), "replays keep nothing");
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void aGapWaitsForItsRecordsBeforeTheAcknowledgementMoves(StoreKind kind) throws Exception {
    start(kind);
    assertEquals(new Delivery(200, 0, null), client.deliver(sealer(box).seal(records(4, 3))));
    assertEquals(new Delivery(200, 2, null), client.deliver(sealer(box).seal(records(1, 2))));
    assertEquals(new Delivery(200, 6, null), client.deliver(sealer(box).seal(records(3, 1))));
    assertEquals(409, client.deliver(sealer(box).seal(records(5, 2))).status());
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void unknownRemovedAndWronglyKeyedBoxesAreRefused(StoreKind kind) throws Exception {
    start(kind);
    SyncKeys stranger = SyncKeys.generate(RANDOM);
    Delivery unknown = client.deliver(sealer(stranger).seal(records(1, 1)));
    assertEquals(403, unknown.status());
    assertEquals("unknown-box", unknown.error());
    assertEquals(stranger.id(), lastRefusal().box(), "the refusal names the box");

    // The enrolled box's id, someone else's key.
    SyncKeys impostor =
        new SyncKeys(box.id(), SyncKeys.generate(RANDOM).signing(), box.agreement());
    Delivery wrongSigner = client.deliver(sealer(impostor).seal(records(1, 1)));
    assertEquals(403, wrongSigner.status());
    assertEquals("wrong-signer", wrongSigner.error());

    // Sealed to a key that is not the hub's.
    EnvelopeSealer toOther =
        new EnvelopeSealer(box, SyncKeys.generate(RANDOM).publicKeys(), RANDOM);
    Delivery wrongRecipient = client.deliver(toOther.seal(records(1, 1)));
    assertEquals(403, wrongRecipient.status());
    assertEquals("wrong-recipient", wrongRecipient.error());

    SyncKeys pending = SyncKeys.generate(RANDOM);
    hub.hub.enrolments().request(pending.publicKeys(), pending.publicKeys().enrolmentCode(), "R5");
    assertEquals(403, client.deliver(sealer(pending).seal(records(1, 1))).status());

    assertTrue(hub.hub.enrolments().remove(box.id()));
    Delivery removed = client.deliver(sealer(box).seal(records(1, 1)));
    assertEquals(403, removed.status());
    assertEquals("removed", removed.error());
    assertEquals("removed", lastRefusal().reason());
    for (UUID id : List.of(box.id(), stranger.id(), pending.id())) {
      assertEquals(0, hub.recordCount(id));
    }
    // A removed box stays removed, even if it asks again.
    assertEquals(
        "removed",
        hub.hub
            .enrolments()
            .request(box.publicKeys(), box.publicKeys().enrolmentCode(), "Room 4")
            .refusal()
            .reason());
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void oversizedEnvelopesAreRefusedBeforeAnyCryptography(StoreKind kind) throws Exception {
    start(kind);
    Delivery tooManyRecords = client.deliver(sealer(box).seal(records(1, 501)));
    assertEquals(413, tooManyRecords.status());
    List<SyncRecord> big = List.of(SyncRecord.of(1, RecordKind.INCIDENT, new byte[70_000]));
    Delivery tooBig = client.deliver(sealer(box).seal(big));
    assertEquals(413, tooBig.status());
    assertEquals("oversized", lastRefusal().reason());
    assertEquals(box.id(), lastRefusal().box());
    assertEquals(0, hub.recordCount(box.id()));
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void tamperingWithWhatIsStoredIsFoundByTheAudit(StoreKind kind) throws Exception {
    start(kind);
    assertEquals(200, client.deliver(sealer(box).seal(records(1, 4))).status());
    assertEquals(200, client.deliver(sealer(box).seal(records(5, 4))).status());
    EnvelopeAudit.Report clean = audit();
    assertEquals(2, clean.envelopes());
    assertEquals(2, clean.decrypted());
    assertTrue(clean.problems().isEmpty(), clean.problems().toString());

    byte[] stored = hub.hub.store().envelopes(box.id(), 0, 1).get(0).bytes();
    for (int i : new int[] {0, 30, 60, 120, stored.length - 70, stored.length - 1}) {
      byte[] tampered = stored.clone();
      tampered[i] ^= 0x01;
      update("UPDATE envelope SET bytes = ? WHERE id = (SELECT min(id) FROM envelope)", tampered);
      EnvelopeAudit.Report report = audit();
      assertEquals(1, report.problems().size(), "byte " + i + ": " + report.problems());
    }
    update("UPDATE envelope SET bytes = ? WHERE id = (SELECT min(id) FROM envelope)", stored);
    assertTrue(audit().problems().isEmpty());

    update(
        "UPDATE record SET payload = ? WHERE seq = 6",
        "{\"v\":1,\"id\":666}".getBytes(StandardCharsets.UTF_8));
    List<String> problems = audit().problems();
    assertEquals(1, problems.size(), problems.toString());
    assertTrue(problems.get(0).contains("record 6"), problems.get(0));
  }

  private EnvelopeAudit.Report audit() throws Exception {
    return EnvelopeAudit.audit(
        hub.hub.store(), box.id(), hub.hub.keys().keys(), hub.config.limits());
  }

  /** Changes the hub's database behind its back, as an attacker with the file would. */
  private void update(String sql, byte[] value) throws Exception {
    try (Connection connection = hub.directConnection();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setBytes(1, value);
      assertEquals(1, statement.executeUpdate());
    }
  }
}
