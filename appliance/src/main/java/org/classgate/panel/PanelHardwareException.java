package org.classgate.panel;

/** The panel hardware is missing or failed; the message says which part and why. */
public final class PanelHardwareException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public PanelHardwareException(String message, Throwable cause) {
    super(message, cause);
  }
}
