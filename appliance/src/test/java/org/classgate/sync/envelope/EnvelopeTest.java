package org.classgate.sync.envelope;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import org.classgate.sync.RecordKind;
import org.classgate.sync.SyncRecord;
import org.classgate.sync.crypto.AgreementKey;
import org.classgate.sync.crypto.SigningKey;
import org.classgate.sync.crypto.SyncKeys;
import org.junit.jupiter.api.Test;

class EnvelopeTest {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SyncKeys box = SyncKeys.generate(RANDOM);
  private final SyncKeys hub = SyncKeys.generate(RANDOM);
  private final MapReceiverState state = new MapReceiverState().enrol(box.publicKeys());
  private final EnvelopeOpener opener = new EnvelopeOpener(hub, EnvelopeLimits.DEFAULT, state);
  private final EnvelopeSealer sealer = new EnvelopeSealer(box, hub.publicKeys(), RANDOM);

  static List<SyncRecord> records(long first) {
    return List.of(
        SyncRecord.of(first, RecordKind.INCIDENT, bytes("{\"incident\":1,\"button\":true}")),
        SyncRecord.tombstone(first + 1, RecordKind.ACTIVITY_SUMMARY),
        SyncRecord.of(first + 2, RecordKind.ALERT, new byte[0]),
        SyncRecord.of(first + 3, RecordKind.CHANGE_LOG, bytes("unblock example.org 45 min")));
  }

  private static byte[] bytes(String text) {
    return text.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void opensWhatWasSealedWithEveryRecordIntact() throws Exception {
    byte[] envelope = sealer.seal(records(10));
    OpenedEnvelope opened = opener.open(envelope);
    assertEquals(records(10), opened.records());
    EnvelopeHeader header = opened.header();
    assertEquals(box.id(), header.boxId());
    assertEquals(10, header.firstSequence());
    assertEquals(13, header.lastSequence());
    assertEquals(4, header.recordCount());
    long payload = records(10).stream().mapToLong(SyncRecord::payloadLength).sum();
    assertEquals(payload + EnvelopeSealer.overhead(4), envelope.length);
  }

  @Test
  void payloadsAreNotVisibleInTheEnvelopeAndEachSealIsFresh() {
    byte[] first = sealer.seal(records(1));
    byte[] second = sealer.seal(records(1));
    String clear = new String(first, StandardCharsets.ISO_8859_1);
    assertEquals(-1, clear.indexOf("incident"));
    assertEquals(-1, clear.indexOf("example.org"));
    assertNotEquals(
        Arrays.toString(Arrays.copyOfRange(first, 73, 105)),
        Arrays.toString(Arrays.copyOfRange(second, 73, 105)),
        "a fresh ephemeral key per envelope");
  }

  @Test
  void refusesAnEnvelopeSealedToAnotherHub() {
    SyncKeys otherHub = SyncKeys.generate(RANDOM);
    byte[] envelope = new EnvelopeSealer(box, otherHub.publicKeys(), RANDOM).seal(records(1));
    assertRejected(Rejection.WRONG_RECIPIENT, envelope);
  }

  @Test
  void refusesUnknownAndRemovedBoxes() {
    SyncKeys stranger = SyncKeys.generate(RANDOM);
    assertRejected(
        Rejection.UNKNOWN_BOX,
        new EnvelopeSealer(stranger, hub.publicKeys(), RANDOM).seal(records(1)));
    byte[] envelope = sealer.seal(records(1));
    state.remove(box.id());
    assertRejected(Rejection.UNKNOWN_BOX, envelope);
  }

  @Test
  void refusesAnEnvelopeSignedWithAKeyNotPinnedForTheBox() {
    SyncKeys impostor =
        new SyncKeys(box.id(), SigningKey.generate(RANDOM), AgreementKey.generate(RANDOM));
    byte[] envelope = new EnvelopeSealer(impostor, hub.publicKeys(), RANDOM).seal(records(1));
    assertRejected(Rejection.WRONG_SIGNER, envelope);
  }

  @Test
  void refusesAReplayOnceTheReceiverHasStoredTheRange() throws Exception {
    byte[] envelope = sealer.seal(records(5));
    opener.open(envelope);
    state.storedUpTo(box.id(), 8);
    assertRejected(Rejection.REPLAYED, envelope);
    state.storedUpTo(box.id(), 7);
    assertEquals(4, opener.open(envelope).records().size(), "a partly stored batch is opened");
  }

  @Test
  void refusesOversizedEnvelopesBeforeAnyCryptography() {
    byte[] envelope = sealer.seal(records(1));
    EnvelopeOpener small =
        new EnvelopeOpener(hub, new EnvelopeLimits(envelope.length - 1, 100), state);
    assertRejected(Rejection.OVERSIZED, small, envelope);
    EnvelopeOpener few = new EnvelopeOpener(hub, new EnvelopeLimits(1 << 20, 3), state);
    assertRejected(Rejection.OVERSIZED, few, envelope);
  }

  @Test
  void refusesTruncatedAndExtendedEnvelopes() {
    byte[] envelope = sealer.seal(records(1));
    for (int length : new int[] {0, 1, 100, EnvelopeHeader.LENGTH, envelope.length - 1}) {
      assertRejected(Rejection.TRUNCATED, Arrays.copyOf(envelope, length));
    }
    assertRejected(Rejection.MALFORMED, Arrays.copyOf(envelope, envelope.length + 1));
  }

  @Test
  void refusesAnyOtherVersion() {
    byte[] envelope = sealer.seal(records(1));
    envelope[4] = 2;
    assertRejected(Rejection.UNSUPPORTED_VERSION, envelope);
  }

  @Test
  void aValidlySignedEnvelopeThatDoesNotDecryptIsRefused() {
    // What only a buggy (or key-confused) enrolled box could send: signed by it, but the
    // ciphertext or the ephemeral key was changed before signing.
    byte[] badCiphertext = sealer.seal(records(1));
    badCiphertext[EnvelopeHeader.LENGTH + 3] ^= 1;
    assertRejected(Rejection.UNDECRYPTABLE, resigned(badCiphertext));

    byte[] lowOrder = sealer.seal(records(1));
    Arrays.fill(lowOrder, 73, 105, (byte) 0);
    assertRejected(Rejection.UNDECRYPTABLE, resigned(lowOrder));
  }

  @Test
  void everySingleByteChangeIsRefusedAndNothingIsReturned() {
    byte[] envelope = sealer.seal(records(1));
    for (int position = 0; position < envelope.length; position++) {
      for (int mask : new int[] {0x01, 0x80, 0xff, 1 + RANDOM.nextInt(255)}) {
        byte[] mutated = envelope.clone();
        mutated[position] ^= (byte) mask;
        int at = position;
        assertThrows(
            EnvelopeRejected.class,
            () -> opener.open(mutated),
            () -> "byte " + at + " xor " + mask + " was accepted");
      }
    }
  }

  @Test
  void changesThatKeepTheHeaderConsistentAreCaughtByTheSignature() {
    byte[] envelope = sealer.seal(records(1));
    // A shifted sequence range, the ephemeral key, the ciphertext, the signature itself.
    byte[] shifted = envelope.clone();
    ByteBuffer.wrap(shifted).putLong(53, 2).putLong(61, 5);
    assertRejected(Rejection.BAD_SIGNATURE, shifted);
    for (int position : new int[] {73, 104, 110, envelope.length - 64, envelope.length - 1}) {
      byte[] mutated = envelope.clone();
      mutated[position] ^= 0x10;
      assertRejected(Rejection.BAD_SIGNATURE, mutated);
    }
  }

  @Test
  void sealerRefusesNonContiguousOrEmptyBatches() {
    assertThrows(IllegalArgumentException.class, () -> sealer.seal(List.of()));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            sealer.seal(
                List.of(
                    SyncRecord.of(1, RecordKind.ALERT, new byte[1]),
                    SyncRecord.of(3, RecordKind.ALERT, new byte[1]))));
  }

  @Test
  void theHeaderRoundTrips() throws Exception {
    byte[] envelope = sealer.seal(records(77));
    EnvelopeHeader header = EnvelopeHeader.read(envelope);
    assertArrayEquals(Arrays.copyOf(envelope, EnvelopeHeader.LENGTH), header.toBytes());
    assertArrayEquals(box.publicKeys().signingKeyId(), header.signerKeyId());
    assertArrayEquals(hub.publicKeys().agreementKeyId(), header.recipientKeyId());
  }

  private byte[] resigned(byte[] envelope) {
    int signed = envelope.length - SigningKey.SIGNATURE_LENGTH;
    byte[] signature = box.signing().sign(envelope, 0, signed);
    System.arraycopy(signature, 0, envelope, signed, signature.length);
    return envelope;
  }

  private void assertRejected(Rejection reason, byte[] envelope) {
    assertRejected(reason, opener, envelope);
  }

  private static void assertRejected(Rejection reason, EnvelopeOpener opener, byte[] envelope) {
    EnvelopeRejected rejected = assertThrows(EnvelopeRejected.class, () -> opener.open(envelope));
    assertEquals(reason, rejected.reason(), rejected.getMessage());
  }
}
