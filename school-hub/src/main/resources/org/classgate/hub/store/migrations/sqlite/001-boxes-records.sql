-- The hub's classroom boxes (org.classgate.hub.store.JdbcHubStore, SQLite). One row per box that ever
-- asked to enrol; keys are the pinned raw 32-byte public keys.
CREATE TABLE box (
  id                    TEXT PRIMARY KEY,
  signing_key           BLOB NOT NULL,
  agreement_key         BLOB NOT NULL,
  -- The signing key before the last rotation: a box that lost the answer may repeat it.
  previous_signing_key  BLOB,
  status                TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'removed')),
  classroom             TEXT NOT NULL,
  requested_at          TEXT NOT NULL,
  changed_at            TEXT NOT NULL,
  last_contact          TEXT,
  -- Every record of the box up to and including this sequence is stored (the acknowledgement).
  acked_seq             INTEGER NOT NULL DEFAULT 0,
  enrol_order           INTEGER NOT NULL
);

-- Each envelope that brought new records, exactly as received: the signed evidence behind them.
CREATE TABLE envelope (
  id           INTEGER PRIMARY KEY,
  box          TEXT    NOT NULL REFERENCES box (id),
  first_seq    INTEGER NOT NULL,
  last_seq     INTEGER NOT NULL,
  received_at  TEXT    NOT NULL,
  signer_key   BLOB    NOT NULL,
  bytes        BLOB    NOT NULL
);
CREATE INDEX envelope_box ON envelope (box, id);

-- The records, once each: (box, seq) is the key, so a duplicate delivery cannot store twice.
CREATE TABLE record (
  box          TEXT    NOT NULL REFERENCES box (id),
  seq          INTEGER NOT NULL,
  kind         INTEGER NOT NULL,
  dropped      INTEGER NOT NULL CHECK (dropped IN (0, 1)),
  payload      BLOB    NOT NULL,
  envelope     INTEGER NOT NULL REFERENCES envelope (id),
  received_at  TEXT    NOT NULL,
  PRIMARY KEY (box, seq)
) WITHOUT ROWID;
