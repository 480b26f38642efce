package org.classgate.console.auth;

import java.time.Instant;
import java.util.Objects;

/**
 * One line of the login record the seeds ask for. Immutable. The user name is what was typed, so it
 * may be hostile text: anything showing it must escape it.
 *
 * @param at when it happened (wall clock)
 * @param user the user name given (for failures, possibly no account's)
 * @param kind what happened
 * @param client the client address, or null
 * @param detail a short explanation
 */
public record LoginEvent(Instant at, String user, Kind kind, String client, String detail) {
  public LoginEvent {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(detail, "detail");
  }

  /** The kinds of event, stored by {@link #id()}. */
  public enum Kind {
    LOGIN("login"),
    FAILURE("failure"),
    LOCKOUT("lockout"),
    UNLOCK("unlock"),
    PASSWORD_CHANGED("password-changed"),
    ACCOUNT_CREATED("account-created"),
    TOTP_ENROLLED("totp-enrolled"),
    LOGOUT("logout");

    private final String id;

    Kind(String id) {
      this.id = id;
    }

    public String id() {
      return id;
    }

    /** The kind stored as {@code id}; throws on an unknown one (the table's CHECK prevents it). */
    public static Kind fromId(String id) {
      for (Kind kind : values()) {
        if (kind.id.equals(id)) {
          return kind;
        }
      }
      throw new IllegalArgumentException("unknown login event kind " + id);
    }
  }
}
