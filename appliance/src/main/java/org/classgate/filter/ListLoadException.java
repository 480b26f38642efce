package org.classgate.filter;

import java.io.IOException;

/**
 * A list source could not be read (missing, unreadable, or not laid out as a list source). The
 * message names the source and says what to fix.
 */
public final class ListLoadException extends IOException {
  private static final long serialVersionUID = 1L;

  public ListLoadException(String message) {
    super(message);
  }

  public ListLoadException(String message, Throwable cause) {
    super(message, cause);
  }
}
