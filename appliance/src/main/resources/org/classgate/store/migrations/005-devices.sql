-- The device registry (org.classgate.devices.store.SqliteDeviceRegistry).
-- Every time is a time.Stamp in five columns: <prefix>_seq (box sequence, orders everything),
-- <prefix>_boot (kernel boot id), <prefix>_mono (monotonic ns within that boot), <prefix>_wall
-- (wall clock, ms since the epoch, as read) and <prefix>_sync (1 if the wall clock was
-- synchronised then), so records made before NTP can be re-based later.

-- One row per known device, keyed by its canonical MAC (lower case, colon-separated). Text columns
-- hold exactly what a teacher or a CSV file gave; output escapes them.
CREATE TABLE device (
  mac           TEXT    PRIMARY KEY CHECK (length(mac) = 17),
  name          TEXT,
  device_class  TEXT    CHECK (device_class IN ('school-single-user', 'school-shared',
                                 'authorised', 'pupil-owned', 'staff-owned', 'visitor-owned')),
  owner         TEXT,
  approval      TEXT    NOT NULL CHECK (approval IN ('quarantined', 'approved', 'blocked')),
  hostname      TEXT,
  notes         TEXT,
  randomised    INTEGER NOT NULL CHECK (randomised IN (0, 1)),
  first_seq     INTEGER, first_boot TEXT, first_mono INTEGER, first_wall INTEGER, first_sync INTEGER,
  last_seq      INTEGER, last_boot  TEXT, last_mono  INTEGER, last_wall  INTEGER, last_sync  INTEGER,
  changed_seq   INTEGER NOT NULL, changed_boot TEXT NOT NULL, changed_mono INTEGER NOT NULL,
  changed_wall  INTEGER NOT NULL, changed_sync INTEGER NOT NULL,
  CHECK (approval <> 'approved' OR device_class IS NOT NULL)
);

-- The addresses devices hold now, from their DHCP leases. An address belongs to one device at a
-- time: a new lease of the address moves it.
CREATE TABLE device_address (
  address   TEXT    PRIMARY KEY,
  mac       TEXT    NOT NULL REFERENCES device (mac) ON DELETE CASCADE,
  seen_seq  INTEGER NOT NULL, seen_boot TEXT NOT NULL, seen_mono INTEGER NOT NULL,
  seen_wall INTEGER NOT NULL, seen_sync INTEGER NOT NULL
);

CREATE INDEX device_address_by_mac ON device_address (mac);

-- What happened to devices: quarantined (first seen, or seen again after being forgotten),
-- approved, class-changed, blocked, forgotten, imported. Kept when a device is forgotten, so no
-- foreign key: this is the record of quarantine events and teacher decisions.
CREATE TABLE device_event (
  id         INTEGER PRIMARY KEY,
  mac        TEXT    NOT NULL,
  kind       TEXT    NOT NULL CHECK (kind IN ('quarantined', 'approved', 'class-changed',
                                              'blocked', 'forgotten', 'imported')),
  detail     TEXT    NOT NULL,
  at_seq     INTEGER NOT NULL, at_boot TEXT NOT NULL, at_mono INTEGER NOT NULL,
  at_wall    INTEGER NOT NULL, at_sync INTEGER NOT NULL
);

CREATE INDEX device_event_by_kind ON device_event (kind);

-- Raised in the same transaction as every change that alters who is who (a new device, an address,
-- a class, an approval), so a running box notices changes made by another process (the
-- 'classgate devices' command) by reading one row.
CREATE TABLE device_registry_head (
  singleton INTEGER PRIMARY KEY CHECK (singleton = 1),
  revision  INTEGER NOT NULL
);

INSERT INTO device_registry_head (singleton, revision) VALUES (1, 0);
