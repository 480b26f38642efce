package org.classgate.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.classgate.sync.PartyKeys;
import org.classgate.sync.RecordKind;
import org.classgate.sync.SyncRecord;
import org.classgate.sync.crypto.SyncKeys;
import org.classgate.sync.envelope.EnvelopeSealer;
import org.classgate.sync.transport.BoxKeyRotation;
import org.classgate.sync.transport.HubRefused;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Key rotation on both sides, end to end, with the sender running: nothing queued is lost, the
 * sequence state is kept, and the old keys stop working (the hub's after its grace period).
 */
class KeyRotationIT {
  private static final SecureRandom RANDOM = new SecureRandom();

  @TempDir Path hubDir;
  @TempDir Path boxDir;

  private static BoxFixture enrolledBox(HubFixture hub, Path dir) throws Exception {
    BoxFixture box =
        new BoxFixture(
            dir, hub.url(), hub.pin(), BoxFixture.fastSettings(25), Duration.ofSeconds(5));
    box.sender.start();
    UUID id = box.keys().id();
    Eventually.await(
        "the enrolment request", Duration.ofSeconds(20), () -> hub.hub.store().box(id).isPresent());
    hub.approve(box.keys().publicKeys().enrolmentCode());
    return box;
  }

  @Test
  void theBoxRotatesItsKeysWithoutLosingAnythingQueued() throws Exception {
    try (HubFixture hub = new HubFixture(hubDir);
        BoxFixture box = enrolledBox(hub, boxDir)) {
      box.append(60);
      Eventually.await("the first drain", Duration.ofSeconds(20), () -> box.acknowledged() == 60);
      SyncKeys old = box.keys();
      box.append(40);

      SyncKeys rotated = BoxKeyRotation.rotate(boxDir, box.client, RANDOM);
      assertEquals(old.id(), rotated.id(), "the box keeps its id");
      assertNotEquals(old.publicKeys(), rotated.publicKeys());
      assertEquals(rotated.publicKeys(), hub.hub.store().box(old.id()).orElseThrow().keys());
      assertTrue(
          Files.notExists(boxDir.resolve(BoxKeyRotation.NEXT_DIR).resolve("sync-keys.properties")));

      box.append(50);
      Eventually.await(
          "the drain after rotation", Duration.ofSeconds(20), () -> box.acknowledged() == 150);
      assertEquals(box.appended(), hub.hub.store().records(old.id(), 1, 1000));
      assertEquals(
          rotated.publicKeys(), box.keys().publicKeys(), "the sender re-read the key file");

      // The old key is refused now...
      byte[] byOldKey =
          new EnvelopeSealer(old, hub.hub.keys().keys().current().publicKeys(), RANDOM)
              .seal(
                  List.of(
                      SyncRecord.of(151, RecordKind.ALERT, "{}".getBytes(StandardCharsets.UTF_8))));
      assertEquals("wrong-signer", box.client.deliver(byOldKey).error());
      // ...but a rotation repeated after a lost answer (signed by the replaced key) is accepted,
      // while a rotation to other keys signed by the old key is not.
      box.client.rotateKeys(old, rotated.publicKeys());
      HubRefused refused =
          assertThrows(
              HubRefused.class,
              () -> box.client.rotateKeys(old, SyncKeys.generate(RANDOM).publicKeys()));
      assertEquals(403, refused.status());
      PartyKeys otherBox = SyncKeys.generate(RANDOM).publicKeys();
      assertEquals(
          "unknown-box",
          assertThrows(HubRefused.class, () -> box.client.rotateKeys(rotated, otherBox)).error());
      assertEquals(rotated.publicKeys(), hub.hub.store().box(old.id()).orElseThrow().keys());
    }
  }

  @Test
  void theHubRotatesItsKeysAndBoxesFollowWithoutLoss() throws Exception {
    try (HubFixture hub = new HubFixture(hubDir, java.util.Map.of("keys.grace", "1h"));
        BoxFixture box = enrolledBox(hub, boxDir)) {
      box.append(30);
      Eventually.await("the first drain", Duration.ofSeconds(20), () -> box.acknowledged() == 30);
      PartyKeys oldHub = hub.hub.keys().keys().current().publicKeys();

      // A second box, driven by hand, sealed an envelope to the old key just before the rotation.
      SyncKeys other = SyncKeys.generate(RANDOM);
      hub.hub.enrolments().request(other.publicKeys(), other.publicKeys().enrolmentCode(), "R2");
      hub.approve(other.publicKeys().enrolmentCode());
      EnvelopeSealer toOldKey = new EnvelopeSealer(other, oldHub, RANDOM);
      byte[] sealedBefore = toOldKey.seal(records(1, 3));

      HubKeyRing.rotate(hubDir, RANDOM, hub.clock.instant());
      PartyKeys newHub = hub.hub.keys().keys().current().publicKeys();
      assertEquals(oldHub.id(), newHub.id(), "the hub keeps its id");
      assertNotEquals(oldHub, newHub);

      assertEquals(200, box.client.deliver(sealedBefore).status(), "accepted within the grace");
      hub.clock.advance(Duration.ofHours(1).plusSeconds(1));
      assertEquals(
          "wrong-recipient",
          box.client.deliver(toOldKey.seal(records(4, 2))).error(),
          "refused after the grace");
      assertEquals(3, hub.recordCount(other.id()));

      // The running box still has the old hub key: it is refused, re-fetches the key over the
      // pinned TLS connection, re-seals from its outbox and delivers everything.
      box.append(45);
      Eventually.await(
          "the drain after the hub's rotation",
          Duration.ofSeconds(20),
          () -> box.acknowledged() == 75);
      assertEquals(box.appended(), hub.hub.store().records(box.keys().id(), 1, 1000));
      assertEquals(newHub, box.enrolments.load().orElseThrow().hubKeys());
    }
  }

  private static List<SyncRecord> records(long first, int count) {
    List<SyncRecord> records = new java.util.ArrayList<>();
    for (int i = 0; i < count; i++) {
      records.add(
          SyncRecord.of(
              first + i,
              RecordKind.CHANGE_LOG,
              ("{\"index\":" + (first + i) + "}").getBytes(StandardCharsets.UTF_8)));
    }
    return records;
  }
}
