package org.classgate.devices;

import java.util.List;
import java.util.Objects;
import org.classgate.store.StoreException;
import org.tinylog.TaggedLogger;

/**
 * The {@code device-event} control command: what dnsmasq's {@code dhcp-script} and hostapd's action
 * script report (through {@code scripts/classgate-dhcp-event} and {@code
 * scripts/classgate-hostapd-event}) recorded in the registry, unknown devices quarantined, and the
 * running box's identity table and firewall brought up to date at once.
 *
 * <p>Arguments as {@link DeviceEventParser} reads them. The reply is one line of text; a refusal is
 * a {@link DeviceEventRejected} whose message is the {@code ERR} text. Hostile input (bad MACs,
 * addresses, host names, wrong argument counts) is refused, never a crash; a store failure is a
 * refusal too. Shaped like the control socket's {@code ControlCommand} ({@code name()}, {@code
 * run(List<String>)}) so the composition root can register it. Thread-safe.
 */
public final class DeviceEventCommand {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("devices");

  public static final String NAME = "device-event";

  private final DeviceRegistry registry;
  private final Runnable changed;

  /**
   * @param registry where events are recorded
   * @param changed run after every recorded event (the box's {@link DeviceRefresh#check}); must not
   *     throw
   */
  public DeviceEventCommand(DeviceRegistry registry, Runnable changed) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.changed = Objects.requireNonNull(changed, "changed");
  }

  public String name() {
    return NAME;
  }

  /**
   * @return a short description of what was recorded, e.g. {@code 02:…:01 quarantined (new device)}
   * @throws DeviceEventRejected for anything that is not a valid event, or that could not be stored
   */
  public String run(List<String> args) throws DeviceEventRejected {
    DeviceEvent event = DeviceEventParser.parse(args);
    DeviceRegistry.Sighting sighting;
    try {
      sighting = registry.record(event);
    } catch (StoreException | RuntimeException e) {
      LOG.error("could not record {}: {}", event, e.getMessage());
      throw new DeviceEventRejected("could not record the event: the registry failed");
    }
    changed.run();
    Device device = sighting.device();
    return device.mac()
        + " "
        + device.approval()
        + (sighting.newlyQuarantined() ? " (new device, waiting for a teacher)" : "")
        + (device.deviceClass() == null ? "" : " as " + device.deviceClass());
  }
}
