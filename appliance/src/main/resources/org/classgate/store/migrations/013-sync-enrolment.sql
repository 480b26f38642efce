-- The box's enrolment with its school hub (org.classgate.sync.store.SqliteEnrolmentStore): the
-- hub it concerns, the hub's sync keys pinned after fetching them over the key-pinned TLS
-- connection, and where the enrolment stands. One row. The box's own keys are in its key file.
-- (Numbered 011 by the hub branch; the integrator renumbers.)
CREATE TABLE sync_enrolment (
  id                 INTEGER PRIMARY KEY CHECK (id = 1),
  hub_url            TEXT NOT NULL,
  hub_pin            TEXT NOT NULL,
  hub_id             TEXT,
  hub_signing_key    BLOB,
  hub_agreement_key  BLOB,
  status             TEXT NOT NULL CHECK (status IN ('none', 'pending', 'approved', 'removed')),
  changed_at         TEXT NOT NULL
);
