package org.classgate.console;

import org.classgate.store.StoreException;

/**
 * How the console names a device to staff: the name a teacher gave it, else the host name it gave,
 * else a pseudonym (never a raw MAC or address in an alert list). Implementations are thread-safe.
 */
@FunctionalInterface
public interface DeviceLabels {
  /** A lookup over the devices as registered now; build one per request, use it for many rows. */
  Lookup now() throws StoreException;

  /** Labels for one request. */
  @FunctionalInterface
  interface Lookup {
    /**
     * @param deviceId the registry's id, or null if the device was unknown
     * @param client the device's address, or null
     * @return never null; "" only if both are null
     */
    String label(String deviceId, String client);
  }
}
