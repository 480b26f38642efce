-- The filtering configuration in force at the last start, one row per item (e.g.
-- 'profile.pupil.block' -> 'gambling, games'). At each start the box compares the configuration
-- with these rows, appends a change_log row per changed item, and replaces them, in one
-- transaction (org.classgate.filter.store.SqliteConfigSnapshot). No rows: no run recorded one yet.
CREATE TABLE config_snapshot (
  item  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
