package org.classgate.console;

import java.util.Optional;
import org.classgate.console.auth.Session;
import org.classgate.console.auth.Stage;

/** Decides whether a caller may use a route: the single gate every API request passes. */
public final class PermissionMatrix {
  private PermissionMatrix() {}

  /** The answer, with the HTTP status a refusal gets and words for the person. */
  public record Decision(boolean allowed, int status, String message) {
    static final Decision ALLOW = new Decision(true, 200, "");

    static Decision refuse(int status, String message) {
      return new Decision(false, status, message);
    }
  }

  /**
   * @param session the caller's live session, or empty if not signed in
   */
  public static Decision decide(Route route, Optional<Session> session) {
    if (route.access() == Access.PUBLIC) {
      return Decision.ALLOW;
    }
    if (session.isEmpty()) {
      return Decision.refuse(401, "sign in first");
    }
    Stage stage = session.get().stage();
    return switch (route.access()) {
      case PUBLIC, SESSION -> Decision.ALLOW;
      case SECOND_FACTOR ->
          stage == Stage.TOTP
              ? Decision.ALLOW
              : Decision.refuse(403, "no code is waiting to be checked");
      case PASSWORD -> stage == Stage.TOTP ? needCode() : Decision.ALLOW;
      case ENROLMENT ->
          switch (stage) {
            case TOTP -> needCode();
            case PASSWORD_CHANGE -> needPassword();
            default -> Decision.ALLOW;
          };
      case ROLE ->
          switch (stage) {
            case TOTP -> needCode();
            case PASSWORD_CHANGE -> needPassword();
            case TOTP_ENROLMENT ->
                Decision.refuse(403, "set up two-factor login first: your role requires it");
            case READY ->
                route.roles().contains(session.get().role())
                    ? Decision.ALLOW
                    : Decision.refuse(
                        403, "your role (" + session.get().role().id() + ") cannot do this");
          };
    };
  }

  private static Decision needCode() {
    return Decision.refuse(403, "enter the code from your authenticator app first");
  }

  private static Decision needPassword() {
    return Decision.refuse(403, "choose a new password first");
  }
}
