package org.classgate.sync.crypto;

import java.security.SecureRandom;
import java.util.Optional;
import org.bouncycastle.crypto.agreement.X25519Agreement;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;

/**
 * An X25519 private key (RFC 7748): the hub's long-term key that envelopes are sealed to, or the
 * ephemeral key of one envelope. Thread-safe.
 */
public final class AgreementKey {
  public static final int LENGTH = 32;

  private final X25519PrivateKeyParameters key;
  private final byte[] publicKey;

  private AgreementKey(X25519PrivateKeyParameters key) {
    this.key = key;
    this.publicKey = key.generatePublicKey().getEncoded();
  }

  /** A new key from {@code random} (which must be a cryptographically strong source). */
  public static AgreementKey generate(SecureRandom random) {
    return new AgreementKey(new X25519PrivateKeyParameters(random));
  }

  /** The key whose 32 private bytes are {@code privateKey}. */
  public static AgreementKey fromPrivate(byte[] privateKey) {
    if (privateKey.length != LENGTH) {
      throw new IllegalArgumentException("an X25519 key has 32 bytes, not " + privateKey.length);
    }
    return new AgreementKey(new X25519PrivateKeyParameters(privateKey, 0));
  }

  byte[] privateBytes() {
    return key.getEncoded();
  }

  /** The 32-byte public key. A copy. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /**
   * The shared secret with {@code peerPublicKey}, or empty if the peer's key is malformed or a
   * low-order point that gives the all-zero secret (RFC 7748 section 6.1: such a result must be
   * refused, otherwise an attacker fixes the secret).
   */
  public Optional<byte[]> agree(byte[] peerPublicKey) {
    if (peerPublicKey.length != LENGTH) {
      return Optional.empty();
    }
    X25519Agreement agreement = new X25519Agreement();
    agreement.init(key);
    byte[] secret = new byte[agreement.getAgreementSize()];
    try {
      agreement.calculateAgreement(new X25519PublicKeyParameters(peerPublicKey, 0), secret, 0);
    } catch (IllegalStateException e) {
      // Bouncy Castle's signal for the all-zero result.
      return Optional.empty();
    }
    return Optional.of(secret);
  }
}
