package org.classgate.sync.envelope;

import java.nio.charset.StandardCharsets;
import org.classgate.sync.crypto.ChaChaPoly;
import org.classgate.sync.crypto.Hkdf;
import org.classgate.sync.crypto.SigningKey;

/**
 * What sealing and opening share: the key schedule and the fixed sizes. The design follows age and
 * HPKE's base mode (RFC 9180): a fresh X25519 key per envelope, its shared secret with the hub's
 * key through HKDF-SHA256 into a one-time ChaCha20-Poly1305 key; then, unlike age, an Ed25519
 * signature by the box, because the hub must know which box sent it (sealing alone is anonymous).
 */
final class Envelopes {
  /** The signature after the ciphertext. */
  static final int TRAILER_LENGTH = SigningKey.SIGNATURE_LENGTH;

  /** Bytes each record adds inside the ciphertext: kind, flags, payload length. */
  static final int RECORD_OVERHEAD = 6;

  /** Flag bit: the record is the tombstone of a dropped record. */
  static final int FLAG_DROPPED = 1;

  /**
   * The all-zero nonce. Safe because every key encrypts exactly one message: the key comes from a
   * fresh ephemeral X25519 secret and the header (box, sequences) through HKDF, so two envelopes
   * share a key only if they share the ephemeral secret, which a working random source never
   * repeats. age makes the same argument for its per-file key (age-encryption.org/v1, "payload").
   */
  static final byte[] NONCE = new byte[ChaChaPoly.NONCE_LENGTH];

  /** HKDF salt: separates this protocol's keys from any other use of the same X25519 keys. */
  private static final byte[] SALT = "classgate-sync-v1".getBytes(StandardCharsets.US_ASCII);

  private Envelopes() {}

  /**
   * The envelope's ChaCha20-Poly1305 key: HKDF-SHA256 with the shared secret as input key material
   * and info = ephemeral public key ‖ recipient public key ‖ header, binding the key to both
   * parties' keys (as HPKE's key schedule does) and to everything the header says.
   */
  static byte[] payloadKey(byte[] shared, byte[] ephemeralKey, byte[] recipientKey, byte[] header) {
    byte[] info = new byte[ephemeralKey.length + recipientKey.length + header.length];
    System.arraycopy(ephemeralKey, 0, info, 0, ephemeralKey.length);
    System.arraycopy(recipientKey, 0, info, ephemeralKey.length, recipientKey.length);
    System.arraycopy(header, 0, info, ephemeralKey.length + recipientKey.length, header.length);
    return Hkdf.sha256(shared, SALT, info, ChaChaPoly.KEY_LENGTH);
  }
}
