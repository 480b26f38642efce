package org.classgate.sync.envelope;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import org.classgate.sync.PartyKeys;

/**
 * The clear-text header of a sealed envelope: who sent it, with which key, to which key, which
 * records. All of it is authenticated twice: it is the AEAD's associated data and it is covered by
 * the sender's signature. Layout (big-endian, {@value #LENGTH} bytes):
 *
 * <pre>
 *   0  4  magic "CGSE"
 *   4  1  version (1)
 *   5 16  box id (UUID)
 *  21 16  signer key id    (first 16 bytes of SHA-256 of the box's Ed25519 public key)
 *  37 16  recipient key id (first 16 bytes of SHA-256 of the hub's X25519 public key)
 *  53  8  first sequence (from 1)
 *  61  8  last sequence  (= first + record count - 1)
 *  69  4  record count (from 1)
 *  73 32  ephemeral X25519 public key
 * 105  4  ciphertext length (AEAD tag included)
 * </pre>
 *
 * followed by the ciphertext and a 64-byte Ed25519 signature over everything before it. Immutable.
 */
public record EnvelopeHeader(
    UUID boxId,
    byte[] signerKeyId,
    byte[] recipientKeyId,
    long firstSequence,
    long lastSequence,
    int recordCount,
    byte[] ephemeralKey,
    int ciphertextLength) {
  public static final int LENGTH = 109;
  public static final int VERSION = 1;
  static final byte[] MAGIC = {'C', 'G', 'S', 'E'};

  public EnvelopeHeader {
    Objects.requireNonNull(boxId, "boxId");
    signerKeyId = checkedCopy(signerKeyId, PartyKeys.KEY_ID_LENGTH, "signer key id");
    recipientKeyId = checkedCopy(recipientKeyId, PartyKeys.KEY_ID_LENGTH, "recipient key id");
    ephemeralKey = checkedCopy(ephemeralKey, 32, "ephemeral key");
  }

  private static byte[] checkedCopy(byte[] bytes, int length, String what) {
    if (bytes.length != length) {
      throw new IllegalArgumentException(what + " has " + length + " bytes, not " + bytes.length);
    }
    return bytes.clone();
  }

  @Override
  public byte[] signerKeyId() {
    return signerKeyId.clone();
  }

  @Override
  public byte[] recipientKeyId() {
    return recipientKeyId.clone();
  }

  @Override
  public byte[] ephemeralKey() {
    return ephemeralKey.clone();
  }

  boolean signerIs(byte[] keyId) {
    return Arrays.equals(signerKeyId, keyId);
  }

  boolean recipientIs(byte[] keyId) {
    return Arrays.equals(recipientKeyId, keyId);
  }

  /** Writes the {@value #LENGTH} header bytes at {@code out}'s position. */
  void writeTo(ByteBuffer out) {
    out.put(MAGIC).put((byte) VERSION);
    out.putLong(boxId.getMostSignificantBits()).putLong(boxId.getLeastSignificantBits());
    out.put(signerKeyId).put(recipientKeyId);
    out.putLong(firstSequence).putLong(lastSequence).putInt(recordCount);
    out.put(ephemeralKey).putInt(ciphertextLength);
  }

  /** The header's bytes. */
  byte[] toBytes() {
    ByteBuffer out = ByteBuffer.allocate(LENGTH);
    writeTo(out);
    return out.array();
  }

  /**
   * Reads a header from the first {@value #LENGTH} bytes of {@code envelope} (checked by the
   * caller), checking only its framing: magic and version. Values are checked by {@link
   * EnvelopeOpener}.
   */
  static EnvelopeHeader read(byte[] envelope) throws EnvelopeRejected {
    ByteBuffer in = ByteBuffer.wrap(envelope, 0, LENGTH);
    byte[] magic = new byte[MAGIC.length];
    in.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new EnvelopeRejected(Rejection.MALFORMED, "not a ClassGate envelope (bad magic)");
    }
    int version = in.get() & 0xff;
    if (version != VERSION) {
      throw new EnvelopeRejected(
          Rejection.UNSUPPORTED_VERSION, "envelope version " + version + ", expected " + VERSION);
    }
    UUID box = new UUID(in.getLong(), in.getLong());
    byte[] signer = new byte[PartyKeys.KEY_ID_LENGTH];
    in.get(signer);
    byte[] recipient = new byte[PartyKeys.KEY_ID_LENGTH];
    in.get(recipient);
    long first = in.getLong();
    long last = in.getLong();
    int count = in.getInt();
    byte[] ephemeral = new byte[32];
    in.get(ephemeral);
    int ciphertextLength = in.getInt();
    return new EnvelopeHeader(
        box, signer, recipient, first, last, count, ephemeral, ciphertextLength);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof EnvelopeHeader that && Arrays.equals(toBytes(), that.toBytes());
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(toBytes());
  }

  @Override
  public String toString() {
    return "EnvelopeHeader[box "
        + boxId
        + ", sequences "
        + firstSequence
        + ".."
        + lastSequence
        + ", "
        + recordCount
        + " records, "
        + ciphertextLength
        + " ciphertext bytes]";
  }
}
