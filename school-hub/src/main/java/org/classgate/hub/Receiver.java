package org.classgate.hub;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.classgate.store.StoreException;
import org.classgate.sync.PartyKeys;
import org.classgate.sync.crypto.SyncKeys;
import org.classgate.sync.envelope.EnvelopeLimits;
import org.classgate.sync.envelope.EnvelopeOpener;
import org.classgate.sync.envelope.EnvelopeRejected;
import org.classgate.sync.envelope.OpenedEnvelope;
import org.classgate.sync.envelope.ReceiverState;
import org.classgate.sync.envelope.Rejection;

/**
 * Receives envelopes: opens each with the box's pinned keys ({@link EnvelopeOpener}, the same code
 * as the box's sealer) and stores its records in one transaction, idempotently by (box, sequence).
 * An envelope sealed to the hub's previous agreement key is opened during the rotation's grace
 * period. Every refusal goes to {@link RecentRefusals} (logged with box and reason) and stores
 * nothing. Thread-safe.
 */
public final class Receiver {
  private final HubStore store;
  private final HubKeyRing keys;
  private final EnvelopeLimits limits;
  private final Duration grace;
  private final Clock clock;
  private final RecentRefusals refusals;
  private final ReceiverState state = new StoreState();

  /**
   * @param grace how long after a rotation envelopes sealed to the previous key are still opened
   */
  public Receiver(
      HubStore store,
      HubKeyRing keys,
      EnvelopeLimits limits,
      Duration grace,
      Clock clock,
      RecentRefusals refusals) {
    this.store = Objects.requireNonNull(store, "store");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.limits = Objects.requireNonNull(limits, "limits");
    this.grace = Objects.requireNonNull(grace, "grace");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.refusals = Objects.requireNonNull(refusals, "refusals");
  }

  public EnvelopeLimits limits() {
    return limits;
  }

  /** Opens and stores {@code envelope}; never throws for anything a sender can send. */
  public Receipt receive(byte[] envelope) {
    Instant now = clock.instant();
    HubKeyRing.Keys ring = keys.keys();
    try {
      OpenedEnvelope opened;
      try {
        opened = opener(ring.current()).open(envelope);
      } catch (EnvelopeRejected e) {
        Optional<SyncKeys> previous = ring.previousWithin(grace, now);
        if (e.reason() != Rejection.WRONG_RECIPIENT || previous.isEmpty()) {
          throw e;
        }
        // Sealed before the box saw the rotation: still ours during the grace period.
        opened = opener(previous.get()).open(envelope);
      }
      UUID box = opened.header().boxId();
      PartyKeys pinned =
          state
              .pinnedKeys(box)
              .orElseThrow(
                  () -> new EnvelopeRejected(Rejection.UNKNOWN_BOX, "box " + box + " was removed"));
      HubStore.Stored stored =
          store.storeEnvelope(box, pinned.signingKey(), envelope, opened.records(), now);
      if (stored.newRecords() == 0) {
        return new Receipt(Receipt.Outcome.REPLAYED, stored.acknowledged(), 0, null);
      }
      return new Receipt(Receipt.Outcome.STORED, stored.acknowledged(), stored.newRecords(), null);
    } catch (EnvelopeRejected e) {
      return refused(envelope, e, now);
    } catch (StoreException | StoreFailure e) {
      Refusal refusal =
          new Refusal(now, boxIdOf(envelope), "unavailable", "hub database: " + e.getMessage());
      refusals.add(refusal);
      return new Receipt(Receipt.Outcome.UNAVAILABLE, -1, 0, refusal);
    }
  }

  /**
   * Refuses an upload over the size limit without reading it all.
   *
   * @param prefix the first bytes read (the box id is at bytes 5..21), for the log
   * @param length the declared or observed length
   */
  public Receipt refuseOversized(byte[] prefix, long length) {
    Refusal refusal =
        new Refusal(
            clock.instant(),
            boxIdOf(prefix),
            Refusal.word(Rejection.OVERSIZED),
            length + " bytes, the limit is " + limits.maxBytes());
    refusals.add(refusal);
    return new Receipt(Receipt.Outcome.OVERSIZED, -1, 0, refusal);
  }

  private EnvelopeOpener opener(SyncKeys hubKeys) {
    return new EnvelopeOpener(hubKeys, limits, state);
  }

  private Receipt refused(byte[] envelope, EnvelopeRejected e, Instant now) {
    UUID box = boxIdOf(envelope);
    if (e.reason() == Rejection.REPLAYED) {
      // Harmless: a retry of something already stored. Not a refusal worth a warning.
      return new Receipt(Receipt.Outcome.REPLAYED, state.highestContiguous(box), 0, null);
    }
    String reason = Refusal.word(e.reason());
    if (e.reason() == Rejection.UNKNOWN_BOX && box != null && removed(box)) {
      reason = "removed";
    }
    Refusal refusal = new Refusal(now, box, reason, e.getMessage());
    refusals.add(refusal);
    Receipt.Outcome outcome =
        switch (e.reason()) {
          case OVERSIZED -> Receipt.Outcome.OVERSIZED;
          case WRONG_RECIPIENT, UNKNOWN_BOX, WRONG_SIGNER -> Receipt.Outcome.FORBIDDEN;
          default -> Receipt.Outcome.MALFORMED;
        };
    return new Receipt(outcome, -1, 0, refusal);
  }

  private boolean removed(UUID box) {
    try {
      return store.box(box).map(entry -> entry.status() == BoxStatus.REMOVED).orElse(false);
    } catch (StoreException e) {
      return false;
    }
  }

  /** The box id in an envelope's header if it has one, for the log; unauthenticated. */
  private static UUID boxIdOf(byte[] envelope) {
    if (envelope.length < 21) {
      return null;
    }
    java.nio.ByteBuffer in = java.nio.ByteBuffer.wrap(envelope, 5, 16);
    return new UUID(in.getLong(), in.getLong());
  }

  /** The store failed while the opener asked it something (the opener's interface is unchecked). */
  private static final class StoreFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    StoreFailure(StoreException cause) {
      super(cause.getMessage(), cause);
    }
  }

  /** The opener's view of the store: only approved boxes have pinned keys. */
  private final class StoreState implements ReceiverState {
    @Override
    public Optional<PartyKeys> pinnedKeys(UUID boxId) {
      try {
        return store
            .box(boxId)
            .filter(entry -> entry.status() == BoxStatus.APPROVED)
            .map(BoxEntry::keys);
      } catch (StoreException e) {
        throw new StoreFailure(e);
      }
    }

    @Override
    public long highestContiguous(UUID boxId) {
      try {
        return store.box(boxId).map(BoxEntry::acknowledged).orElse(0L);
      } catch (StoreException e) {
        throw new StoreFailure(e);
      }
    }
  }
}
