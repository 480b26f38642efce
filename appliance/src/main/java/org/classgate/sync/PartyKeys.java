package org.classgate.sync;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.UUID;

/**
 * The public half of a party's sync identity, as the other side pins it: the party's id, its
 * Ed25519 public key (verifies its envelopes) and its X25519 public key (envelopes to it are sealed
 * to this). Immutable; the arrays are copied in and out.
 *
 * @param id the box id or hub id; stable across key rotation
 * @param signingKey 32-byte Ed25519 public key
 * @param agreementKey 32-byte X25519 public key
 */
public record PartyKeys(UUID id, byte[] signingKey, byte[] agreementKey) {
  /** Length of a key id: 128 bits of SHA-256, so collisions need 2^64 work, ample for ids. */
  public static final int KEY_ID_LENGTH = 16;

  private static final byte[] ENROLMENT_LABEL =
      "classgate enrolment v1".getBytes(StandardCharsets.US_ASCII);

  /** Crockford's base32 alphabet: no I, L, O or U, so a code read aloud or typed is unambiguous. */
  private static final char[] BASE32 = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

  public PartyKeys {
    Objects.requireNonNull(id, "id");
    if (signingKey.length != 32 || agreementKey.length != 32) {
      throw new IllegalArgumentException("public keys have 32 bytes");
    }
    signingKey = signingKey.clone();
    agreementKey = agreementKey.clone();
  }

  @Override
  public byte[] signingKey() {
    return signingKey.clone();
  }

  @Override
  public byte[] agreementKey() {
    return agreementKey.clone();
  }

  /** Id of the signing key, carried in envelopes so the receiver finds it after a rotation. */
  public byte[] signingKeyId() {
    return keyId(signingKey);
  }

  /** Id of the agreement key, carried in envelopes sealed to this party. */
  public byte[] agreementKeyId() {
    return keyId(agreementKey);
  }

  /** The first {@value #KEY_ID_LENGTH} bytes of SHA-256 of a 32-byte public key. */
  public static byte[] keyId(byte[] publicKey) {
    return Arrays.copyOf(sha256(publicKey), KEY_ID_LENGTH);
  }

  /**
   * SHA-256 of both public keys, as 16 groups of 4 hex digits: what an administrator compares on
   * the box's console and on the hub to be sure both show the same keys (the whole digest: this is
   * the check that defeats a substituted key).
   */
  public String fingerprint() {
    String hex = HexFormat.of().formatHex(sha256(signingKey, agreementKey));
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 4) {
      if (i > 0) {
        out.append(' ');
      }
      out.append(hex, i, i + 4);
    }
    return out.toString();
  }

  /**
   * The code a hub administrator types to approve this box: 100 bits of SHA-256 over a label, the
   * id and both public keys, in Crockford base32 as four groups of five ({@code XXXXX-XXXXX-XXXXX-
   * XXXXX}). The hub computes the same code from the keys the box presented and enrols the box only
   * if they match, so an attacker presenting other keys would need a 2^100 second preimage.
   */
  public String enrolmentCode() {
    ByteBuffer idBytes = ByteBuffer.allocate(16);
    idBytes.putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits());
    byte[] digest = sha256(ENROLMENT_LABEL, idBytes.array(), signingKey, agreementKey);
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 20; i++) {
      if (i > 0 && i % 5 == 0) {
        out.append('-');
      }
      out.append(BASE32[fiveBits(digest, i * 5)]);
    }
    return out.toString();
  }

  /** Whether {@code typed} is this party's enrolment code, ignoring case, spaces and dashes. */
  public boolean matchesEnrolmentCode(String typed) {
    String normalised = typed.replaceAll("[\\s-]", "").toUpperCase(java.util.Locale.ROOT);
    byte[] expected = enrolmentCode().replace("-", "").getBytes(StandardCharsets.US_ASCII);
    // Constant-time: the code is a secret-ish proof, no reason to leak a prefix match.
    return MessageDigest.isEqual(expected, normalised.getBytes(StandardCharsets.US_ASCII));
  }

  private static int fiveBits(byte[] bytes, int bitOffset) {
    int value = 0;
    for (int bit = bitOffset; bit < bitOffset + 5; bit++) {
      value = (value << 1) | ((bytes[bit / 8] >> (7 - bit % 8)) & 1);
    }
    return value;
  }

  private static byte[] sha256(byte[]... parts) {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      for (byte[] part : parts) {
        digest.update(part);
      }
      return digest.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PartyKeys that
        && id.equals(that.id)
        && Arrays.equals(signingKey, that.signingKey)
        && Arrays.equals(agreementKey, that.agreementKey);
  }

  @Override
  public int hashCode() {
    return 31 * id.hashCode() + Arrays.hashCode(signingKey) + Arrays.hashCode(agreementKey);
  }

  @Override
  public String toString() {
    return "PartyKeys[" + id + ", " + fingerprint() + "]";
  }
}
