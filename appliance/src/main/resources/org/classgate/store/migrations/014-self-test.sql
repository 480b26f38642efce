-- The filtering self-test's runs (org.classgate.filter.selftest): dated evidence for the school's
-- annual filtering review. Each run carries trusted time (sequence, boot, monotonic and wall clocks,
-- synchronised?) like incidents, and who ran it; its results are one row per check and profile.
CREATE TABLE self_test_run (
  id            INTEGER PRIMARY KEY,
  seq           INTEGER NOT NULL UNIQUE,
  boot_id       TEXT    NOT NULL,
  mono_nanos    INTEGER NOT NULL,
  wall_millis   INTEGER NOT NULL,
  synchronised  INTEGER NOT NULL CHECK (synchronised IN (0, 1)),
  run_by        TEXT    NOT NULL,
  failures      INTEGER NOT NULL CHECK (failures >= 0)
);

CREATE TABLE self_test_result (
  run_id    INTEGER NOT NULL REFERENCES self_test_run (id),
  position  INTEGER NOT NULL,
  check_id  TEXT    NOT NULL,
  title     TEXT    NOT NULL,
  profile   TEXT    NOT NULL,
  name      TEXT,
  expected  TEXT,
  verdict   TEXT,
  outcome   TEXT    NOT NULL
            CHECK (outcome IN ('passed', 'failed', 'information', 'not-configured')),
  detail    TEXT    NOT NULL,
  PRIMARY KEY (run_id, position)
) WITHOUT ROWID;
