package org.classgate.sync.transport;

/** The hub answered and refused: {@link #status()} and {@link #error()} say how. */
public final class HubRefused extends Exception {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String error;

  public HubRefused(int status, String error) {
    super("the hub refused (HTTP " + status + "): " + error);
    this.status = status;
    this.error = error;
  }

  public int status() {
    return status;
  }

  /** The hub's error word, e.g. {@code removed}; {@code unknown} if it gave none. */
  public String error() {
    return error;
  }
}
