package org.classgate.sync.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.classgate.store.Database;
import org.classgate.sync.EnrolmentStatus;
import org.classgate.sync.OutboxLimits;
import org.classgate.sync.PartyKeys;
import org.classgate.sync.RecordKind;
import org.classgate.sync.SyncRecord;
import org.classgate.sync.crypto.SyncKeys;
import org.classgate.sync.envelope.EnvelopeLimits;
import org.classgate.sync.envelope.EnvelopeOpener;
import org.classgate.sync.envelope.EnvelopeRejected;
import org.classgate.sync.envelope.ReceiverState;
import org.classgate.sync.store.SqliteEnrolmentStore;
import org.classgate.sync.store.SqliteOutbox;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The sender's decisions, round by round, on a stepped clock with no sleeping: a real SQLite outbox
 * and enrolment store, and a scripted hub that opens every envelope with the real opener.
 */
class SyncSenderTest {
  private static final SecureRandom RANDOM = new SecureRandom();
  private static final SenderSettings SETTINGS =
      new SenderSettings(
          10,
          1 << 20,
          Duration.ofSeconds(1),
          Duration.ofMinutes(5),
          Duration.ofSeconds(10),
          Duration.ofSeconds(30),
          Duration.ofHours(1));

  @TempDir Path dir;
  private Database database;
  private SqliteOutbox outbox;
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final SyncKeys box = SyncKeys.generate(RANDOM);
  private ScriptedHub hub;
  private SyncSender sender;

  @BeforeEach
  void open() throws Exception {
    database = Database.open(dir);
    outbox = new SqliteOutbox(database, OutboxLimits.DEFAULT);
    hub = new ScriptedHub(SyncKeys.generate(RANDOM));
    sender =
        new SyncSender(
            outbox,
            hub,
            () -> box,
            new SqliteEnrolmentStore(database),
            new SyncSender.Target("https://hub.test:8843", "sha256/pin", "Room 1"),
            SETTINGS,
            Clock.fixed(Instant.parse("2025-01-06T08:00:00Z"), ZoneOffset.UTC),
            nanos::get,
            new SteppedPause(nanos),
            new SplittableRandom(3),
            RANDOM);
  }

  @AfterEach
  void close() {
    database.close();
  }

  private void append(int count) throws Exception {
    for (int i = 0; i < count; i++) {
      byte[] payload = ("{\"v\":1,\"i\":" + i + "}").getBytes(StandardCharsets.UTF_8);
      database.transaction("append", c -> outbox.append(c, RecordKind.ALERT, payload));
    }
  }

  /** Runs one round and advances the stepped clock by the pause it asks for. */
  private long round() {
    long pause = sender.step();
    nanos.addAndGet(pause);
    return pause;
  }

  @Test
  void enrolsWaitsForApprovalThenDrainsAndPrunes() throws Exception {
    append(25);
    assertEquals(SETTINGS.enrolmentPoll().toNanos(), round(), "asked; pending");
    assertEquals(List.of("hub", "enrol"), hub.calls);
    assertEquals(SETTINGS.enrolmentPoll().toNanos(), round(), "still pending");
    hub.status = EnrolmentStatus.APPROVED;
    assertEquals(0, round(), "approved: send at once");
    assertEquals(0, round());
    assertEquals(0, round());
    assertEquals(0, round());
    assertEquals(SETTINGS.idlePoll().toNanos(), round(), "drained: idle");
    assertEquals(25, hub.received.size());
    assertEquals(25, outbox.status().acknowledged());
    assertEquals(0, outbox.status().queuedRecords());
    assertEquals(3, sender.status().envelopes());
  }

  @Test
  void failuresBackOffExponentiallyWithFullJitterUpToTheCap() throws Exception {
    approve();
    append(3);
    hub.failures = 40;
    Backoff ceilings =
        new Backoff(SETTINGS.backoffBase(), SETTINGS.backoffCap(), new SplittableRandom());
    long largest = 0;
    for (int failure = 1; failure <= 40; failure++) {
      long pause = round();
      assertTrue(pause >= 0 && pause <= ceilings.ceilingNanos(failure), failure + ": " + pause);
      assertTrue(pause <= SETTINGS.backoffCap().toNanos());
      largest = Math.max(largest, pause);
      assertEquals(failure, sender.status().failures());
    }
    assertTrue(largest > SETTINGS.backoffCap().toNanos() / 4, "the delays grew: " + largest);
    assertEquals(0, round(), "the hub is back");
    assertEquals(0, sender.status().failures());
    assertEquals(3, hub.received.size());
  }

  @Test
  void anUnreachableHubIsAHealthProblemAfterAnHourAndClearsOnContact() throws Exception {
    approve();
    append(1);
    hub.failures = Integer.MAX_VALUE;
    while (Duration.ofNanos(sender.status().sinceContactNanos()).compareTo(Duration.ofMinutes(59))
        < 0) {
      round();
    }
    assertTrue(sender.problems().isEmpty(), "not yet: " + sender.problems());
    nanos.addAndGet(Duration.ofMinutes(2).toNanos());
    assertEquals(1, sender.problems().size());
    assertTrue(sender.problems().get(0).contains("has not answered"), sender.problems().get(0));
    hub.failures = 0;
    round();
    assertTrue(sender.problems().isEmpty());
  }

  @Test
  void aRotatedHubKeyIsFetchedAndTheQueueResealed() throws Exception {
    approve();
    append(5);
    hub.rotate();
    assertEquals(0, round(), "refused as wrong-recipient: fetch the new key");
    assertEquals(0, round(), "re-sealed to the new key and delivered");
    assertEquals(5, hub.received.size());
    assertEquals(5, outbox.status().acknowledged());
  }

  @Test
  void anOversizedRefusalHalvesTheBatch() throws Exception {
    approve();
    append(10);
    hub.maxRecords = 3;
    round();
    round();
    round();
    round();
    while (outbox.status().queuedRecords() > 0) {
      round();
    }
    assertEquals(10, hub.received.size());
    assertTrue(
        hub.envelopeSizes.stream().skip(1).allMatch(size -> size <= 3),
        hub.envelopeSizes.toString());
  }

  private void approve() {
    hub.status = EnrolmentStatus.APPROVED;
    round();
    assertEquals(EnrolmentStatus.APPROVED, sender.status().enrolment());
  }

  /** A pause that never sleeps: the test advances the clock itself. */
  private record SteppedPause(AtomicLong nanos) implements Pause {
    @Override
    public void await(long wait) {}

    @Override
    public void wake() {}
  }

  /** The hub's answers, scripted; envelopes are opened with the real opener. */
  private final class ScriptedHub implements HubLink, ReceiverState {
    private SyncKeys keys;
    final List<String> calls = new ArrayList<>();
    final List<SyncRecord> received = new ArrayList<>();
    final List<Integer> envelopeSizes = new ArrayList<>();
    EnrolmentStatus status = EnrolmentStatus.PENDING;
    int failures;
    int maxRecords = Integer.MAX_VALUE;

    ScriptedHub(SyncKeys keys) {
      this.keys = keys;
    }

    void rotate() {
      keys =
          new SyncKeys(
              keys.id(),
              SyncKeys.generate(RANDOM).signing(),
              SyncKeys.generate(RANDOM).agreement());
    }

    @Override
    public PartyKeys hubKeys() {
      calls.add("hub");
      return keys.publicKeys();
    }

    @Override
    public EnrolmentStatus requestEnrolment(PartyKeys from, String classroom) {
      calls.add("enrol");
      assertEquals(box.publicKeys(), from);
      assertEquals("Room 1", classroom);
      return status;
    }

    @Override
    public EnrolmentStatus enrolmentStatus(UUID id) {
      calls.add("status");
      return status;
    }

    @Override
    public Delivery deliver(byte[] envelope) throws IOException {
      if (failures > 0) {
        failures--;
        throw new IOException("connection refused");
      }
      try {
        var opened =
            new EnvelopeOpener(keys, new EnvelopeLimits(8 << 20, maxRecords), this).open(envelope);
        envelopeSizes.add(opened.records().size());
        received.addAll(opened.records());
        return new Delivery(200, received.get(received.size() - 1).sequence(), null);
      } catch (EnvelopeRejected e) {
        return switch (e.reason()) {
          case WRONG_RECIPIENT -> new Delivery(403, -1, "wrong-recipient");
          case OVERSIZED -> {
            envelopeSizes.add(-1);
            yield new Delivery(413, -1, "oversized");
          }
          default -> new Delivery(400, -1, e.reason().name());
        };
      }
    }

    @Override
    public void rotateKeys(SyncKeys current, PartyKeys next) {
      throw new UnsupportedOperationException();
    }

    @Override
    public Optional<PartyKeys> pinnedKeys(UUID boxId) {
      return boxId.equals(box.id()) ? Optional.of(box.publicKeys()) : Optional.empty();
    }

    @Override
    public long highestContiguous(UUID boxId) {
      return received.isEmpty() ? 0 : received.get(received.size() - 1).sequence();
    }
  }
}
