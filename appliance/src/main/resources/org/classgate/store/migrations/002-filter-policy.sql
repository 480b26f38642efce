-- Filtering policy: temporary allowances and the change-control log.
-- Times are ISO-8601 instants as java.time.Instant writes them. Comparisons happen in Java, not in
-- SQL, because those strings do not sort by time when their fractions differ in length.

-- One row per allowance ever approved. The ended_* columns are set once, when it is revoked or
-- housekeeping finds it expired; rows are never deleted (the audit trail points at them).
CREATE TABLE allowance (
  id             INTEGER PRIMARY KEY,
  domain         TEXT    NOT NULL,
  scope_kind     TEXT    NOT NULL CHECK (scope_kind IN ('profile', 'device', 'classroom')),
  scope_value    TEXT,
  starts_at      TEXT    NOT NULL,
  expires_at     TEXT    NOT NULL,
  reason         TEXT    NOT NULL,
  requested_by   TEXT    NOT NULL,
  requester_role TEXT    NOT NULL,
  approved_by    TEXT    NOT NULL,
  approver_role  TEXT    NOT NULL,
  approved_at    TEXT    NOT NULL,
  categories     TEXT    NOT NULL,
  risk           TEXT    NOT NULL CHECK (risk IN ('LOW', 'HIGH')),
  created_change INTEGER,
  ended_at       TEXT,
  ended_how      TEXT    CHECK (ended_how IN ('revoked', 'expired')),
  ended_by       TEXT,
  end_reason     TEXT,
  ended_change   INTEGER
);

CREATE INDEX allowance_in_force ON allowance (id) WHERE ended_at IS NULL;

-- The change-control log. Row n's hash is SHA-256(hash of row n-1 || canonical encoding of row n)
-- (org.classgate.filter.changelog.ChangeChain). Ids run 1, 2, 3 without gaps: the writer takes
-- them from change_log_head, never from SQLite, so a deleted row leaves a visible gap.
CREATE TABLE change_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT    NOT NULL,
  actor       TEXT    NOT NULL,
  action      TEXT    NOT NULL,
  before_text TEXT,
  after_text  TEXT,
  reason      TEXT    NOT NULL,
  approved_by TEXT,
  hash        BLOB    NOT NULL
);

-- The last row written, kept beside the log so that rows deleted from its end are detected too.
CREATE TABLE change_log_head (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  last_id   INTEGER NOT NULL,
  last_hash BLOB    NOT NULL
);

INSERT INTO change_log_head (singleton, last_id, last_hash) VALUES (1, 0, zeroblob(32));

-- Append-only against mistakes (a stray UPDATE from a maintenance shell). Someone who drops these
-- triggers can still edit rows, and the hash chain then reports it.
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;

CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log BEGIN SELECT RAISE(ABORT, 'change_log is append-only'); END;
