-- The console's devices and filtering pages (issue 6).

-- Device decisions now name who made them. SQLite cannot change a CHECK constraint in place, so
-- device_event is rebuilt with an actor column and the 'unblocked' kind; its rows are copied
-- unchanged (their actor is NULL: recorded before actors were).
CREATE TABLE device_event_new (
  id         INTEGER PRIMARY KEY,
  mac        TEXT    NOT NULL,
  kind       TEXT    NOT NULL CHECK (kind IN ('quarantined', 'approved', 'class-changed',
                                              'blocked', 'unblocked', 'forgotten', 'imported')),
  detail     TEXT    NOT NULL,
  actor      TEXT,
  at_seq     INTEGER NOT NULL, at_boot TEXT NOT NULL, at_mono INTEGER NOT NULL,
  at_wall    INTEGER NOT NULL, at_sync INTEGER NOT NULL
);

INSERT INTO device_event_new (id, mac, kind, detail, at_seq, at_boot, at_mono, at_wall, at_sync)
  SELECT id, mac, kind, detail, at_seq, at_boot, at_mono, at_wall, at_sync FROM device_event;

DROP TABLE device_event;

ALTER TABLE device_event_new RENAME TO device_event;

CREATE INDEX device_event_by_kind ON device_event (kind);

-- A pupil's unblock request is closed by a member of staff: granted (with the allowance made for
-- it) or refused (with the reason the pupil's teacher gave).
ALTER TABLE unblock_request ADD COLUMN closed_at INTEGER;

ALTER TABLE unblock_request ADD COLUMN closed_by TEXT;

ALTER TABLE unblock_request ADD COLUMN close_reason TEXT;

ALTER TABLE unblock_request ADD COLUMN allowance_id INTEGER;
