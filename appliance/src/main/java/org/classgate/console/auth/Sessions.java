package org.classgate.console.auth;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;

/**
 * The signed-in sessions, in memory (a restart signs everyone out, which is acceptable on a box
 * that restarts rarely and safer than tokens on an SD card). A session unused for the idle timeout
 * is gone. At most {@link #MAX_SESSIONS} exist; the least recently used goes first, so a flood of
 * logins cannot exhaust memory. Thread-safe (synchronised).
 */
public final class Sessions {
  static final int MAX_SESSIONS = 512;

  private final LongSupplier nanoTime;
  private final SecureRandom random;
  private final long idleNanos;

  /** Token → session, in access order (least recently used first). Guarded by this. */
  private final LinkedHashMap<String, Session> byToken = new LinkedHashMap<>(16, 0.75f, true);

  /**
   * @param idle how long an unused session lasts; positive
   * @param nanoTime the monotonic clock (injected: tests step it)
   */
  public Sessions(Duration idle, LongSupplier nanoTime, SecureRandom random) {
    if (idle.isNegative() || idle.isZero()) {
      throw new IllegalArgumentException("idle timeout must be positive: " + idle);
    }
    this.idleNanos = idle.toNanos();
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** A new session for {@code user} at {@code stage}. */
  public synchronized Session open(String user, Role role, Stage stage) {
    expire();
    if (byToken.size() >= MAX_SESSIONS) {
      Iterator<String> oldest = byToken.keySet().iterator();
      oldest.next();
      oldest.remove();
    }
    Session session = new Session(token(), token(), user, role, stage, nanoTime.getAsLong());
    byToken.put(session.token(), session);
    return session;
  }

  /** The live session for {@code token}, marked as used now; empty if unknown or idle too long. */
  public synchronized Optional<Session> find(String token) {
    if (token == null) {
      return Optional.empty();
    }
    Session session = byToken.get(token);
    long now = nanoTime.getAsLong();
    if (session == null) {
      return Optional.empty();
    }
    if (now - session.lastUsedNanos() >= idleNanos) {
      byToken.remove(token);
      return Optional.empty();
    }
    session.touch(now);
    return Optional.of(session);
  }

  public synchronized void close(Session session) {
    byToken.remove(session.token());
  }

  /** Ends every session of {@code user} except {@code keep} (after a password change). */
  public synchronized void closeOthers(String user, Session keep) {
    byToken.values().removeIf(s -> s != keep && s.user().equalsIgnoreCase(user));
  }

  private void expire() {
    long now = nanoTime.getAsLong();
    for (Iterator<Map.Entry<String, Session>> it = byToken.entrySet().iterator(); it.hasNext(); ) {
      if (now - it.next().getValue().lastUsedNanos() >= idleNanos) {
        it.remove();
      }
    }
  }

  private String token() {
    byte[] bytes = new byte[32];
    random.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
