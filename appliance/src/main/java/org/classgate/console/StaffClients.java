package org.classgate.console;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.classgate.devices.ClassPolicy;
import org.classgate.devices.Device;
import org.classgate.devices.DeviceRegistry;
import org.classgate.dns.Subnet;
import org.classgate.store.StoreException;
import org.tinylog.TaggedLogger;

/**
 * The console's client gate: staff devices and the management side only. In order:
 *
 * <ol>
 *   <li>an address a registered device holds: allowed only if the school's class table gives that
 *       device the console ({@link ClassPolicy#consoleAccess}: approved, a console class such as
 *       staff-owned, full network access) — a pupil's, a visitor's, a waiting or a blocked device
 *       is refused, wherever its address is;
 *   <li>any other address in the classroom (quarantine) subnets: an unknown device, refused;
 *   <li>loopback (the box itself) and the configured management networks: allowed;
 *   <li>anything else: refused.
 * </ol>
 *
 * <p>This is the application half of "staff only"; the firewall half is the console set the {@code
 * DeviceRefresh} keeps (the same {@link ClassPolicy#consoleAccess} decision), so a pupil's device
 * is stopped by both. The device table is reloaded when the registry's revision moves (one small
 * query per request). A registry that cannot be read refuses everyone but loopback. Thread-safe.
 */
public final class StaffClients implements ClientGate {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("console");

  private final DeviceRegistry registry;
  private final ClassPolicy policy;
  private final List<Subnet> classroom;
  private final List<Subnet> management;

  /** Address → whether the device holding it may use the console; replaced whole. */
  private volatile Table table = new Table(-1, Map.of());

  private record Table(long revision, Map<InetAddress, Boolean> byAddress) {}

  /**
   * @param registry the device registry
   * @param policy the school's class table
   * @param classroom the classroom subnets, where an unknown address is an unknown device
   * @param management networks staff manage the box from ({@code console.management-networks})
   */
  public StaffClients(
      DeviceRegistry registry,
      ClassPolicy policy,
      List<Subnet> classroom,
      List<Subnet> management) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.classroom = List.copyOf(classroom);
    this.management = List.copyOf(management);
  }

  @Override
  public boolean allows(InetAddress client) {
    Boolean device;
    try {
      device = current().byAddress().get(client);
    } catch (StoreException | RuntimeException e) {
      LOG.error("console access: cannot read the device registry, refusing {}: {}", client, e);
      return client.isLoopbackAddress();
    }
    if (device != null) {
      return device;
    }
    if (within(classroom, client)) {
      return false;
    }
    return client.isLoopbackAddress() || within(management, client);
  }

  private Table current() throws StoreException {
    long revision = registry.revision();
    Table known = table;
    if (known.revision() == revision) {
      return known;
    }
    Map<InetAddress, Boolean> byAddress = new HashMap<>();
    for (Device device : registry.all()) {
      boolean staff = policy.consoleAccess(device);
      for (InetAddress address : device.addresses()) {
        // An address two devices claim (a stale lease) goes to the stricter answer.
        byAddress.merge(address, staff, Boolean::logicalAnd);
      }
    }
    Table fresh = new Table(revision, Map.copyOf(byAddress));
    table = fresh;
    return fresh;
  }

  private static boolean within(List<Subnet> subnets, InetAddress client) {
    for (Subnet subnet : subnets) {
      if (subnet.contains(client)) {
        return true;
      }
    }
    return false;
  }
}
