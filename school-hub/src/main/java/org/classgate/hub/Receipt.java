package org.classgate.hub;

/**
 * The hub's answer to one delivered envelope. Immutable.
 *
 * @param outcome what happened
 * @param acknowledged the box's highest contiguous stored sequence (for {@link Outcome#STORED} and
 *     {@link Outcome#REPLAYED}; -1 otherwise)
 * @param newRecords records this envelope added (0 unless stored)
 * @param refusal why it was refused, or null
 */
public record Receipt(Outcome outcome, long acknowledged, int newRecords, Refusal refusal) {
  /** What became of an envelope. */
  public enum Outcome {
    /** Opened and stored (possibly only part of it was new). */
    STORED,
    /** Authentic, but every record in it was already held: nothing stored. */
    REPLAYED,
    /** Larger than the hub's limits. */
    OVERSIZED,
    /** Tampered, truncated, undecryptable or malformed. */
    MALFORMED,
    /** Not from an enrolled box, signed by the wrong key, or sealed to a key not the hub's. */
    FORBIDDEN,
    /** The hub could not store it now (its database failed); the box should retry later. */
    UNAVAILABLE
  }
}
