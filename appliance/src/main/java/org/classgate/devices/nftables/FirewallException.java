package org.classgate.devices.nftables;

/**
 * The firewall could not be brought to the state asked for. Unchecked because {@link
 * org.classgate.devices.AccessControlPlane}'s methods declare none; the caller must not report the
 * change as done.
 */
public final class FirewallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public FirewallException(String message) {
    super(message);
  }

  public FirewallException(String message, Throwable cause) {
    super(message, cause);
  }
}
