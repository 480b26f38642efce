package org.classgate.devices;

import java.util.List;
import java.util.Optional;
import org.classgate.store.StoreException;

/**
 * The registry of classroom devices (the port; {@code devices.store.SqliteDeviceRegistry} keeps it
 * in the box's database). Several processes may share it: the running box, which records what it
 * sees, and the {@code classgate devices} command, which records teachers' decisions; each change
 * is one transaction and raises {@link #revision()} when it changes who is who. Implementations are
 * thread-safe.
 */
public interface DeviceRegistry {
  /** What recording an event did. */
  record Sighting(Device device, boolean newlyQuarantined) {}

  /**
   * Records what the network said about a device: last seen, host name, and the lease's address
   * (held for {@code add}/{@code old}, released for {@code del}). An unknown device is registered
   * as quarantined, which is recorded as a quarantine event.
   */
  Sighting record(DeviceEvent event) throws StoreException;

  Optional<Device> find(MacAddress mac) throws StoreException;

  /** Every device, waiting ones first, then by name and MAC. */
  List<Device> all() throws StoreException;

  /**
   * Approves the device into {@code deviceClass} (registering it if it was never seen), renaming it
   * if {@code name} is non-null. Recorded as {@code approved}, or {@code class-changed} for an
   * approved device moved to another class.
   *
   * @param actor who decided (a console user, the command line's user); non-blank
   */
  Device approve(MacAddress mac, DeviceClass deviceClass, String name, String actor)
      throws StoreException;

  /**
   * Blocks the device (registering it if it was never seen); it stays blocked when seen again.
   *
   * @param actor who decided; non-blank
   */
  Device block(MacAddress mac, String actor) throws StoreException;

  /**
   * Lifts a block: the device gets back the class it had (approved into it), or waits for a teacher
   * again (quarantined) if it never had one.
   *
   * @param actor who decided; non-blank
   * @return the device as it is now, or empty if there is no such device
   * @throws IllegalStateException if the device is not blocked
   */
  Optional<Device> unblock(MacAddress mac, String actor) throws StoreException;

  /**
   * Removes the device and its addresses: seen again, it is unknown and quarantined again.
   *
   * @param actor who decided; non-blank
   * @return whether there was such a device
   */
  boolean forget(MacAddress mac, String actor) throws StoreException;

  /** The newest {@code limit} entries of the change record, newest first. */
  List<DeviceChange> changes(int limit) throws StoreException;

  /**
   * Approves every row's device into its class, all in one transaction: either every row is
   * recorded or, on any failure, none.
   *
   * @return how many devices were new to the registry
   */
  int importAll(List<DeviceImport> rows) throws StoreException;

  /** Raised by every change to devices, classes, approvals or addresses; starts at 0. */
  long revision() throws StoreException;

  /** How many times a device has been put in quarantine, ever. */
  long quarantineEvents() throws StoreException;
}
