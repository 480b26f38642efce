package org.classgate.hub;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.classgate.store.StoreException;
import org.classgate.sync.PartyKeys;
import org.classgate.sync.crypto.SigningKey;

/**
 * Enrolment and box key rotation at the hub. A box asks to enrol with its keys and its enrolment
 * code; the code is recomputed from the keys ({@link PartyKeys#enrolmentCode()}), so a request
 * whose code does not match its keys is refused. The administrator approves by typing the code the
 * box shows, which selects the one pending box whose keys give that code: approving proves the keys
 * the hub pins are the keys the box holds. Thread-safe.
 */
public final class Enrolments {
  private static final org.tinylog.TaggedLogger LOG = org.tinylog.Logger.tag("hub");

  /** Longest classroom name kept. */
  static final int MAX_CLASSROOM = 200;

  private final HubStore store;
  private final Clock clock;
  private final int maxPending;
  private final RecentRefusals refusals;
  private final boolean autoApprove;

  /**
   * @param maxPending pending requests kept at most: enrolment is unauthenticated, so its storage
   *     is bounded
   */
  public Enrolments(HubStore store, Clock clock, int maxPending, RecentRefusals refusals) {
    this(store, clock, maxPending, refusals, false);
  }

  /**
   * @param autoApprove approve every request at once: development on loopback only ({@link
   *     HubConfig#autoApprove()})
   */
  public Enrolments(
      HubStore store, Clock clock, int maxPending, RecentRefusals refusals, boolean autoApprove) {
    this.autoApprove = autoApprove;
    this.store = Objects.requireNonNull(store, "store");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.maxPending = maxPending;
    this.refusals = Objects.requireNonNull(refusals, "refusals");
  }

  /** The answer to an enrolment request or a status query. */
  public record Answer(Optional<BoxStatus> status, Refusal refusal) {
    static Answer of(BoxStatus status) {
      return new Answer(Optional.of(status), null);
    }
  }

  /**
   * A box asks to enrol. New boxes become pending; a pending box may present new keys (it lost its
   * old ones); an approved box keeps its pinned keys (other keys go through rotation); a removed
   * box stays removed.
   */
  public Answer request(PartyKeys keys, String code, String classroom) throws StoreException {
    Instant now = clock.instant();
    if (code == null || !keys.matchesEnrolmentCode(code)) {
      return refuse(now, keys.id(), "bad-code", "the enrolment code does not match the keys");
    }
    String room = classroom == null ? "" : classroom.strip();
    if (room.length() > MAX_CLASSROOM || room.chars().anyMatch(Character::isISOControl)) {
      return refuse(now, keys.id(), "bad-classroom", "classroom name too long or not printable");
    }
    Optional<BoxEntry> existing = store.box(keys.id());
    if (existing.isPresent()) {
      BoxEntry entry = existing.get();
      if (entry.status() == BoxStatus.REMOVED) {
        return refuse(now, keys.id(), "removed", "a removed box asked to enrol again");
      }
      if (entry.status() == BoxStatus.APPROVED) {
        if (!entry.keys().equals(keys)) {
          return refuse(
              now, keys.id(), "other-keys", "enrolled with other keys; rotate them instead");
        }
        return Answer.of(BoxStatus.APPROVED);
      }
    } else if (store.pendingCount() >= maxPending) {
      return refuse(now, keys.id(), "too-many-pending", maxPending + " requests already pending");
    }
    BoxEntry entry = store.requestEnrolment(keys, room, now);
    if (autoApprove && entry.status() == BoxStatus.PENDING) {
      LOG.warn("development hub: approving box {} ({}) without an administrator", keys.id(), room);
      store.changeStatus(keys.id(), BoxStatus.PENDING, BoxStatus.APPROVED, now);
      return Answer.of(BoxStatus.APPROVED);
    }
    return Answer.of(entry.status());
  }

  private Answer refuse(Instant now, UUID box, String reason, String detail) {
    Refusal refusal = new Refusal(now, box, reason, detail);
    refusals.add(refusal);
    return new Answer(Optional.empty(), refusal);
  }

  /** The status of box {@code id}; empty if it never asked. */
  public Optional<BoxStatus> status(UUID id) throws StoreException {
    return store.box(id).map(BoxEntry::status);
  }

  /**
   * Approves the pending box whose enrolment code is {@code code} (case, spaces and dashes
   * ignored).
   *
   * @return the approved box; empty if no pending box has that code
   */
  public Optional<BoxEntry> approve(String code) throws StoreException {
    List<BoxEntry> matching = new ArrayList<>();
    for (BoxEntry entry : store.boxes()) {
      if (entry.status() == BoxStatus.PENDING && entry.keys().matchesEnrolmentCode(code)) {
        matching.add(entry);
      }
    }
    // One at most: the code covers the box id, so two boxes share one only by a 2^100 collision.
    for (BoxEntry entry : matching) {
      if (store.changeStatus(
          entry.keys().id(), BoxStatus.PENDING, BoxStatus.APPROVED, clock.instant())) {
        return store.box(entry.keys().id());
      }
    }
    return Optional.empty();
  }

  /**
   * Removes box {@code id} (pending or approved): everything it sends is refused from now on.
   *
   * @return whether it was there to remove
   */
  public boolean remove(UUID id) throws StoreException {
    Instant now = clock.instant();
    return store.changeStatus(id, BoxStatus.APPROVED, BoxStatus.REMOVED, now)
        || store.changeStatus(id, BoxStatus.PENDING, BoxStatus.REMOVED, now);
  }

  /**
   * A box rotates its keys: {@code newKeys} signed ({@code signature} over {@code body}, the exact
   * request bytes) by the signing key pinned for it now. Repeating a rotation that already happened
   * (the box lost the answer) is accepted if signed by the key it replaced.
   *
   * @return null if the keys are pinned now, else the refusal
   */
  public Refusal rotateBoxKeys(PartyKeys newKeys, byte[] body, byte[] signature)
      throws StoreException {
    Instant now = clock.instant();
    UUID id = newKeys.id();
    Optional<BoxEntry> entry = store.box(id);
    if (entry.isEmpty() || entry.get().status() != BoxStatus.APPROVED) {
      String reason =
          entry
              .map(e -> e.status() == BoxStatus.REMOVED ? "removed" : "not-enrolled")
              .orElse("unknown-box");
      return refuseRotation(now, id, reason, "key rotation for a box that is not enrolled");
    }
    BoxEntry box = entry.get();
    boolean byCurrent =
        signature.length == SigningKey.SIGNATURE_LENGTH
            && SigningKey.verify(box.keys().signingKey(), body, 0, body.length, signature, 0);
    if (byCurrent) {
      if (!box.keys().equals(newKeys) && !store.replaceKeys(newKeys, now)) {
        return refuseRotation(now, id, "not-enrolled", "the box was removed meanwhile");
      }
      return null;
    }
    byte[] previous = box.previousSigningKey();
    boolean repeated =
        previous != null
            && box.keys().equals(newKeys)
            && signature.length == SigningKey.SIGNATURE_LENGTH
            && SigningKey.verify(previous, body, 0, body.length, signature, 0);
    if (repeated) {
      return null;
    }
    return refuseRotation(now, id, "bad-signature", "not signed by the box's pinned signing key");
  }

  private Refusal refuseRotation(Instant now, UUID id, String reason, String detail) {
    Refusal refusal = new Refusal(now, id, reason, detail);
    refusals.add(refusal);
    return refusal;
  }
}
