-- The activity log: every DNS decision, written in batches (org.classgate.activity.ActivityWriter).
-- A batch has one trusted-time stamp (time.Stamp); a row stores only how long before its batch's
-- stamp it was made, so a row's time is wall_millis - age_us / 1000 of its batch. Re-basing a
-- batch made before the clock synchronised therefore corrects its rows too, and no secondary index
-- is kept on the large table (fewer writes to the SD card): batches hold their rows' id range.
CREATE TABLE activity_batch (
  sequence      INTEGER PRIMARY KEY,
  boot_id       TEXT    NOT NULL,
  monotonic_ns  INTEGER NOT NULL,
  wall_millis   INTEGER NOT NULL,
  synchronised  INTEGER NOT NULL CHECK (synchronised IN (0, 1)),
  first_row     INTEGER NOT NULL,
  last_row      INTEGER NOT NULL,
  -- 1 once the batch's rows are counted in activity_daily
  counted       INTEGER NOT NULL CHECK (counted IN (0, 1))
);

CREATE INDEX activity_batch_time ON activity_batch (wall_millis);
CREATE INDEX activity_batch_uncounted ON activity_batch (boot_id) WHERE counted = 0;

-- One row per decision. client is the address's 4 or 16 bytes; name the question name in escaped
-- presentation form (RFC 4343: printable ASCII, exact bytes recoverable); categories a comma list
-- of category names ('' for none); outcome an org.classgate.dns.Outcome name.
CREATE TABLE activity (
  id          INTEGER PRIMARY KEY,
  age_us      INTEGER NOT NULL,
  client      BLOB    NOT NULL,
  device      TEXT,
  profile     TEXT,
  name        TEXT    NOT NULL,
  type        INTEGER NOT NULL,
  outcome     TEXT    NOT NULL,
  categories  TEXT    NOT NULL,
  latency_us  INTEGER NOT NULL
);

-- Daily statistics, kept when raw rows are deleted by retention. day is the local date
-- (timetable.zone), device the device id (or the client address while the device is unknown),
-- category '' counts decisions no category matched.
CREATE TABLE activity_daily (
  day       TEXT    NOT NULL,
  device    TEXT    NOT NULL,
  category  TEXT    NOT NULL,
  outcome   TEXT    NOT NULL,
  count     INTEGER NOT NULL,
  PRIMARY KEY (day, device, category, outcome)
) WITHOUT ROWID;
