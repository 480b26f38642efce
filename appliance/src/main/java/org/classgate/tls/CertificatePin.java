package org.classgate.tls;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Base64;

/**
 * A pinned public key: SHA-256 of a certificate's SubjectPublicKeyInfo (as in RFC 7469), written
 * {@code sha256/<base64>}. Pinning the key rather than the certificate lets the other side renew
 * its certificate without a new pin, and needs no certificate authority. Immutable.
 */
public final class CertificatePin {
  private static final String PREFIX = "sha256/";
  private static final int LENGTH = 32;

  private final byte[] digest;

  private CertificatePin(byte[] digest) {
    this.digest = digest;
  }

  /** The pin of {@code certificate}'s public key. */
  public static CertificatePin of(X509Certificate certificate) {
    try {
      byte[] spki = certificate.getPublicKey().getEncoded();
      return new CertificatePin(MessageDigest.getInstance("SHA-256").digest(spki));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  /**
   * Reads a pin as {@link #toString()} writes it.
   *
   * @throws IllegalArgumentException naming what is wrong with {@code text}
   */
  public static CertificatePin parse(String text) {
    if (text == null || !text.startsWith(PREFIX)) {
      throw new IllegalArgumentException("a pin looks like sha256/<base64 of 32 bytes>");
    }
    byte[] digest;
    try {
      digest = Base64.getDecoder().decode(text.substring(PREFIX.length()));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the pin's digest is not base64", e);
    }
    if (digest.length != LENGTH) {
      throw new IllegalArgumentException(
          "the pin's digest has " + digest.length + " bytes, not 32");
    }
    return new CertificatePin(digest);
  }

  /** Whether {@code certificate} carries the pinned key. Constant-time in the digest. */
  public boolean matches(X509Certificate certificate) {
    return MessageDigest.isEqual(digest, of(certificate).digest);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof CertificatePin pin && Arrays.equals(digest, pin.digest);
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(digest);
  }

  @Override
  public String toString() {
    return PREFIX + Base64.getEncoder().encodeToString(digest);
  }
}
