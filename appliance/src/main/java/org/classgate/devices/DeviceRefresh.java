package org.classgate.devices;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.classgate.store.StoreException;
import org.tinylog.TaggedLogger;

/**
 * Keeps the running box in step with the registry: when the registry's revision moves (a lease
 * event recorded here, or a teacher's decision made by the {@code classgate devices} command in
 * another process), it reloads the devices, swaps the {@link DeviceIdentity} table and tells the
 * {@link AccessControlPlane} what changed — {@code apply} for every device whose access changed,
 * {@code forget} for every device that left the registry, and {@code setConsoleAccess} for every
 * device whose console access ({@link ClassPolicy#consoleAccess}) changed. The first round applies
 * every device. Console access is granted after the device's access and withdrawn before it, so no
 * moment has a device reaching the console with less than the class decided.
 *
 * <p>A plane that fails for a device (the firewall refused) is logged and retried at the next
 * round, whether or not the registry moved; a failed round keeps the last table in force and never
 * stops the schedule. Thread-safe: rounds are serialised.
 */
public final class DeviceRefresh implements AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("devices");

  private final DeviceRegistry registry;
  private final DeviceIdentity identity;
  private final AccessControlPlane plane;
  private final ClassPolicy policy;
  private final ScheduledExecutorService scheduler;

  /** What the plane was last told successfully, per device; guarded by this. */
  private final Map<MacAddress, DeviceAccess> applied = new HashMap<>();

  /** The devices the plane was last told may reach the console; guarded by this. */
  private final java.util.Set<MacAddress> console = new java.util.HashSet<>();

  /** The revision of the last good round; -1 before the first. Guarded by this. */
  private long revision = -1;

  private boolean retry;

  /** Devices waiting for a teacher at the last good round; replaced whole. */
  private volatile List<Device> waiting = List.of();

  /** Devices the firewall refused at the last round, by MAC; guarded by this. */
  private final Map<MacAddress, String> refused = new HashMap<>();

  public DeviceRefresh(
      DeviceRegistry registry,
      DeviceIdentity identity,
      AccessControlPlane plane,
      ClassPolicy policy) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.identity = Objects.requireNonNull(identity, "identity");
    this.plane = Objects.requireNonNull(plane, "plane");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.scheduler =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "device-refresh");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Runs the first round now (so the box starts with the registry's view), then one every {@code
   * period}.
   *
   * @throws StoreException if the registry cannot be read at all: the box should not start blind
   */
  public DeviceRefresh start(Duration period) throws StoreException {
    round(true);
    long millis = period.toMillis();
    scheduler.scheduleWithFixedDelay(this::check, millis, millis, TimeUnit.MILLISECONDS);
    return this;
  }

  /** One round now, if the registry moved or a device is waiting for a retry; never throws. */
  public void check() {
    try {
      round(false);
    } catch (StoreException | RuntimeException e) {
      LOG.error("could not refresh devices (keeping the last table): {}", e.getMessage());
    }
  }

  private synchronized void round(boolean first) throws StoreException {
    long now = registry.revision();
    if (!first && now == revision && !retry) {
      return;
    }
    List<Device> devices = registry.all();
    identity.update(devices);
    waiting = devices.stream().filter(d -> d.approval() == ApprovalState.QUARANTINED).toList();
    retry = false;
    Map<MacAddress, DeviceAccess> wanted = new HashMap<>();
    java.util.Set<MacAddress> wantedConsole = new java.util.HashSet<>();
    for (Device device : devices) {
      wanted.put(device.mac(), policy.accessOf(device));
      if (policy.consoleAccess(device)) {
        wantedConsole.add(device.mac());
      }
    }
    for (MacAddress mac : List.copyOf(console)) {
      if (!wantedConsole.contains(mac)) {
        tellConsole(mac, false);
      }
    }
    for (MacAddress gone : List.copyOf(applied.keySet())) {
      if (!wanted.containsKey(gone)) {
        tell(gone, null);
      }
    }
    for (Map.Entry<MacAddress, DeviceAccess> entry : wanted.entrySet()) {
      if (entry.getValue() != applied.get(entry.getKey())) {
        tell(entry.getKey(), entry.getValue());
      }
    }
    for (MacAddress mac : wantedConsole) {
      if (!console.contains(mac) && wanted.get(mac) == applied.get(mac)) {
        tellConsole(mac, true);
      }
    }
    revision = now;
    LOG.debug(
        "devices at revision {}: {} devices, {} addresses", now, devices.size(), identity.size());
  }

  /** Applies (or with null forgets) one device; a failure is retried next round. */
  private void tell(MacAddress mac, DeviceAccess access) {
    try {
      if (access == null) {
        plane.forget(mac);
        applied.remove(mac);
      } else {
        plane.apply(mac, access);
        applied.put(mac, access);
      }
      refused.remove(mac);
    } catch (RuntimeException e) {
      retry = true;
      applied.remove(mac);
      refused.put(mac, String.valueOf(e.getMessage()));
      LOG.error(
          "the firewall did not take {} for {} (retrying): {}",
          access == null ? "forget" : access,
          mac,
          e.getMessage());
    }
  }

  /** Grants or withdraws console access for one device; a failure is retried next round. */
  private void tellConsole(MacAddress mac, boolean allowed) {
    try {
      plane.setConsoleAccess(mac, allowed);
      if (allowed) {
        console.add(mac);
      } else {
        console.remove(mac);
      }
      refused.remove(mac);
    } catch (RuntimeException e) {
      retry = true;
      // Not knowing what the plane holds: a grant is retried next round, and so is a withdrawal
      // (the device stays in the set of those to withdraw).
      if (allowed) {
        console.remove(mac);
      } else {
        console.add(mac);
      }
      refused.put(mac, String.valueOf(e.getMessage()));
      LOG.error(
          "the firewall did not take console {} for {} (retrying): {}",
          allowed ? "access" : "withdrawal",
          mac,
          e.getMessage());
    }
  }

  /** The devices waiting for a teacher, as of the last round (the console's "new device"). */
  public List<Device> waiting() {
    return waiting;
  }

  /**
   * What is wrong now, for the box's health display: the devices whose access the firewall refused
   * (retried every round). Empty when all is well.
   */
  public synchronized List<String> problems() {
    List<String> problems = new java.util.ArrayList<>();
    for (Map.Entry<MacAddress, String> entry : refused.entrySet()) {
      problems.add(
          "the firewall refused the access of device " + entry.getKey() + ": " + entry.getValue());
    }
    return problems;
  }

  @Override
  public void close() {
    scheduler.shutdownNow();
  }
}
