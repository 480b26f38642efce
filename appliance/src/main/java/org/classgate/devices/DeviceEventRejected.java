package org.classgate.devices;

/**
 * A device event or command that was refused; the message says why in words fit for the control
 * socket's {@code ERR} reply (it never echoes unbounded or unescaped input).
 */
public final class DeviceEventRejected extends Exception {
  private static final long serialVersionUID = 1L;

  public DeviceEventRejected(String message) {
    super(message);
  }
}
