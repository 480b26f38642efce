package org.classgate.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.classgate.sync.Enrolment;
import org.classgate.sync.EnrolmentStatus;
import org.classgate.sync.SyncRecord;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A real hub over HTTPS on loopback and a real box-side sender draining a real SQLite outbox:
 * enrolment, approval and delivery, end to end.
 */
class HubSyncIT {
  @RegisterExtension static final HubDatabases DATABASES = new HubDatabases();

  @TempDir Path hubDir;
  @TempDir Path boxDir;

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void enrolsOnApprovalThenDeliversEveryRecordOnce(StoreKind kind) throws Exception {
    try (HubFixture hub = new HubFixture(hubDir, DATABASES.config(kind));
        BoxFixture box =
            new BoxFixture(
                boxDir, hub.url(), hub.pin(), BoxFixture.fastSettings(64), Duration.ofSeconds(5))) {
      box.append(300);
      box.sender.start();
      UUID id = box.keys().id();
      Eventually.await(
          "the enrolment request",
          Duration.ofSeconds(20),
          () -> hub.hub.store().box(id).isPresent());
      BoxEntry pending = hub.hub.store().box(id).orElseThrow();
      assertEquals(BoxStatus.PENDING, pending.status());
      assertEquals("Year 5 Oak", pending.classroom());
      assertEquals(box.keys().publicKeys(), pending.keys(), "the hub pins the box's own keys");
      assertEquals(0, hub.recordCount(id), "nothing is accepted before approval");

      hub.approve(box.keys().publicKeys().enrolmentCode().toLowerCase().replace("-", " "));
      Eventually.await("the drain", Duration.ofSeconds(30), () -> box.acknowledged() == 300);
      box.append(200);
      Eventually.await("the second drain", Duration.ofSeconds(30), () -> box.acknowledged() == 500);

      assertEquals(box.appended(), hub.hub.store().records(id, 1, 10_000));
      assertEquals(500, hub.hub.store().box(id).orElseThrow().acknowledged());
      Enrolment saved = box.enrolments.load().orElseThrow();
      assertEquals(EnrolmentStatus.APPROVED, saved.status());
      assertEquals(
          hub.hub.keys().keys().current().publicKeys(),
          saved.hubKeys(),
          "the box pinned the hub's keys fetched over the pinned TLS connection");
      assertEquals(0, box.outbox.status().queuedRecords(), "the box pruned what the hub holds");
      assertTrue(box.sender.problems().isEmpty(), box.sender.problems().toString());
      EnvelopeAudit.Report audit =
          EnvelopeAudit.audit(hub.hub.store(), id, hub.hub.keys().keys(), hub.config.limits());
      assertTrue(audit.problems().isEmpty(), audit.problems().toString());
      assertTrue(audit.envelopes() >= 500 / 64, "envelopes kept as evidence: " + audit);
    }
  }

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void aRemovedBoxIsRefusedAndKnowsIt(StoreKind kind) throws Exception {
    try (HubFixture hub = new HubFixture(hubDir, DATABASES.config(kind));
        BoxFixture box =
            new BoxFixture(
                boxDir, hub.url(), hub.pin(), BoxFixture.fastSettings(16), Duration.ofSeconds(5))) {
      box.sender.start();
      UUID id = box.keys().id();
      Eventually.await(
          "the request", Duration.ofSeconds(20), () -> hub.hub.store().box(id).isPresent());
      hub.approve(box.keys().publicKeys().enrolmentCode());
      box.append(10);
      Eventually.await("the drain", Duration.ofSeconds(20), () -> box.acknowledged() == 10);

      assertTrue(hub.hub.enrolments().remove(id));
      box.append(5);
      Eventually.await(
          "the box to learn it was removed",
          Duration.ofSeconds(20),
          () -> box.sender.status().enrolment() == EnrolmentStatus.REMOVED);
      assertEquals(10, hub.recordCount(id), "nothing from a removed box is stored");
      assertTrue(
          hub.refusals().stream().anyMatch(r -> r.reason().equals("removed") && id.equals(r.box())),
          hub.refusals().toString());
      assertFalse(box.sender.problems().isEmpty(), "removal is a health problem on the box");
      List<SyncRecord> held = hub.hub.store().records(id, 1, 100);
      assertEquals(box.appended().subList(0, 10), held);
    }
  }
}
