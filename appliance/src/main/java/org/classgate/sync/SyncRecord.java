package org.classgate.sync;

import java.util.Arrays;
import java.util.Objects;

/**
 * One record on its way to the hub: its place in the box's contiguous sequence, its kind and its
 * payload (opaque bytes the producing capability defines). A record the outbox had to drop is still
 * sent, as a tombstone with its kind and no payload, so the sequence stays contiguous (the hub
 * acknowledges the highest contiguous sequence) and the hub learns exactly what was lost.
 * Immutable; the payload is copied in and out.
 *
 * @param sequence the box's outbox sequence number, from 1, contiguous
 * @param kind what the record is
 * @param dropped whether this is the tombstone of a dropped record (then the payload is empty)
 * @param payload the record's content; empty for a tombstone
 */
public record SyncRecord(long sequence, RecordKind kind, boolean dropped, byte[] payload) {
  public SyncRecord {
    Objects.requireNonNull(kind, "kind");
    if (sequence < 1) {
      throw new IllegalArgumentException("sequences start at 1: " + sequence);
    }
    if (dropped && payload.length != 0) {
      throw new IllegalArgumentException("a dropped record has no payload");
    }
    payload = payload.clone();
  }

  /** A record with content. */
  public static SyncRecord of(long sequence, RecordKind kind, byte[] payload) {
    return new SyncRecord(sequence, kind, false, payload);
  }

  /** The tombstone of a dropped record. */
  public static SyncRecord tombstone(long sequence, RecordKind kind) {
    return new SyncRecord(sequence, kind, true, new byte[0]);
  }

  @Override
  public byte[] payload() {
    return payload.clone();
  }

  /** The payload's length, without copying it. */
  public int payloadLength() {
    return payload.length;
  }

  /** Copies the payload into {@code target} at {@code offset}, for encoders that avoid a copy. */
  public void copyPayloadTo(byte[] target, int offset) {
    System.arraycopy(payload, 0, target, offset, payload.length);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof SyncRecord that
        && sequence == that.sequence
        && kind == that.kind
        && dropped == that.dropped
        && Arrays.equals(payload, that.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(sequence, kind, dropped) * 31 + Arrays.hashCode(payload);
  }

  @Override
  public String toString() {
    return "SyncRecord["
        + sequence
        + " "
        + kind
        + (dropped ? " dropped" : "")
        + " "
        + payload.length
        + " bytes]";
  }
}
