-- The sync outbox (org.classgate.sync.store.SqliteOutbox): every record for the school hub, written
-- in the same transaction as the record it describes. seq is the box's outbox sequence: contiguous
-- from 1 (assigned from outbox_state.next_seq inside that transaction, so a rolled-back record
-- leaves no gap), because the hub acknowledges the highest contiguous sequence it holds.
CREATE TABLE outbox (
  seq      INTEGER PRIMARY KEY,
  -- org.classgate.sync.RecordKind code.
  kind     INTEGER NOT NULL,
  -- 1 once dropped to keep the outbox within its bound: the payload is emptied, the row stays as a
  -- tombstone so the sequence stays contiguous and the hub learns what was lost.
  dropped  INTEGER NOT NULL DEFAULT 0 CHECK (dropped IN (0, 1)),
  payload  BLOB    NOT NULL
);
-- Finds the oldest record of a droppable kind quickly.
CREATE INDEX outbox_live_kind ON outbox (kind, seq) WHERE dropped = 0;

CREATE TABLE outbox_state (
  id               INTEGER PRIMARY KEY CHECK (id = 1),
  -- The sequence the next record gets.
  next_seq         INTEGER NOT NULL,
  -- The hub holds every record up to and including this one; rows up to it are pruned.
  acked_seq        INTEGER NOT NULL,
  -- Payload bytes of the rows still queued (the bound applies to this).
  queued_bytes     INTEGER NOT NULL,
  -- Records dropped since the box was installed, and their payload bytes.
  dropped_records  INTEGER NOT NULL,
  dropped_bytes    INTEGER NOT NULL
);
INSERT INTO outbox_state (id, next_seq, acked_seq, queued_bytes, dropped_records, dropped_bytes)
VALUES (1, 1, 0, 0, 0, 0);
