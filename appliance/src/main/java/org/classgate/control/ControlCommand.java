package org.classgate.control;

import java.util.List;

/**
 * One command of the control socket, e.g. {@code panel-press}. Implementations are thread-safe:
 * several clients may run commands at once.
 */
public interface ControlCommand {
  /** The command word clients send: lower-case letters, digits and '-', starting with a letter. */
  String name();

  /**
   * Runs the command with its decoded arguments (never null, possibly empty, each non-empty).
   *
   * @return the reply text (one line; line breaks are replaced by the server)
   * @throws ControlException for a refusal the client should see, e.g. a bad argument
   */
  String run(List<String> args) throws ControlException;
}
