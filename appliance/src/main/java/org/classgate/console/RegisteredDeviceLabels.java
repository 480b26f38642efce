package org.classgate.console;

import java.net.InetAddress;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.classgate.devices.Device;
import org.classgate.devices.DeviceRegistry;

/**
 * {@link DeviceLabels} from the device registry: a device is found by its id or, for a record that
 * has only an address (an alert), by the address it holds now. Anything not found is shown by its
 * pseudonym, so an alert list never carries a raw MAC or address. Thread-safe.
 */
public final class RegisteredDeviceLabels implements DeviceLabels {
  private final DeviceRegistry registry;
  private final UnaryOperator<String> pseudonym;

  /**
   * @param pseudonym the box's pseudonym of an id or address (activity.DevicePseudonyms::of)
   */
  public RegisteredDeviceLabels(DeviceRegistry registry, UnaryOperator<String> pseudonym) {
    this.registry = registry;
    this.pseudonym = pseudonym;
  }

  @Override
  public Lookup now() throws org.classgate.store.StoreException {
    Map<String, String> byId = new HashMap<>();
    Map<String, String> byAddress = new HashMap<>();
    List<Device> devices = registry.all();
    for (Device device : devices) {
      String label = label(device);
      byId.put(device.mac().toString(), label);
      for (InetAddress address : device.addresses()) {
        byAddress.put(address.getHostAddress(), label);
      }
    }
    return (deviceId, client) -> {
      String known = deviceId == null ? null : byId.get(deviceId);
      if (known == null && client != null) {
        known = byAddress.get(client);
      }
      if (known != null) {
        return known;
      }
      String key = deviceId != null ? deviceId : client;
      return key == null ? "" : "device " + pseudonym.apply(key).substring(0, 8);
    };
  }

  private String label(Device device) {
    if (device.name() != null && !device.name().isBlank()) {
      return device.name();
    }
    if (device.hostname() != null && !device.hostname().isBlank()) {
      return device.hostname();
    }
    return "device " + pseudonym.apply(device.mac().toString()).substring(0, 8);
  }
}
