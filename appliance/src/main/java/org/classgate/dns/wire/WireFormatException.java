package org.classgate.dns.wire;

/**
 * A DNS message could not be read or written because it breaks the wire format (RFC 1035 §4). The
 * message says what was wrong and where, so a malformed packet can be diagnosed from a log line.
 */
public final class WireFormatException extends Exception {
  private static final long serialVersionUID = 1L;

  public WireFormatException(String message) {
    super(message);
  }
}
