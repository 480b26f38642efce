package org.classgate.sync.crypto;

import java.security.SecureRandom;
import java.util.Arrays;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;

/**
 * An Ed25519 private key (RFC 8032) that signs envelopes. Pure Ed25519 (not Ed25519ph or ctx):
 * envelopes are bounded in size, so hashing them first buys nothing. Thread-safe: every signature
 * uses its own signer.
 */
public final class SigningKey {
  /** Length of a private key (the RFC 8032 seed), a public key and a signature. */
  public static final int PRIVATE_LENGTH = 32;

  public static final int PUBLIC_LENGTH = 32;
  public static final int SIGNATURE_LENGTH = 64;

  private final Ed25519PrivateKeyParameters key;
  private final byte[] publicKey;

  private SigningKey(Ed25519PrivateKeyParameters key) {
    this.key = key;
    this.publicKey = key.generatePublicKey().getEncoded();
  }

  /** A new key from {@code random} (which must be a cryptographically strong source). */
  public static SigningKey generate(SecureRandom random) {
    return new SigningKey(new Ed25519PrivateKeyParameters(random));
  }

  /** The key whose 32-byte RFC 8032 seed is {@code seed}. */
  public static SigningKey fromSeed(byte[] seed) {
    if (seed.length != PRIVATE_LENGTH) {
      throw new IllegalArgumentException("an Ed25519 seed has 32 bytes, not " + seed.length);
    }
    return new SigningKey(new Ed25519PrivateKeyParameters(seed, 0));
  }

  /** The 32-byte seed, for the key file only. A copy. */
  byte[] seed() {
    return key.getEncoded();
  }

  /** The 32-byte public key. A copy. */
  public byte[] publicKey() {
    return publicKey.clone();
  }

  /** Signs {@code length} bytes of {@code data} from {@code offset}; returns 64 bytes. */
  public byte[] sign(byte[] data, int offset, int length) {
    Ed25519Signer signer = new Ed25519Signer();
    signer.init(true, key);
    signer.update(data, offset, length);
    return signer.generateSignature();
  }

  /**
   * Whether {@code signature} (64 bytes at {@code signatureOffset}) is a valid signature by {@code
   * publicKey} of {@code length} bytes of {@code data} from {@code offset}. Never throws for a
   * malformed key or signature: those are simply not valid.
   */
  public static boolean verify(
      byte[] publicKey,
      byte[] data,
      int offset,
      int length,
      byte[] signature,
      int signatureOffset) {
    if (publicKey.length != PUBLIC_LENGTH
        || signatureOffset < 0
        || signature.length - signatureOffset < SIGNATURE_LENGTH) {
      return false;
    }
    Ed25519PublicKeyParameters key;
    try {
      key = new Ed25519PublicKeyParameters(publicKey, 0);
    } catch (IllegalArgumentException e) {
      return false;
    }
    Ed25519Signer verifier = new Ed25519Signer();
    verifier.init(false, key);
    verifier.update(data, offset, length);
    return verifier.verifySignature(
        Arrays.copyOfRange(signature, signatureOffset, signatureOffset + SIGNATURE_LENGTH));
  }
}
