package org.classgate.console.auth;

/** How far a signed-in session has got; only {@link #READY} sessions reach the console's pages. */
public enum Stage {
  /** The password was right; the TOTP code is still to come. */
  TOTP,
  /** The password is temporary or expired and must be changed first. */
  PASSWORD_CHANGE,
  /** The role requires two-factor login and none is enrolled yet. */
  TOTP_ENROLMENT,
  /** Fully signed in. */
  READY
}
