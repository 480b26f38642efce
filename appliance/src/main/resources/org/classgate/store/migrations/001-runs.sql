-- One row per start of the service. A row without stopped_at after a later start means the
-- service did not stop cleanly (killed, power cut): the next start reports it.
CREATE TABLE run (
  id          INTEGER PRIMARY KEY,
  boot_id     TEXT    NOT NULL,
  version     TEXT    NOT NULL,
  started_at  TEXT    NOT NULL,
  stopped_at  TEXT
);
