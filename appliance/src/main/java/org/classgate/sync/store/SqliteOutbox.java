package org.classgate.sync.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.sync.Outbox;
import org.classgate.sync.OutboxLimits;
import org.classgate.sync.OutboxStatus;
import org.classgate.sync.RecordKind;
import org.classgate.sync.SyncRecord;
import org.tinylog.TaggedLogger;

/**
 * The outbox in the box's SQLite database (migration 007). Capabilities add records with {@link
 * #append} inside their own transaction, so a record and its outbox row commit or roll back
 * together. Sequences come from a counter row advanced in that same transaction, so they are
 * contiguous from 1 — unlike {@link org.classgate.time.TrustedTime}'s stamps, which may skip a
 * block after a crash — because the hub acknowledges the highest contiguous sequence it holds and a
 * gap would stall acknowledgements for ever. Thread-safe: SQLite serialises the writers.
 */
public final class SqliteOutbox implements Outbox, OutboundRecords {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("sync");

  /** Droppable kinds in the order they are dropped. */
  private static final List<RecordKind> DROP_ORDER =
      Arrays.stream(RecordKind.values())
          .filter(RecordKind::droppable)
          .sorted(Comparator.comparingInt(RecordKind::dropOrder))
          .toList();

  /** Bytes of framing each record adds to a batch (kind, flags, length), as in the envelope. */
  private static final int RECORD_FRAMING = 6;

  private final Database database;
  private final OutboxLimits limits;

  public SqliteOutbox(Database database, OutboxLimits limits) {
    this.database = Objects.requireNonNull(database, "database");
    this.limits = Objects.requireNonNull(limits, "limits");
  }

  /**
   * Adds a record to the outbox inside the caller's transaction on {@code connection} (from {@link
   * Database#transaction}); it is sent once that transaction commits and vanishes if it rolls back.
   * If the queue then exceeds its bound, the oldest droppable records are dropped in the same
   * transaction (never incidents, alerts, change logs or device changes).
   *
   * @return the record's sequence number
   * @throws IllegalArgumentException if the payload exceeds {@link OutboxLimits#maxRecordBytes}
   */
  @Override
  public long append(Connection connection, RecordKind kind, byte[] payload) throws SQLException {
    if (payload.length > limits.maxRecordBytes()) {
      throw new IllegalArgumentException(
          kind
              + " record of "
              + payload.length
              + " bytes, the limit is "
              + limits.maxRecordBytes());
    }
    // The UPDATE takes SQLite's write lock before the read, so no other writer can take the same
    // number in between.
    try (PreparedStatement advance =
        connection.prepareStatement(
            "UPDATE outbox_state SET next_seq = next_seq + 1, queued_bytes = queued_bytes + ?"
                + " WHERE id = 1")) {
      advance.setLong(1, payload.length);
      advance.executeUpdate();
    }
    long sequence;
    long queued;
    try (PreparedStatement read =
            connection.prepareStatement(
                "SELECT next_seq - 1, queued_bytes FROM outbox_state WHERE id = 1");
        ResultSet row = read.executeQuery()) {
      row.next();
      sequence = row.getLong(1);
      queued = row.getLong(2);
    }
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO outbox (seq, kind, payload) VALUES (?, ?, ?)")) {
      insert.setLong(1, sequence);
      insert.setInt(2, kind.code());
      insert.setBytes(3, payload);
      insert.executeUpdate();
    }
    if (queued > limits.maxQueuedBytes()) {
      dropToBound(connection, queued);
    }
    return sequence;
  }

  /** Drops the oldest droppable records, lowest drop order first, until within the bound. */
  private void dropToBound(Connection connection, long queued) throws SQLException {
    long droppedRecords = 0;
    long droppedBytes = 0;
    for (RecordKind kind : DROP_ORDER) {
      while (queued - droppedBytes > limits.maxQueuedBytes()) {
        long[] oldest = oldestLive(connection, kind);
        if (oldest == null) {
          break;
        }
        try (PreparedStatement drop =
            connection.prepareStatement(
                "UPDATE outbox SET dropped = 1, payload = X'' WHERE seq = ?")) {
          drop.setLong(1, oldest[0]);
          drop.executeUpdate();
        }
        droppedRecords++;
        droppedBytes += oldest[1];
      }
    }
    if (droppedRecords == 0) {
      return;
    }
    try (PreparedStatement count =
        connection.prepareStatement(
            "UPDATE outbox_state SET queued_bytes = queued_bytes - ?,"
                + " dropped_records = dropped_records + ?, dropped_bytes = dropped_bytes + ?"
                + " WHERE id = 1")) {
      count.setLong(1, droppedBytes);
      count.setLong(2, droppedRecords);
      count.setLong(3, droppedBytes);
      count.executeUpdate();
    }
    LOG.warn(
        "outbox over its bound of {} bytes: dropped {} oldest records ({} bytes)",
        limits.maxQueuedBytes(),
        droppedRecords,
        droppedBytes);
  }

  /** {sequence, payload length} of the oldest live record of {@code kind}, or null. */
  private static long[] oldestLive(Connection connection, RecordKind kind) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT seq, length(payload) FROM outbox WHERE kind = ? AND dropped = 0"
                + " ORDER BY seq LIMIT 1")) {
      select.setInt(1, kind.code());
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? new long[] {row.getLong(1), row.getLong(2)} : null;
      }
    }
  }

  @Override
  public List<SyncRecord> nextBatch(long afterSequence, int maxRecords, int maxBytes)
      throws StoreException {
    if (maxRecords < 1 || maxBytes < 1) {
      throw new IllegalArgumentException("batch limits must be positive");
    }
    return database.transaction(
        "reading the next outbox batch",
        connection -> {
          List<SyncRecord> batch = new ArrayList<>();
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT seq, kind, dropped, payload FROM outbox"
                      + " WHERE seq > max(?, (SELECT acked_seq FROM outbox_state WHERE id = 1))"
                      + " ORDER BY seq LIMIT ?")) {
            select.setLong(1, afterSequence);
            select.setInt(2, maxRecords);
            try (ResultSet rows = select.executeQuery()) {
              long bytes = 0;
              while (rows.next()) {
                byte[] payload = rows.getBytes(4);
                int length = payload == null ? 0 : payload.length;
                if (!batch.isEmpty() && bytes + RECORD_FRAMING + length > maxBytes) {
                  break;
                }
                bytes += RECORD_FRAMING + length;
                batch.add(toRecord(rows.getLong(1), rows.getInt(2), rows.getInt(3), payload));
              }
            }
          }
          return batch;
        });
  }

  private static SyncRecord toRecord(long sequence, int code, int dropped, byte[] payload)
      throws SQLException {
    RecordKind kind =
        RecordKind.ofCode(code)
            .orElseThrow(() -> new SQLException("outbox row " + sequence + " has kind " + code));
    return dropped == 1
        ? SyncRecord.tombstone(sequence, kind)
        : SyncRecord.of(sequence, kind, payload == null ? new byte[0] : payload);
  }

  @Override
  public boolean acknowledge(long sequence) throws StoreException {
    return database.transaction(
        "pruning acknowledged outbox records",
        connection -> {
          OutboxStatus status = readStatus(connection);
          if (sequence >= status.nextSequence()) {
            throw new SQLException(
                "the hub acknowledged sequence "
                    + sequence
                    + " but the box has assigned only up to "
                    + (status.nextSequence() - 1)
                    + "; refusing to prune (was the box's or the hub's database restored?)");
          }
          if (sequence <= status.acknowledged()) {
            return false;
          }
          long pruned;
          try (PreparedStatement sum =
              connection.prepareStatement(
                  "SELECT coalesce(sum(length(payload)), 0) FROM outbox WHERE seq <= ?")) {
            sum.setLong(1, sequence);
            try (ResultSet row = sum.executeQuery()) {
              row.next();
              pruned = row.getLong(1);
            }
          }
          try (PreparedStatement delete =
              connection.prepareStatement("DELETE FROM outbox WHERE seq <= ?")) {
            delete.setLong(1, sequence);
            delete.executeUpdate();
          }
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE outbox_state SET acked_seq = ?, queued_bytes = queued_bytes - ?"
                      + " WHERE id = 1")) {
            update.setLong(1, sequence);
            update.setLong(2, pruned);
            update.executeUpdate();
          }
          return true;
        });
  }

  @Override
  public OutboxStatus status() throws StoreException {
    return database.transaction("reading the outbox status", SqliteOutbox::readStatus);
  }

  private static OutboxStatus readStatus(Connection connection) throws SQLException {
    try (PreparedStatement select =
            connection.prepareStatement(
                "SELECT next_seq, acked_seq, queued_bytes, dropped_records, dropped_bytes"
                    + " FROM outbox_state WHERE id = 1");
        ResultSet row = select.executeQuery()) {
      row.next();
      return new OutboxStatus(
          row.getLong(1), row.getLong(2), row.getLong(3), row.getLong(4), row.getLong(5));
    }
  }
}
