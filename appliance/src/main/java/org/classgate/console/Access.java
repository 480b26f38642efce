package org.classgate.console;

/** What a route asks of the caller before any role is considered. */
public enum Access {
  /** Anyone, signed in or not (setup, login). */
  PUBLIC,
  /** Any session, at any stage (who am I, sign out). */
  SESSION,
  /** A session waiting for its TOTP code. */
  SECOND_FACTOR,
  /** A session past the password (and TOTP code) check: it may change its password. */
  PASSWORD,
  /** A session whose password is settled: it may enrol two-factor login. */
  ENROLMENT,
  /** A fully signed-in session whose role the route lists. */
  ROLE
}
