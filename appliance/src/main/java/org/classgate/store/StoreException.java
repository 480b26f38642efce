package org.classgate.store;

/**
 * The database could not be opened, migrated or written. Carries the file and what was being done.
 */
public final class StoreException extends Exception {
  private static final long serialVersionUID = 1L;

  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
