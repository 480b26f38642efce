package org.classgate.sync.crypto;

import java.util.Optional;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.modes.ChaCha20Poly1305;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;

/**
 * ChaCha20-Poly1305 (RFC 8439) with a 256-bit key, 96-bit nonce and 128-bit tag. Chosen over
 * AES-GCM because the Pi 4's Cortex-A72 has no AES instructions exposed to Java 17: ChaCha20 is
 * fast and constant-time in plain software. Stateless.
 */
public final class ChaChaPoly {
  public static final int KEY_LENGTH = 32;
  public static final int NONCE_LENGTH = 12;
  public static final int TAG_LENGTH = 16;

  private ChaChaPoly() {}

  /** Encrypts {@code plaintext[offset, offset+length)}; returns ciphertext followed by the tag. */
  public static byte[] seal(
      byte[] key, byte[] nonce, byte[] aad, byte[] plaintext, int offset, int length) {
    byte[] out = new byte[length + TAG_LENGTH];
    sealInto(key, nonce, aad, plaintext, offset, length, out, 0);
    return out;
  }

  /**
   * Encrypts {@code plaintext[offset, offset+length)} into {@code out} at {@code outOffset}
   * (ciphertext, then the tag: {@code length + TAG_LENGTH} bytes), saving a copy for callers that
   * frame the ciphertext. {@code out} must not overlap the plaintext.
   */
  public static void sealInto(
      byte[] key,
      byte[] nonce,
      byte[] aad,
      byte[] plaintext,
      int offset,
      int length,
      byte[] out,
      int outOffset) {
    ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
    cipher.init(true, new AEADParameters(new KeyParameter(key), TAG_LENGTH * 8, nonce, aad));
    int written = cipher.processBytes(plaintext, offset, length, out, outOffset);
    try {
      cipher.doFinal(out, outOffset + written);
    } catch (InvalidCipherTextException e) {
      throw new IllegalStateException("encryption cannot fail authentication", e);
    }
  }

  /**
   * Decrypts and authenticates {@code ciphertext[offset, offset+length)} (tag included); empty if
   * the tag does not match, in which case no plaintext is released.
   */
  public static Optional<byte[]> open(
      byte[] key, byte[] nonce, byte[] aad, byte[] ciphertext, int offset, int length) {
    if (length < TAG_LENGTH) {
      return Optional.empty();
    }
    ChaCha20Poly1305 cipher = new ChaCha20Poly1305();
    cipher.init(false, new AEADParameters(new KeyParameter(key), TAG_LENGTH * 8, nonce, aad));
    byte[] out = new byte[cipher.getOutputSize(length)];
    try {
      int written = cipher.processBytes(ciphertext, offset, length, out, 0);
      cipher.doFinal(out, written);
    } catch (InvalidCipherTextException e) {
      return Optional.empty();
    }
    return Optional.of(out);
  }
}
