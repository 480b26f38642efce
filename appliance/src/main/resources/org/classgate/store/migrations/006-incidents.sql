-- Incidents (the seeds' e-safety "Reporting Log"), their reviews ("Record of reviewing devices /
-- internet sites") and alerts for the Designated Safeguarding Lead.
-- Every record carries a trusted-time stamp (org.classgate.time.Stamp) as five columns: seq (box
-- sequence number, orders everything), boot_id, mono_nanos, wall_millis, synchronised (0/1).

CREATE TABLE incident (
  id            INTEGER PRIMARY KEY,
  seq           INTEGER NOT NULL UNIQUE,
  boot_id       TEXT    NOT NULL,
  mono_nanos    INTEGER NOT NULL,
  wall_millis   INTEGER NOT NULL,
  synchronised  INTEGER NOT NULL,
  source        TEXT    NOT NULL CHECK (source IN ('button', 'staff')),
  classroom     TEXT    NOT NULL,
  -- Presses of the report button in this report (0 for one logged by staff).
  press_count   INTEGER NOT NULL,
  -- Reporting Log: "Incident"; when it happened if staff say so (else the stamp), "Reported By".
  description   TEXT    NOT NULL,
  occurred_at   TEXT,
  reported_by   TEXT,
  status        TEXT    NOT NULL
                CHECK (status IN ('new', 'acknowledged', 'under-review', 'closed')),
  -- The classroom's activity snapshot covers [snapshot_from, snapshot_to] (wall milliseconds).
  snapshot_from INTEGER,
  snapshot_to   INTEGER
);
CREATE INDEX incident_status ON incident (status, id);

-- Each press of the button, so a press whose acknowledgement was given can be found by its
-- sequence number (the kill test does).
CREATE TABLE incident_press (
  seq          INTEGER PRIMARY KEY,
  incident_id  INTEGER NOT NULL REFERENCES incident (id),
  boot_id      TEXT    NOT NULL,
  mono_nanos   INTEGER NOT NULL,
  wall_millis  INTEGER NOT NULL,
  synchronised INTEGER NOT NULL
);
CREATE INDEX incident_press_incident ON incident_press (incident_id);

-- The classroom's DNS activity over the minutes before the press: what was on screens.
CREATE TABLE incident_activity (
  incident_id  INTEGER NOT NULL REFERENCES incident (id),
  position     INTEGER NOT NULL,
  time_millis  INTEGER NOT NULL,
  client       TEXT    NOT NULL,
  device_id    TEXT,
  profile      TEXT,
  name         TEXT,
  type         INTEGER NOT NULL,
  outcome      TEXT    NOT NULL,
  categories   TEXT    NOT NULL,
  PRIMARY KEY (incident_id, position)
) WITHOUT ROWID;

-- What happened to an incident: status changes and actions taken ("Action Taken: What? By
-- Whom?", "Signature"; actions from the seeds' sanction tables).
CREATE TABLE incident_event (
  seq          INTEGER PRIMARY KEY,
  incident_id  INTEGER NOT NULL REFERENCES incident (id),
  boot_id      TEXT    NOT NULL,
  mono_nanos   INTEGER NOT NULL,
  wall_millis  INTEGER NOT NULL,
  synchronised INTEGER NOT NULL,
  kind         TEXT    NOT NULL CHECK (kind IN ('status', 'action')),
  status       TEXT,
  action       TEXT,
  what         TEXT,
  by_whom      TEXT    NOT NULL,
  signature    TEXT
);
CREATE INDEX incident_event_incident ON incident_event (incident_id, seq);

-- Record of reviewing devices / internet sites (responding to incidents of misuse).
CREATE TABLE incident_review (
  seq             INTEGER PRIMARY KEY,
  incident_id     INTEGER NOT NULL REFERENCES incident (id),
  boot_id         TEXT    NOT NULL,
  mono_nanos      INTEGER NOT NULL,
  wall_millis     INTEGER NOT NULL,
  synchronised    INTEGER NOT NULL,
  group_name      TEXT    NOT NULL,
  reason          TEXT    NOT NULL,
  first_name      TEXT    NOT NULL,
  first_position  TEXT    NOT NULL,
  second_name     TEXT    NOT NULL,
  second_position TEXT    NOT NULL,
  review_device   TEXT    NOT NULL,
  conclusion      TEXT
);

CREATE TABLE incident_review_concern (
  review_seq     INTEGER NOT NULL REFERENCES incident_review (seq),
  position       INTEGER NOT NULL,
  site_or_device TEXT    NOT NULL,
  reason         TEXT    NOT NULL,
  PRIMARY KEY (review_seq, position)
) WITHOUT ROWID;

-- Alerts for the DSL. sent_at stays NULL until the hub has them (the sync issue's outbox).
CREATE TABLE alert (
  seq          INTEGER PRIMARY KEY,
  boot_id      TEXT    NOT NULL,
  mono_nanos   INTEGER NOT NULL,
  wall_millis  INTEGER NOT NULL,
  synchronised INTEGER NOT NULL,
  kind         TEXT    NOT NULL,
  client       TEXT,
  category     TEXT,
  name         TEXT,
  incident_id  INTEGER REFERENCES incident (id),
  detail       TEXT    NOT NULL,
  sent_at      INTEGER
);
CREATE INDEX alert_unsent ON alert (seq) WHERE sent_at IS NULL;
CREATE INDEX alert_time ON alert (wall_millis);
