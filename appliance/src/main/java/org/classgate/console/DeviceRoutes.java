package org.classgate.console;

import static org.classgate.console.auth.Role.DSL;
import static org.classgate.console.auth.Role.HEADTEACHER;
import static org.classgate.console.auth.Role.ONLINE_SAFETY_OFFICER;
import static org.classgate.console.auth.Role.TECHNICIAN;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.classgate.console.auth.Role;
import org.classgate.console.auth.Session;
import org.classgate.devices.ApprovalState;
import org.classgate.devices.ClassPolicy;
import org.classgate.devices.ClassRule;
import org.classgate.devices.Device;
import org.classgate.devices.DeviceChange;
import org.classgate.devices.DeviceClass;
import org.classgate.devices.DeviceRegistry;
import org.classgate.devices.MacAddress;
import org.classgate.time.Stamp;

/**
 * The devices page's API: the devices waiting for approval, every device, and the teacher's
 * decisions on them (approve with a class, change class, block, unblock, forget), each made through
 * the {@link DeviceRegistry} with the signed-in user as its actor and put in force at once (the
 * box's device refresh tells the firewall). The {@code {name}} segment is the device's MAC address.
 * Thread-safe: the registry and the refresh are.
 */
public final class DeviceRoutes implements ConsoleModule {
  /** Who may lift a block or forget a device: every school role but teachers. */
  static final Set<Role> SENIOR_STAFF =
      EnumSet.of(ONLINE_SAFETY_OFFICER, DSL, HEADTEACHER, TECHNICIAN);

  static final Route DEVICES = Route.forRoles("GET", "/api/devices", Route.STAFF);
  static final Route APPROVE = Route.forRoles("POST", "/api/devices/{name}/approve", Route.STAFF);
  static final Route CHANGE_CLASS =
      Route.forRoles("POST", "/api/devices/{name}/class", Route.STAFF);
  static final Route BLOCK = Route.forRoles("POST", "/api/devices/{name}/block", Route.STAFF);
  static final Route UNBLOCK = Route.forRoles("POST", "/api/devices/{name}/unblock", SENIOR_STAFF);
  static final Route FORGET = Route.forRoles("DELETE", "/api/devices/{name}", SENIOR_STAFF);

  /** Rows of the change record shown at once. */
  static final int CHANGES_SHOWN = 50;

  /** The longest name a teacher may give a device, as for CSV imports. */
  static final int MAX_NAME = 100;

  private final DeviceRegistry registry;
  private final ClassPolicy classes;
  private final Runnable applyNow;

  /**
   * @param registry where devices and decisions are recorded; non-null
   * @param classes each class's access and profile, shown beside the class; non-null
   * @param applyNow puts a decision in force at once (the box's device refresh, which tells the
   *     firewall and the DNS identity table); must not throw; non-null
   */
  public DeviceRoutes(DeviceRegistry registry, ClassPolicy classes, Runnable applyNow) {
    this.registry = Objects.requireNonNull(registry, "registry");
    this.classes = Objects.requireNonNull(classes, "classes");
    this.applyNow = Objects.requireNonNull(applyNow, "applyNow");
  }

  @Override
  public Map<Route, ApiHandler> handlers() {
    Map<Route, ApiHandler> h = new LinkedHashMap<>();
    h.put(DEVICES, call -> devices());
    h.put(APPROVE, this::approve);
    h.put(CHANGE_CLASS, this::changeClass);
    h.put(BLOCK, this::block);
    h.put(UNBLOCK, this::unblock);
    h.put(FORGET, this::forget);
    return h;
  }

  private Object devices() throws Exception {
    List<Map<String, Object>> waiting = new ArrayList<>();
    List<Map<String, Object>> all = new ArrayList<>();
    for (Device device : registry.all()) {
      Map<String, Object> row = view(device);
      all.add(row);
      if (device.approval() == ApprovalState.QUARANTINED) {
        waiting.add(row);
      }
    }
    List<Map<String, Object>> classList = new ArrayList<>();
    for (DeviceClass deviceClass : DeviceClass.values()) {
      ClassRule rule = classes.rule(deviceClass);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", deviceClass.configName());
      row.put("access", access(rule));
      row.put("profile", rule.profile());
      classList.add(row);
    }
    List<Map<String, Object>> changes = new ArrayList<>();
    for (DeviceChange change : registry.changes(CHANGES_SHOWN)) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("at", change.at().wallTime().toString());
      row.put("mac", change.mac());
      row.put("kind", change.kind());
      row.put("detail", change.detail());
      row.put("actor", change.actor());
      changes.add(row);
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("waiting", waiting);
    result.put("devices", all);
    result.put("classes", classList);
    result.put("changes", changes);
    return result;
  }

  private Object approve(ApiCall call) throws Exception {
    MacAddress mac = mac(call);
    DeviceClass deviceClass = deviceClass(call.text("class"));
    String name = call.optionalText("name");
    if (name != null && (name.isBlank() || name.length() > MAX_NAME || hasControl(name))) {
      throw new ApiException(400, "a device's name is 1-" + MAX_NAME + " ordinary characters");
    }
    Device device = registry.approve(mac, deviceClass, name, actor(call));
    applyNow.run();
    return view(device);
  }

  private Object changeClass(ApiCall call) throws Exception {
    MacAddress mac = mac(call);
    DeviceClass deviceClass = deviceClass(call.text("class"));
    Device before = existing(mac);
    if (before.approval() != ApprovalState.APPROVED) {
      throw new ApiException(
          409,
          mac + " is " + before.approval() + ", not approved: approve it with a class instead");
    }
    Device device = registry.approve(mac, deviceClass, null, actor(call));
    applyNow.run();
    return view(device);
  }

  private Object block(ApiCall call) throws Exception {
    MacAddress mac = mac(call);
    existing(mac);
    Device device = registry.block(mac, actor(call));
    applyNow.run();
    return view(device);
  }

  private Object unblock(ApiCall call) throws Exception {
    MacAddress mac = mac(call);
    if (existing(mac).approval() != ApprovalState.BLOCKED) {
      throw new ApiException(409, mac + " is not blocked");
    }
    Device device;
    try {
      device = registry.unblock(mac, actor(call)).orElseThrow(() -> notFound(mac));
    } catch (IllegalStateException e) {
      // Unblocked by someone else between the check and the change.
      throw new ApiException(409, mac + " is not blocked");
    }
    applyNow.run();
    return view(device);
  }

  private Object forget(ApiCall call) throws Exception {
    MacAddress mac = mac(call);
    if (!registry.forget(mac, actor(call))) {
      throw notFound(mac);
    }
    applyNow.run();
    return Map.of("mac", mac.toString(), "forgotten", true);
  }

  private Device existing(MacAddress mac) throws Exception {
    return registry.find(mac).orElseThrow(() -> notFound(mac));
  }

  private static ApiException notFound(MacAddress mac) {
    return new ApiException(404, "no device " + mac + " in the registry");
  }

  private Map<String, Object> view(Device device) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("mac", device.mac().toString());
    row.put("name", device.name());
    row.put("hostname", device.hostname());
    row.put("state", device.approval().configName());
    row.put("class", device.deviceClass() == null ? null : device.deviceClass().configName());
    row.put("access", access(device));
    row.put("firstSeen", wall(device.firstSeen()));
    row.put("lastSeen", wall(device.lastSeen()));
    row.put("randomised", device.randomised());
    row.put("addresses", device.addresses().stream().map(InetAddress::getHostAddress).toList());
    return row;
  }

  private String access(Device device) {
    return classes.accessOf(device).name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  private static String access(ClassRule rule) {
    return rule.access().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
  }

  private static String wall(Stamp stamp) {
    return stamp == null ? null : stamp.wallTime().toString();
  }

  /** The registry's actor: the console user and their role, e.g. {@code tess (teacher)}. */
  static String actor(ApiCall call) {
    Session session = call.requireSession();
    return session.user() + " (" + session.role().id() + ")";
  }

  private static MacAddress mac(ApiCall call) throws ApiException {
    try {
      return MacAddress.parse(call.parameter());
    } catch (IllegalArgumentException e) {
      throw new ApiException(400, "not a device address (MAC such as 00:1b:63:84:45:e6)");
    }
  }

  private static DeviceClass deviceClass(String text) throws ApiException {
    return DeviceClass.named(text)
        .orElseThrow(
            () ->
                new ApiException(
                    400,
                    "unknown device class; one of "
                        + String.join(
                            ", ",
                            Arrays.stream(DeviceClass.values())
                                .map(DeviceClass::configName)
                                .toList())));
  }

  private static boolean hasControl(String text) {
    return text.chars().anyMatch(Character::isISOControl);
  }
}
