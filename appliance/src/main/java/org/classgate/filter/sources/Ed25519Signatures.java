package org.classgate.filter.sources;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * Ed25519 (RFC 8032) detached signatures of downloaded lists, verified with the JDK's own provider
 * (Java 15+), so list sources need no cryptography library.
 *
 * <p>Stateless and thread-safe.
 */
public final class Ed25519Signatures {
  /** The DER prefix of an Ed25519 SubjectPublicKeyInfo (RFC 8410 §4), before the raw 32 bytes. */
  private static final byte[] SPKI_PREFIX = {
    0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00
  };

  private static final int RAW_KEY_BYTES = 32;
  private static final int SIGNATURE_BYTES = 64;

  private Ed25519Signatures() {}

  /**
   * A public key written in base64: the raw 32-byte key, or a DER SubjectPublicKeyInfo (as {@code
   * openssl pkey -pubout -outform DER} writes it).
   *
   * @throws IllegalArgumentException if it is neither (the message says what was found)
   */
  public static PublicKey parseKey(String base64) {
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(base64.strip());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("not base64");
    }
    byte[] spki = bytes;
    if (bytes.length == RAW_KEY_BYTES) {
      spki = new byte[SPKI_PREFIX.length + RAW_KEY_BYTES];
      System.arraycopy(SPKI_PREFIX, 0, spki, 0, SPKI_PREFIX.length);
      System.arraycopy(bytes, 0, spki, SPKI_PREFIX.length, RAW_KEY_BYTES);
    }
    try {
      return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(spki));
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "not an Ed25519 public key (" + bytes.length + " bytes; expected 32 raw or 44 DER)");
    }
  }

  /**
   * True if {@code signature} (64 raw bytes, or their base64 text) is {@code key}'s signature of
   * the content of {@code file}.
   */
  public static boolean verify(PublicKey key, Path file, byte[] signature) throws IOException {
    byte[] raw = decodeSignature(signature);
    if (raw == null) {
      return false;
    }
    try (InputStream in = Files.newInputStream(file)) {
      Signature verifier = Signature.getInstance("Ed25519");
      verifier.initVerify(key);
      byte[] buffer = new byte[1 << 16];
      for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
        verifier.update(buffer, 0, n);
      }
      return verifier.verify(raw);
    } catch (GeneralSecurityException e) {
      return false;
    }
  }

  private static byte[] decodeSignature(byte[] signature) {
    if (signature.length == SIGNATURE_BYTES) {
      return signature;
    }
    try {
      byte[] decoded =
          Base64.getDecoder().decode(new String(signature, StandardCharsets.US_ASCII).strip());
      return decoded.length == SIGNATURE_BYTES ? decoded : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
