package org.classgate.tls;

/** A TLS identity that cannot be made, read or used; the message names the file and the fix. */
public final class TlsException extends Exception {
  private static final long serialVersionUID = 1L;

  public TlsException(String message, Throwable cause) {
    super(message, cause);
  }

  public TlsException(String message) {
    super(message);
  }
}
