package org.classgate.console.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * One signed-in browser. The token is the cookie's value; the CSRF token must accompany every state
 * change. Thread-safe: the stage and last use are volatile, set by the request threads.
 */
public final class Session {
  private final String token;
  private final String csrfToken;
  private final String user;
  private final Role role;
  private volatile Stage stage;
  private volatile long lastUsedNanos;
  private volatile String pendingTotpSecret;

  Session(String token, String csrfToken, String user, Role role, Stage stage, long now) {
    this.token = Objects.requireNonNull(token);
    this.csrfToken = Objects.requireNonNull(csrfToken);
    this.user = Objects.requireNonNull(user);
    this.role = Objects.requireNonNull(role);
    this.stage = Objects.requireNonNull(stage);
    this.lastUsedNanos = now;
  }

  public String token() {
    return token;
  }

  public String csrfToken() {
    return csrfToken;
  }

  public String user() {
    return user;
  }

  public Role role() {
    return role;
  }

  public Stage stage() {
    return stage;
  }

  /** Moves the session on (e.g. after the TOTP code or a password change). */
  public void advance(Stage next) {
    this.stage = Objects.requireNonNull(next);
  }

  /** The TOTP secret offered for enrolment and not yet confirmed, or null. */
  public String pendingTotpSecret() {
    return pendingTotpSecret;
  }

  public void offerTotpSecret(String secret) {
    this.pendingTotpSecret = secret;
  }

  /** Whether {@code presented} is this session's CSRF token, compared in constant time. */
  public boolean csrfMatches(String presented) {
    return presented != null
        && MessageDigest.isEqual(
            csrfToken.getBytes(StandardCharsets.US_ASCII),
            presented.getBytes(StandardCharsets.UTF_8));
  }

  long lastUsedNanos() {
    return lastUsedNanos;
  }

  void touch(long now) {
    lastUsedNanos = now;
  }
}
