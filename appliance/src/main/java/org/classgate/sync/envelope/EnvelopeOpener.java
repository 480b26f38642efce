package org.classgate.sync.envelope;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.classgate.sync.PartyKeys;
import org.classgate.sync.SyncRecord;
import org.classgate.sync.crypto.ChaChaPoly;
import org.classgate.sync.crypto.SigningKey;
import org.classgate.sync.crypto.SyncKeys;

/**
 * Opens envelopes at the receiver, strictly: the checks run cheapest first and each failure is a
 * {@link Rejection}. Size limits come before any cryptography; the signature is verified before
 * decryption, so nothing from an unauthenticated sender is ever decrypted; the replay check comes
 * after the signature, so a forged header cannot probe the receiver's state. Thread-safe if the
 * {@link ReceiverState} is.
 */
public final class EnvelopeOpener {
  private final SyncKeys receiver;
  private final byte[] receiverKeyId;
  private final EnvelopeLimits limits;
  private final ReceiverState state;

  public EnvelopeOpener(SyncKeys receiver, EnvelopeLimits limits, ReceiverState state) {
    this.receiver = Objects.requireNonNull(receiver, "receiver");
    this.receiverKeyId = receiver.publicKeys().agreementKeyId();
    this.limits = Objects.requireNonNull(limits, "limits");
    this.state = Objects.requireNonNull(state, "state");
  }

  /**
   * Verifies and decrypts {@code envelope}.
   *
   * @throws EnvelopeRejected with the first reason found; nothing was decrypted unless the
   *     signature was good, and nothing is returned
   */
  public OpenedEnvelope open(byte[] envelope) throws EnvelopeRejected {
    EnvelopeHeader header = checkFraming(envelope);
    if (!header.recipientIs(receiverKeyId)) {
      throw new EnvelopeRejected(
          Rejection.WRONG_RECIPIENT, "sealed to another key than this receiver's, from " + header);
    }
    PartyKeys sender =
        state
            .pinnedKeys(header.boxId())
            .orElseThrow(
                () ->
                    new EnvelopeRejected(
                        Rejection.UNKNOWN_BOX, "box " + header.boxId() + " is not enrolled"));
    if (!header.signerIs(sender.signingKeyId())) {
      throw new EnvelopeRejected(
          Rejection.WRONG_SIGNER, "signed with a key not pinned for box " + header.boxId());
    }
    int signed = EnvelopeHeader.LENGTH + header.ciphertextLength();
    if (!SigningKey.verify(sender.signingKey(), envelope, 0, signed, envelope, signed)) {
      throw new EnvelopeRejected(Rejection.BAD_SIGNATURE, "signature does not verify: " + header);
    }
    long stored = state.highestContiguous(header.boxId());
    if (header.lastSequence() <= stored) {
      throw new EnvelopeRejected(
          Rejection.REPLAYED, header + " is already stored (up to " + stored + ")");
    }
    byte[] plaintext = decrypt(envelope, header);
    List<SyncRecord> records =
        RecordCodec.decode(plaintext, header.firstSequence(), header.recordCount());
    return new OpenedEnvelope(header, records);
  }

  /** Length, magic, version and the header's internal consistency; no cryptography. */
  private EnvelopeHeader checkFraming(byte[] envelope) throws EnvelopeRejected {
    if (envelope.length > limits.maxBytes()) {
      throw new EnvelopeRejected(
          Rejection.OVERSIZED, envelope.length + " bytes, the limit is " + limits.maxBytes());
    }
    if (envelope.length < EnvelopeHeader.LENGTH + Envelopes.TRAILER_LENGTH) {
      throw new EnvelopeRejected(
          Rejection.TRUNCATED, "only " + envelope.length + " bytes, shorter than a header");
    }
    EnvelopeHeader header = EnvelopeHeader.read(envelope);
    int count = header.recordCount();
    if (count < 1 || count > limits.maxRecords()) {
      throw new EnvelopeRejected(
          count < 1 ? Rejection.MALFORMED : Rejection.OVERSIZED,
          count + " records, allowed 1.." + limits.maxRecords());
    }
    long ciphertextLength = header.ciphertextLength();
    long expected = EnvelopeHeader.LENGTH + ciphertextLength + Envelopes.TRAILER_LENGTH;
    if (ciphertextLength < 0 || expected > limits.maxBytes()) {
      throw new EnvelopeRejected(
          Rejection.OVERSIZED, "declares " + ciphertextLength + " ciphertext bytes");
    }
    if (envelope.length < expected) {
      throw new EnvelopeRejected(
          Rejection.TRUNCATED, envelope.length + " bytes, the header declares " + expected);
    }
    if (envelope.length > expected) {
      throw new EnvelopeRejected(
          Rejection.MALFORMED, (envelope.length - expected) + " bytes after the signature");
    }
    if (ciphertextLength < ChaChaPoly.TAG_LENGTH + (long) Envelopes.RECORD_OVERHEAD * count) {
      throw new EnvelopeRejected(
          Rejection.MALFORMED,
          ciphertextLength + " ciphertext bytes cannot hold " + count + " records");
    }
    if (header.firstSequence() < 1 || header.lastSequence() != header.firstSequence() + count - 1) {
      throw new EnvelopeRejected(
          Rejection.MALFORMED,
          "sequences "
              + header.firstSequence()
              + ".."
              + header.lastSequence()
              + " do not hold "
              + count
              + " records");
    }
    return header;
  }

  private byte[] decrypt(byte[] envelope, EnvelopeHeader header) throws EnvelopeRejected {
    byte[] ephemeralKey = header.ephemeralKey();
    Optional<byte[]> shared = receiver.agreement().agree(ephemeralKey);
    if (shared.isEmpty()) {
      throw new EnvelopeRejected(Rejection.UNDECRYPTABLE, "invalid ephemeral key in " + header);
    }
    byte[] headerBytes = Arrays.copyOf(envelope, EnvelopeHeader.LENGTH);
    byte[] key =
        Envelopes.payloadKey(
            shared.get(), ephemeralKey, receiver.agreement().publicKey(), headerBytes);
    return ChaChaPoly.open(
            key,
            Envelopes.NONCE,
            headerBytes,
            envelope,
            EnvelopeHeader.LENGTH,
            header.ciphertextLength())
        .orElseThrow(
            () ->
                new EnvelopeRejected(
                    Rejection.UNDECRYPTABLE, "ciphertext does not authenticate: " + header));
  }
}
