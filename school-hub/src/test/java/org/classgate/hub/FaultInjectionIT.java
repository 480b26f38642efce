package org.classgate.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.classgate.sync.SyncRecord;
import org.classgate.tls.CertificatePin;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The proof of issue 7's delivery guarantee: a real sender draining a real outbox to a real hub
 * through {@link FaultyProxy} (30% of requests dropped, answers lost, duplicates, reordering,
 * delays) while records keep being appended; after recovery the hub holds exactly the box's
 * records, none lost, none twice.
 */
class FaultInjectionIT {
  @RegisterExtension static final HubDatabases DATABASES = new HubDatabases();

  @TempDir Path hubDir;
  @TempDir Path boxDir;

  @ParameterizedTest
  @EnumSource(StoreKind.class)
  void afterRecoveryTheHubHoldsExactlyTheBoxsRecords(StoreKind kind) throws Exception {
    try (HubFixture hub = new HubFixture(hubDir, DATABASES.config(kind));
        FaultyProxy proxy =
            new FaultyProxy(hub.tlsIdentity(), hub.url(), CertificatePin.parse(hub.pin()));
        BoxFixture box =
            new BoxFixture(
                boxDir,
                proxy.url(),
                hub.pin(),
                BoxFixture.fastSettings(20),
                Duration.ofSeconds(5))) {
      box.sender.start();
      UUID id = box.keys().id();
      Eventually.await(
          "the enrolment request",
          Duration.ofSeconds(20),
          () -> hub.hub.store().box(id).isPresent());
      hub.approve(box.keys().publicKeys().enrolmentCode());

      proxy.faults(true);
      for (int round = 0; round < 20; round++) {
        box.append(100);
      }
      Eventually.await(
          "some delivery through the faults",
          Duration.ofSeconds(60),
          () ->
              box.acknowledged() >= 1000 && proxy.heldBack.get() > 3 && proxy.duplicated.get() > 3);
      proxy.faults(false);
      Eventually.await(
          "the drain after recovery", Duration.ofSeconds(60), () -> box.acknowledged() == 2000);
      proxy.drain();

      List<SyncRecord> held = hub.hub.store().records(id, 1, 10_000);
      assertEquals(2000, held.size(), "none lost, none twice: " + proxy);
      assertEquals(box.appended(), held, "exactly the box's records, in order");
      assertEquals(2000, hub.recordCount(id));
      assertEquals(2000, hub.hub.store().box(id).orElseThrow().acknowledged());
      assertTrue(proxy.dropped.get() >= 20 && proxy.answersLost.get() >= 5, proxy.toString());
      EnvelopeAudit.Report audit =
          EnvelopeAudit.audit(hub.hub.store(), id, hub.hub.keys().keys(), hub.config.limits());
      assertTrue(audit.problems().isEmpty(), audit.problems().toString());
    }
  }
}
