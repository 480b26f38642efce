package org.classgate.sync.crypto;

/** The sync key file cannot be read, written or trusted. The message names the file. */
public final class KeyFileException extends Exception {
  private static final long serialVersionUID = 1L;

  public KeyFileException(String message, Throwable cause) {
    super(message, cause);
  }

  public KeyFileException(String message) {
    super(message);
  }
}
