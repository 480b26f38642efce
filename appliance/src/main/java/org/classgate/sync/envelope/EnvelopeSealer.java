package org.classgate.sync.envelope;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.List;
import java.util.Objects;
import org.classgate.sync.PartyKeys;
import org.classgate.sync.SyncRecord;
import org.classgate.sync.crypto.AgreementKey;
import org.classgate.sync.crypto.ChaChaPoly;
import org.classgate.sync.crypto.SigningKey;
import org.classgate.sync.crypto.SyncKeys;

/**
 * Seals batches of a box's records for the hub: encrypted to the hub's X25519 key, signed with the
 * box's Ed25519 key. Thread-safe (the random source is; keys are immutable).
 */
public final class EnvelopeSealer {
  private final SyncKeys box;
  private final byte[] signerKeyId;
  private final byte[] recipientKey;
  private final byte[] recipientKeyId;
  private final SecureRandom random;

  /**
   * @param box the sending box's keys
   * @param hub the hub's pinned public keys
   * @param random a cryptographically strong source for the ephemeral keys
   */
  public EnvelopeSealer(SyncKeys box, PartyKeys hub, SecureRandom random) {
    this.box = Objects.requireNonNull(box, "box");
    this.signerKeyId = box.publicKeys().signingKeyId();
    this.recipientKey = hub.agreementKey();
    this.recipientKeyId = hub.agreementKeyId();
    this.random = Objects.requireNonNull(random, "random");
  }

  /**
   * Seals {@code records}, which must be non-empty and contiguous in sequence.
   *
   * @return the envelope's bytes: header, ciphertext, signature
   */
  public byte[] seal(List<SyncRecord> records) {
    if (records.isEmpty()) {
      throw new IllegalArgumentException("nothing to seal");
    }
    long first = records.get(0).sequence();
    for (int i = 1; i < records.size(); i++) {
      if (records.get(i).sequence() != first + i) {
        throw new IllegalArgumentException(
            "records are not contiguous: "
                + records.get(i).sequence()
                + " after "
                + (first + i - 1));
      }
    }
    int plaintextLength = RecordCodec.encodedLength(records);
    byte[] plaintext = new byte[plaintextLength];
    RecordCodec.encode(records, plaintext, 0);

    AgreementKey ephemeral = AgreementKey.generate(random);
    byte[] ephemeralKey = ephemeral.publicKey();
    // The hub's key was pinned at enrolment and checked then; a low-order key here is a bug.
    byte[] shared =
        ephemeral
            .agree(recipientKey)
            .orElseThrow(() -> new IllegalStateException("the hub's pinned X25519 key is invalid"));
    int ciphertextLength = plaintextLength + ChaChaPoly.TAG_LENGTH;
    EnvelopeHeader header =
        new EnvelopeHeader(
            box.id(),
            signerKeyId,
            recipientKeyId,
            first,
            first + records.size() - 1,
            records.size(),
            ephemeralKey,
            ciphertextLength);
    byte[] headerBytes = header.toBytes();
    byte[] key = Envelopes.payloadKey(shared, ephemeralKey, recipientKey, headerBytes);

    byte[] envelope = new byte[EnvelopeHeader.LENGTH + ciphertextLength + Envelopes.TRAILER_LENGTH];
    ByteBuffer.wrap(envelope).put(headerBytes);
    ChaChaPoly.sealInto(
        key,
        Envelopes.NONCE,
        headerBytes,
        plaintext,
        0,
        plaintextLength,
        envelope,
        EnvelopeHeader.LENGTH);
    int signed = EnvelopeHeader.LENGTH + ciphertextLength;
    byte[] signature = box.signing().sign(envelope, 0, signed);
    System.arraycopy(signature, 0, envelope, signed, SigningKey.SIGNATURE_LENGTH);
    return envelope;
  }

  /**
   * Bytes an envelope adds to its records' payloads: header, tag, signature, per-record framing.
   */
  public static long overhead(int recordCount) {
    return EnvelopeHeader.LENGTH
        + ChaChaPoly.TAG_LENGTH
        + Envelopes.TRAILER_LENGTH
        + (long) Envelopes.RECORD_OVERHEAD * recordCount;
  }
}
