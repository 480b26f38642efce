package org.classgate.sync.envelope;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.classgate.sync.RecordKind;
import org.classgate.sync.SyncRecord;

/**
 * The records inside an envelope's ciphertext, in sequence order without their sequence numbers
 * (the header's first sequence plus the position): per record kind (1 byte), flags (1 byte, bit 0 =
 * dropped), payload length (4 bytes, big-endian), payload. Stateless.
 */
final class RecordCodec {
  private RecordCodec() {}

  /** The encoded length of {@code records}. */
  static int encodedLength(List<SyncRecord> records) {
    long length = 0;
    for (SyncRecord record : records) {
      length += Envelopes.RECORD_OVERHEAD + record.payloadLength();
    }
    if (length > Integer.MAX_VALUE - 1024) {
      throw new IllegalArgumentException("batch too large to seal: " + length + " bytes");
    }
    return (int) length;
  }

  /** Writes {@code records} into {@code out} at {@code offset}; returns the end offset. */
  static int encode(List<SyncRecord> records, byte[] out, int offset) {
    ByteBuffer buffer = ByteBuffer.wrap(out);
    int position = offset;
    for (SyncRecord record : records) {
      buffer.put(position, (byte) record.kind().code());
      buffer.put(position + 1, (byte) (record.dropped() ? Envelopes.FLAG_DROPPED : 0));
      buffer.putInt(position + 2, record.payloadLength());
      record.copyPayloadTo(out, position + Envelopes.RECORD_OVERHEAD);
      position += Envelopes.RECORD_OVERHEAD + record.payloadLength();
    }
    return position;
  }

  /**
   * Decodes exactly {@code count} records numbered from {@code firstSequence}, consuming all of
   * {@code plaintext}; never trusts a length field.
   *
   * @throws EnvelopeRejected ({@link Rejection#BAD_RECORDS}) for any deviation
   */
  static List<SyncRecord> decode(byte[] plaintext, long firstSequence, int count)
      throws EnvelopeRejected {
    List<SyncRecord> records = new ArrayList<>(Math.min(count, plaintext.length / 6 + 1));
    int position = 0;
    for (int index = 0; index < count; index++) {
      if (plaintext.length - position < Envelopes.RECORD_OVERHEAD) {
        throw bad("record " + index + " of " + count + " is cut short");
      }
      int code = plaintext[position] & 0xff;
      int flags = plaintext[position + 1] & 0xff;
      int length = ByteBuffer.wrap(plaintext, position + 2, 4).getInt();
      position += Envelopes.RECORD_OVERHEAD;
      Optional<RecordKind> kind = RecordKind.ofCode(code);
      if (kind.isEmpty()) {
        throw bad("record " + index + " has unknown kind " + code);
      }
      if ((flags & ~Envelopes.FLAG_DROPPED) != 0) {
        throw bad("record " + index + " has unknown flags " + flags);
      }
      if (length < 0 || length > plaintext.length - position) {
        throw bad(
            "record "
                + index
                + " claims "
                + length
                + " bytes, "
                + (plaintext.length - position)
                + " remain");
      }
      boolean dropped = (flags & Envelopes.FLAG_DROPPED) != 0;
      if (dropped && length != 0) {
        throw bad("dropped record " + index + " carries a payload");
      }
      byte[] payload = new byte[length];
      System.arraycopy(plaintext, position, payload, 0, length);
      position += length;
      records.add(new SyncRecord(firstSequence + index, kind.get(), dropped, payload));
    }
    if (position != plaintext.length) {
      throw bad((plaintext.length - position) + " bytes after the last record");
    }
    return records;
  }

  private static EnvelopeRejected bad(String detail) {
    return new EnvelopeRejected(Rejection.BAD_RECORDS, detail);
  }
}
