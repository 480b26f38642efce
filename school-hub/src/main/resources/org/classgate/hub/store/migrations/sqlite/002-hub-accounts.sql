-- The hub's web accounts (org.classgate.hub.store.JdbcAccountStore), under the box console's
-- rules. Times are wall-clock milliseconds since the epoch. name_key is the lower-cased name: user
-- names are unique ignoring case without a database-specific collation. The queries are portable
-- SQL; only the generated ids differ from PostgreSQL's copy (INTEGER PRIMARY KEY here).
CREATE TABLE hub_account (
  name_key           TEXT    PRIMARY KEY,
  name               TEXT    NOT NULL CHECK (length(name) BETWEEN 1 AND 64),
  role               TEXT    NOT NULL CHECK (role IN ('teacher', 'online-safety-officer', 'dsl',
                                                      'headteacher', 'technician', 'governor')),
  password_hash      TEXT    NOT NULL,
  password_temporary INTEGER NOT NULL CHECK (password_temporary IN (0, 1)),
  password_changed   BIGINT  NOT NULL,
  failed_attempts    INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked             INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
  totp_secret        TEXT,
  totp_last_step     BIGINT  NOT NULL DEFAULT -1
);

-- Every password an account has had; only the reuse window is kept.
CREATE TABLE hub_password_history (
  id            INTEGER PRIMARY KEY,
  name_key      TEXT    NOT NULL REFERENCES hub_account (name_key) ON DELETE CASCADE,
  password_hash TEXT    NOT NULL,
  set_at        BIGINT  NOT NULL
);
CREATE INDEX hub_password_history_by_name ON hub_password_history (name_key, id);

-- The record of log-ins. login_user is what was typed (hostile text possible): no foreign key.
CREATE TABLE hub_login_event (
  id          INTEGER PRIMARY KEY,
  at          BIGINT  NOT NULL,
  login_user  TEXT    NOT NULL,
  kind        TEXT    NOT NULL,
  client      TEXT,
  detail      TEXT    NOT NULL
);
