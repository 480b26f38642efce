-- The local console's accounts, their password history, the login record and the pupils' unblock
-- requests (org.classgate.console.store). Times are wall-clock milliseconds since the epoch from
-- the console's clock: password expiry and the login record are about the school's calendar.

-- One row per console user. Names are unique ignoring case. The password hash is Argon2id in the
-- PHC string format (the parameters travel with it). totp_secret is base32, NULL if not enrolled.
CREATE TABLE console_account (
  name               TEXT    PRIMARY KEY COLLATE NOCASE CHECK (length(name) BETWEEN 1 AND 64),
  role               TEXT    NOT NULL CHECK (role IN ('teacher', 'online-safety-officer', 'dsl',
                                                      'headteacher', 'technician', 'governor')),
  password_hash      TEXT    NOT NULL,
  password_temporary INTEGER NOT NULL CHECK (password_temporary IN (0, 1)),
  password_changed   INTEGER NOT NULL,
  failed_attempts    INTEGER NOT NULL DEFAULT 0 CHECK (failed_attempts >= 0),
  locked             INTEGER NOT NULL DEFAULT 0 CHECK (locked IN (0, 1)),
  totp_secret        TEXT,
  totp_last_step     INTEGER NOT NULL DEFAULT -1
);

-- Every password an account has had, newest last; the last four cannot be used again.
CREATE TABLE console_password_history (
  id            INTEGER PRIMARY KEY,
  name          TEXT    NOT NULL COLLATE NOCASE
                        REFERENCES console_account (name) ON DELETE CASCADE,
  password_hash TEXT    NOT NULL,
  set_at        INTEGER NOT NULL
);

CREATE INDEX console_password_history_by_name ON console_password_history (name, id);

-- The record of user log-ins the seeds ask for. user is what was typed (hostile text possible),
-- so no foreign key: failures for names that are no account's are recorded too.
CREATE TABLE console_login_event (
  id      INTEGER PRIMARY KEY,
  at      INTEGER NOT NULL,
  user    TEXT    NOT NULL,
  kind    TEXT    NOT NULL CHECK (kind IN ('login', 'failure', 'lockout', 'unlock',
                                           'password-changed', 'account-created',
                                           'totp-enrolled', 'logout')),
  client  TEXT,
  detail  TEXT    NOT NULL
);

-- "I think this is a mistake" from the block page: the site a pupil's device was sent away from.
CREATE TABLE unblock_request (
  id       INTEGER PRIMARY KEY,
  at       INTEGER NOT NULL,
  host     TEXT    NOT NULL CHECK (length(host) <= 253),
  category TEXT,
  client   TEXT,
  status   TEXT    NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'granted', 'refused'))
);
