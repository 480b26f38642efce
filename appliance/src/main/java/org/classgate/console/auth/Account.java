package org.classgate.console.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * A console user as stored. Immutable.
 *
 * @param name the user name, unique ignoring case; as typed at creation
 * @param role what the user may do
 * @param passwordHash the current password's Argon2id hash (PHC format)
 * @param temporary whether the password was set by an administrator and must be changed at the next
 *     login
 * @param passwordChanged when the password was last set
 * @param failedAttempts failed logins since the last success or unlock
 * @param locked whether logins are refused until an administrator unlocks the account
 * @param totpSecret the base32 TOTP secret, or null if two-factor login is not enrolled
 * @param totpLastStep the last TOTP step accepted (replay protection), -1 if none
 */
public record Account(
    String name,
    Role role,
    String passwordHash,
    boolean temporary,
    Instant passwordChanged,
    int failedAttempts,
    boolean locked,
    String totpSecret,
    long totpLastStep) {
  public Account {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(passwordHash, "passwordHash");
    Objects.requireNonNull(passwordChanged, "passwordChanged");
  }

  public boolean totpEnrolled() {
    return totpSecret != null;
  }

  /** The account without its secrets, for listings. */
  public Summary summary() {
    return new Summary(name, role, temporary, passwordChanged, locked, totpSecret != null);
  }

  /** What an administrator sees of an account. */
  public record Summary(
      String name,
      Role role,
      boolean temporary,
      Instant passwordChanged,
      boolean locked,
      boolean totpEnrolled) {}
}
