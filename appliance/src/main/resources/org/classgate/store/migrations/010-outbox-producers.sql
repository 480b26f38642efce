-- The sync outbox's producers (issue 7). An alert keeps its device's registry id, so the record
-- sent to the hub carries the same pseudonym as the device's activity summaries (pseudonyms are of
-- the device id, or of the address while the device is unknown).
ALTER TABLE alert ADD COLUMN device_id TEXT;

-- The last local day whose activity summaries were queued for the hub (org.classgate.app
-- SyncProducers): a day is summarised once, after it ends, and a box that was off catches up.
CREATE TABLE sync_summary_state (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  last_day  TEXT
);
INSERT INTO sync_summary_state (singleton, last_day) VALUES (1, NULL);
