package org.classgate.sync.envelope;

/**
 * Why an envelope was refused. Whatever the reason, nothing of it was decrypted into storage. The
 * hub logs the reason and answers the box with it; only {@link #REPLAYED} is harmless (a retry of
 * something already stored).
 */
public enum Rejection {
  /** Larger than the configured limit (bytes or records); refused before any cryptography. */
  OVERSIZED,
  /** Shorter than its own header says. */
  TRUNCATED,
  /** Framing that no honest sender produces: bad magic, inconsistent counts, trailing bytes. */
  MALFORMED,
  /** A format version this receiver does not speak. */
  UNSUPPORTED_VERSION,
  /** Sealed to a key that is not this receiver's current key. */
  WRONG_RECIPIENT,
  /** From a box that was never enrolled, or was removed. */
  UNKNOWN_BOX,
  /** Signed with a key other than the one pinned for the box. */
  WRONG_SIGNER,
  /** The signature does not verify: the envelope was changed after signing. */
  BAD_SIGNATURE,
  /** Every record in it is already stored: a replay or a retry. */
  REPLAYED,
  /** The signature is good but the ciphertext does not open (a sender bug, or a bad key). */
  UNDECRYPTABLE,
  /** Decrypted, but the records inside do not match the header. */
  BAD_RECORDS
}
