package org.classgate.control;

/**
 * A control command refused or failed in a way the client should see: the message becomes the
 * {@code ERR} reply, so it says what was wrong and what is allowed.
 */
public final class ControlException extends Exception {
  private static final long serialVersionUID = 1L;

  public ControlException(String message) {
    super(message);
  }
}
