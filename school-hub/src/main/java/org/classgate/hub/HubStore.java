package org.classgate.hub;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.classgate.store.StoreException;
import org.classgate.sync.PartyKeys;
import org.classgate.sync.RecordKind;
import org.classgate.sync.SyncRecord;

/**
 * The hub's storage: enrolled boxes and the records they delivered. One implementation, {@code
 * hub.store.JdbcHubStore}, on SQLite (a school) or PostgreSQL (a trust or local authority), so
 * every method is one small transaction with no database-specific semantics in its contract.
 * Implementations are thread-safe.
 */
public interface HubStore extends AutoCloseable {
  /** The box with {@code id}, in whatever status; empty if it never asked to enrol. */
  Optional<BoxEntry> box(UUID id) throws StoreException;

  /** Every box, pending, approved and removed, in the order they asked to enrol. */
  List<BoxEntry> boxes() throws StoreException;

  /** How many boxes are pending now (to bound unauthenticated enrolment requests). */
  int pendingCount() throws StoreException;

  /**
   * Records a new pending box, or replaces the keys and classroom of a box that is still pending (a
   * box that lost its keys and asked again). Boxes that are approved or removed are not touched.
   *
   * @return the box as stored afterwards
   */
  BoxEntry requestEnrolment(PartyKeys keys, String classroom, Instant at) throws StoreException;

  /**
   * Sets the status of box {@code id} if it is now {@code from}.
   *
   * @return whether it changed
   */
  boolean changeStatus(UUID id, BoxStatus from, BoxStatus to, Instant at) throws StoreException;

  /**
   * Pins {@code keys} (same id) for an approved box, remembering the signing key they replace; the
   * box's sequence state is kept.
   *
   * @return whether the box was approved and is now updated
   */
  boolean replaceKeys(PartyKeys keys, Instant at) throws StoreException;

  /**
   * Stores the records of one opened envelope of box {@code box}, in one transaction: records
   * already held (same box and sequence) are skipped, the envelope's bytes are kept as evidence
   * when it brought anything new, the box's highest contiguous sequence is advanced and its last
   * contact set.
   *
   * @param signerKey the box's signing public key the envelope verified with
   * @return how many records were new, and the box's highest contiguous sequence afterwards
   */
  Stored storeEnvelope(
      UUID box, byte[] signerKey, byte[] envelope, List<SyncRecord> records, Instant at)
      throws StoreException;

  /** Outcome of {@link #storeEnvelope}. */
  record Stored(int newRecords, long acknowledged) {}

  /** The records of box {@code box} from {@code fromSequence}, in order, at most {@code limit}. */
  List<SyncRecord> records(UUID box, long fromSequence, int limit) throws StoreException;

  /** How many records of box {@code box} are stored. */
  long recordCount(UUID box) throws StoreException;

  /**
   * The stored envelopes of box {@code box} with their id, the signing key they verified with and
   * their bytes, oldest first, at most {@code limit} after envelope id {@code afterId}.
   */
  List<StoredEnvelope> envelopes(UUID box, long afterId, int limit) throws StoreException;

  /** One envelope as received and kept. */
  record StoredEnvelope(long id, UUID box, byte[] signerKey, byte[] bytes, Instant receivedAt) {}

  // ---- reads for the staff views (portable SQL; added for issue 7's web views) ----

  /** The hub's web accounts, in this database, for the console's account rules. */
  org.classgate.console.auth.AccountStore accounts();

  /**
   * The newest record of {@code kind} from box {@code box} that is not a tombstone; empty if none.
   */
  Optional<BoxRecord> latestRecord(UUID box, RecordKind kind) throws StoreException;

  /**
   * Records of {@code kind} from every box, tombstones left out, in (box, sequence) order, at most
   * {@code limit}, strictly after {@code after} (null: from the start): page through with the last
   * one's {@link BoxRecord#position()}.
   */
  List<BoxRecord> recordsOfKind(RecordKind kind, Position after, int limit) throws StoreException;

  /**
   * Records of {@code kind} from box {@code box} with a sequence above {@code afterSequence}, in
   * sequence order, tombstones left out, at most {@code limit}.
   */
  List<BoxRecord> recordsOfKind(UUID box, RecordKind kind, long afterSequence, int limit)
      throws StoreException;

  /**
   * How many records of box {@code box} wait behind a gap (stored above the acknowledged sequence)
   * and how many arrived as tombstones (dropped on the box when its outbox was full).
   */
  RecordCounts recordCounts(UUID box) throws StoreException;

  /** Where a record sits in the (box, sequence) order. */
  record Position(UUID box, long sequence) {}

  /** One stored record with its box and when the hub received it. */
  record BoxRecord(UUID box, long sequence, RecordKind kind, byte[] payload, Instant receivedAt) {
    public Position position() {
      return new Position(box, sequence);
    }
  }

  /** Outcome of {@link #recordCounts}. */
  record RecordCounts(long waitingBehindGap, long lost) {}

  @Override
  void close();
}
