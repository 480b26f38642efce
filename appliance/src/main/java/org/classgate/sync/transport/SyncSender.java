package org.classgate.sync.transport;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.classgate.store.StoreException;
import org.classgate.sync.Enrolment;
import org.classgate.sync.EnrolmentStatus;
import org.classgate.sync.EnrolmentStore;
import org.classgate.sync.Outbox;
import org.classgate.sync.PartyKeys;
import org.classgate.sync.SyncRecord;
import org.classgate.sync.crypto.SyncKeys;
import org.classgate.sync.envelope.EnvelopeSealer;
import org.tinylog.TaggedLogger;

/**
 * Drains the outbox to the hub: enrols first if needed, then in a loop reads the next batch, seals
 * it (to the hub's current key, at send time, so nothing queued depends on a key), posts it and
 * prunes what the hub acknowledges. At least once from here, idempotent at the hub: exactly once in
 * effect. Failures back off exponentially with full jitter ({@link Backoff}); an append {@link
 * #wake()}s it early. Each round is {@link #step()}, which returns how long to pause: tests drive
 * it with a stepped clock and no sleeping. One thread runs the loop; {@link #status()}, {@link
 * #problems()} and {@link #wake()} are safe from any thread.
 */
public final class SyncSender implements AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("sync");

  /** How often a removed box asks again (an administrator may have made a mistake). */
  private static final Duration REMOVED_POLL = Duration.ofHours(1);

  /** The identity of the hub this sender talks to, as configured. */
  public record Target(String hubUrl, String hubPin, String classroom) {
    public Target {
      Objects.requireNonNull(hubUrl, "hubUrl");
      Objects.requireNonNull(hubPin, "hubPin");
      Objects.requireNonNull(classroom, "classroom");
    }
  }

  /**
   * The sender at one moment, for {@code classgate sync status} and the console.
   *
   * @param enrolment the enrolment status
   * @param envelopes envelopes the hub acknowledged since the start
   * @param records records in them
   * @param failures failures in a row now
   * @param lastError the last failure, or null
   * @param sinceContactNanos nanoseconds since the hub last answered (or since the start)
   */
  public record Status(
      EnrolmentStatus enrolment,
      long envelopes,
      long records,
      int failures,
      String lastError,
      long sinceContactNanos) {}

  private final Outbox outbox;
  private final HubLink hub;
  private final Supplier<SyncKeys> keys;
  private final EnrolmentStore enrolments;
  private final Target target;
  private final SenderSettings settings;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final Pause pause;
  private final Backoff backoff;
  private final SecureRandom random;

  private final Object lock = new Object();
  private Enrolment enrolment;
  private int batchRecords;
  private int failures;
  private String lastError;
  private long lastContact;
  private long envelopes;
  private long records;
  private volatile boolean closed;
  private Thread thread;

  public SyncSender(
      Outbox outbox,
      HubLink hub,
      Supplier<SyncKeys> keys,
      EnrolmentStore enrolments,
      Target target,
      SenderSettings settings,
      Clock clock,
      LongSupplier nanoTime,
      Pause pause,
      RandomGenerator jitter,
      SecureRandom random) {
    this.outbox = Objects.requireNonNull(outbox, "outbox");
    this.hub = Objects.requireNonNull(hub, "hub");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.enrolments = Objects.requireNonNull(enrolments, "enrolments");
    this.target = Objects.requireNonNull(target, "target");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.pause = Objects.requireNonNull(pause, "pause");
    this.backoff = new Backoff(settings.backoffBase(), settings.backoffCap(), jitter);
    this.random = Objects.requireNonNull(random, "random");
    this.batchRecords = settings.batchRecords();
    this.lastContact = nanoTime.getAsLong();
  }

  /** Starts the loop on a daemon thread. */
  public synchronized void start() {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    thread = new Thread(this::loop, "sync-sender");
    thread.setDaemon(true);
    thread.start();
  }

  private void loop() {
    while (!closed) {
      try {
        pause.await(step());
      } catch (InterruptedException e) {
        if (closed) {
          return;
        }
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        // A bug must not end syncing for good: log it and back off like any failure.
        LOG.error("sync round failed unexpectedly: {}", e.toString());
        try {
          pause.await(failed("internal error: " + e));
        } catch (InterruptedException stop) {
          return;
        }
      }
    }
  }

  /** New records were appended: send without waiting for the idle poll. */
  public void wake() {
    pause.wake();
  }

  /**
   * One round: enrol, poll the enrolment, or send one batch.
   *
   * @return nanoseconds to pause before the next round (0: go on at once)
   */
  public long step() {
    try {
      Enrolment current = enrolment();
      return switch (current.status()) {
        case NONE -> enrol(current);
        case PENDING -> pollEnrolment(current);
        case REMOVED -> pollRemoved(current);
        case APPROVED -> sendBatch(current);
      };
    } catch (IOException e) {
      return failed("the hub is not reachable: " + e.getMessage());
    } catch (HubRefused e) {
      contact();
      if (e.error().equals("removed")) {
        try {
          save(enrolment().withStatus(EnrolmentStatus.REMOVED, clock.instant()));
        } catch (StoreException store) {
          return failed("the box's database: " + store.getMessage());
        }
      }
      return failed(e.getMessage());
    } catch (StoreException e) {
      return failed("the box's database: " + e.getMessage());
    }
  }

  private Enrolment enrolment() throws StoreException {
    synchronized (lock) {
      if (enrolment == null) {
        enrolment =
            enrolments
                .load()
                .filter(saved -> saved.concerns(target.hubUrl(), target.hubPin()))
                .orElse(Enrolment.fresh(target.hubUrl(), target.hubPin(), clock.instant()));
      }
      return enrolment;
    }
  }

  private void save(Enrolment next) throws StoreException {
    enrolments.save(next);
    synchronized (lock) {
      enrolment = next;
    }
  }

  private long enrol(Enrolment current) throws IOException, HubRefused, StoreException {
    Enrolment withKeys = current;
    if (current.hubKeys() == null) {
      PartyKeys hubKeys = hub.hubKeys();
      contact();
      withKeys = current.withHubKeys(hubKeys, clock.instant());
      save(withKeys);
      LOG.info("the hub {} has keys {}", hubKeys.id(), hubKeys.fingerprint());
    }
    PartyKeys box = keys.get().publicKeys();
    EnrolmentStatus status = hub.requestEnrolment(box, target.classroom());
    contact();
    save(withKeys.withStatus(status, clock.instant()));
    LOG.info(
        "asked the hub to enrol this box: {}; code {}, keys {}",
        status.word(),
        box.enrolmentCode(),
        box.fingerprint());
    return succeeded(status == EnrolmentStatus.APPROVED ? 0 : settings.enrolmentPoll().toNanos());
  }

  private long pollEnrolment(Enrolment current) throws IOException, HubRefused, StoreException {
    EnrolmentStatus status = hub.enrolmentStatus(keys.get().id());
    contact();
    if (status != current.status()) {
      save(current.withStatus(status, clock.instant()));
      LOG.info("the hub says this box is now {}", status.word());
    }
    return succeeded(status == EnrolmentStatus.APPROVED ? 0 : settings.enrolmentPoll().toNanos());
  }

  private long pollRemoved(Enrolment current) throws IOException, HubRefused, StoreException {
    pollEnrolment(current);
    return REMOVED_POLL.toNanos();
  }

  private long sendBatch(Enrolment current) throws IOException, HubRefused, StoreException {
    if (current.hubKeys() == null) {
      save(current.withHubKeys(hub.hubKeys(), clock.instant()));
      contact();
      return 0;
    }
    List<SyncRecord> batch = outbox.nextBatch(0, batchRecords, settings.batchBytes());
    if (batch.isEmpty()) {
      return succeeded(settings.idlePoll().toNanos());
    }
    byte[] envelope = new EnvelopeSealer(keys.get(), current.hubKeys(), random).seal(batch);
    Delivery delivery = hub.deliver(envelope);
    contact();
    if (delivery.acknowledges()) {
      if (delivery.acknowledged() > 0) {
        outbox.acknowledge(delivery.acknowledged());
      }
      synchronized (lock) {
        envelopes++;
        records += batch.size();
      }
      return succeeded(0);
    }
    if (delivery.wrongRecipient()) {
      PartyKeys fresh = hub.hubKeys();
      if (!fresh.equals(current.hubKeys())) {
        // The hub rotated its key: re-seal from the outbox with the new one. Nothing is lost.
        LOG.info("the hub rotated its keys: now {}", fresh.fingerprint());
        save(current.withHubKeys(fresh, clock.instant()));
        return 0;
      }
      return failed("the hub refuses the key it publishes (wrong-recipient)");
    }
    if (delivery.oversized() && batchRecords > 1) {
      batchRecords = Math.max(1, batch.size() / 2);
      LOG.warn(
          "the hub refused {} records as oversized; now {} per envelope",
          batch.size(),
          batchRecords);
      return 0;
    }
    if (delivery.notAccepted()) {
      EnrolmentStatus status = hub.enrolmentStatus(keys.get().id());
      if (status != EnrolmentStatus.APPROVED) {
        save(current.withStatus(status, clock.instant()));
        LOG.warn("the hub no longer accepts this box: {}", status.word());
      }
    }
    return failed(
        "the hub refused an envelope: HTTP " + delivery.status() + " " + delivery.error());
  }

  private void contact() {
    synchronized (lock) {
      lastContact = nanoTime.getAsLong();
    }
  }

  private long succeeded(long pauseNanos) {
    synchronized (lock) {
      failures = 0;
      lastError = null;
    }
    return pauseNanos;
  }

  private long failed(String why) {
    int count;
    synchronized (lock) {
      count = ++failures;
      lastError = why;
    }
    long delay = backoff.delayNanos(count);
    LOG.warn("sync failed ({} in a row), retrying in {} ms: {}", count, delay / 1_000_000, why);
    return delay;
  }

  /** The sender now. */
  public Status status() {
    synchronized (lock) {
      return new Status(
          enrolment == null ? EnrolmentStatus.NONE : enrolment.status(),
          envelopes,
          records,
          failures,
          lastError,
          nanoTime.getAsLong() - lastContact);
    }
  }

  /**
   * Health problems: the hub unreachable for longer than {@link SenderSettings#unreachableAfter},
   * or this box removed at the hub. Never affects filtering.
   */
  public List<String> problems() {
    Status now = status();
    List<String> problems = new ArrayList<>();
    if (now.sinceContactNanos() > settings.unreachableAfter().toNanos()) {
      problems.add(
          "the school hub has not answered for "
              + Duration.ofNanos(now.sinceContactNanos()).toMinutes()
              + " min: records wait in the outbox ("
              + (now.lastError() == null ? "no error recorded" : now.lastError())
              + ")");
    }
    if (now.enrolment() == EnrolmentStatus.REMOVED) {
      problems.add("the school hub has removed this box: nothing is sent to the school");
    }
    return problems;
  }

  /** Stops the loop and waits briefly for it. */
  @Override
  public void close() {
    closed = true;
    Thread running;
    synchronized (this) {
      running = thread;
    }
    if (running != null) {
      running.interrupt();
      try {
        running.join(5000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
