-- The activity log: every DNS decision, written in batches (org.classgate.activity.ActivityWriter).
-- One row per batch, not per decision: the decisions are packed into rows_packed
-- (org.classgate.activity.ActivityBatchCodec), about 30 bytes each, because a row per decision
-- costs SQLite ten times the CPU and several times the bytes written to the SD card.
-- A batch has one trusted-time stamp (time.Stamp), and a decision stores only how long before it
-- it was made: re-basing a batch made before the clock synchronised corrects all its decisions.
CREATE TABLE activity_batch (
  sequence       INTEGER PRIMARY KEY,
  boot_id        TEXT    NOT NULL,
  monotonic_ns   INTEGER NOT NULL,
  wall_millis    INTEGER NOT NULL,
  synchronised   INTEGER NOT NULL CHECK (synchronised IN (0, 1)),
  row_count      INTEGER NOT NULL,
  -- 1 once the batch's decisions are counted in activity_daily
  counted        INTEGER NOT NULL CHECK (counted IN (0, 1)),
  rows_packed    BLOB    NOT NULL
);

CREATE INDEX activity_batch_time ON activity_batch (wall_millis);
CREATE INDEX activity_batch_uncounted ON activity_batch (boot_id) WHERE counted = 0;

-- Daily statistics, kept when retention deletes the batches. day is the local date
-- (timetable.zone), device the device id (or the client address while the device is unknown),
-- category '' counts decisions no category matched, outcome an org.classgate.dns.Outcome name.
CREATE TABLE activity_daily (
  day       TEXT    NOT NULL,
  device    TEXT    NOT NULL,
  category  TEXT    NOT NULL,
  outcome   TEXT    NOT NULL,
  count     INTEGER NOT NULL,
  PRIMARY KEY (day, device, category, outcome)
) WITHOUT ROWID;
