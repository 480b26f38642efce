package org.classgate.hub;

import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import org.classgate.sync.PartyKeys;

/**
 * What the hub knows about one classroom box. Immutable.
 *
 * @param keys the box's id and its pinned public keys
 * @param previousSigningKey the box's signing key before its last rotation, or null: lets the box
 *     repeat a rotation whose answer it lost (see {@link Enrolments#rotateBoxKeys})
 * @param status where it stands
 * @param classroom the classroom name it gave when it asked to enrol
 * @param requestedAt when it (last) asked to enrol
 * @param changedAt when its status or keys last changed
 * @param lastContact when it last delivered an envelope, or null
 * @param acknowledged the highest sequence up to which every record of the box is stored
 */
public record BoxEntry(
    PartyKeys keys,
    byte[] previousSigningKey,
    BoxStatus status,
    String classroom,
    Instant requestedAt,
    Instant changedAt,
    Instant lastContact,
    long acknowledged) {
  public BoxEntry {
    Objects.requireNonNull(keys, "keys");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(classroom, "classroom");
    Objects.requireNonNull(requestedAt, "requestedAt");
    Objects.requireNonNull(changedAt, "changedAt");
    previousSigningKey = previousSigningKey == null ? null : previousSigningKey.clone();
  }

  @Override
  public byte[] previousSigningKey() {
    return previousSigningKey == null ? null : previousSigningKey.clone();
  }

  public Optional<Instant> lastContactIfAny() {
    return Optional.ofNullable(lastContact);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof BoxEntry that
        && keys.equals(that.keys)
        && Arrays.equals(previousSigningKey, that.previousSigningKey)
        && status == that.status
        && classroom.equals(that.classroom)
        && requestedAt.equals(that.requestedAt)
        && changedAt.equals(that.changedAt)
        && Objects.equals(lastContact, that.lastContact)
        && acknowledged == that.acknowledged;
  }

  @Override
  public int hashCode() {
    return Objects.hash(keys, status, classroom, requestedAt, changedAt, lastContact, acknowledged);
  }
}
