-- An incident's activity snapshot as ONE packed row (org.classgate.incidents.store.SnapshotCodec)
-- instead of one incident_activity row per query. The snapshot is written in the press's
-- synchronous=FULL transaction, on the report button's way to "durable": thousands of row inserts
-- and the WAL pages they fill (and the checkpoints those pages trigger) put the press's p99 past
-- the 100 ms target; one row of about 30 bytes a query does not.
--
-- Snapshots of incidents recorded before this migration stay in incident_activity and are read
-- from there (a packed row, when present, wins); nothing new is written to it. They are not
-- converted here because the packed form is made by Java, not SQL, and a migration must not be
-- able to lose a safeguarding record half-way.
CREATE TABLE incident_snapshot (
  incident_id  INTEGER PRIMARY KEY REFERENCES incident (id),
  -- Queries in the snapshot (also inside the packed value), so a list can show it unpacked.
  entry_count  INTEGER NOT NULL,
  -- SnapshotCodec's format: its first varint is the format version.
  packed       BLOB    NOT NULL
);
