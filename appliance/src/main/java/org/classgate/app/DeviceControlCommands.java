package org.classgate.app;

import java.util.List;
import org.classgate.control.ControlCommand;
import org.classgate.control.ControlException;
import org.classgate.devices.DeviceEventCommand;
import org.classgate.devices.DeviceEventRejected;
import org.classgate.devices.DeviceRefresh;

/**
 * The running box's device commands on the control socket: {@code device-event} (what the DHCP and
 * Wi-Fi shims report) and {@code devices-refresh} (the nudge {@code classgate devices} sends after
 * a teacher's decision, so it takes effect at once instead of at the next refresh round). Both are
 * thread-safe: the refresh serialises its rounds.
 */
final class DeviceControlCommands {
  static final String REFRESH = "devices-refresh";

  private DeviceControlCommands() {}

  static List<ControlCommand> of(DeviceEventCommand events, DeviceRefresh refresh) {
    return List.of(deviceEvent(events), refresh(refresh));
  }

  /** {@code device-event}: a refusal of the event becomes the {@code ERR} reply, word for word. */
  private static ControlCommand deviceEvent(DeviceEventCommand events) {
    return new ControlCommand() {
      @Override
      public String name() {
        return events.name();
      }

      @Override
      public String run(List<String> args) throws ControlException {
        try {
          return events.run(args);
        } catch (DeviceEventRejected e) {
          throw new ControlException(e.getMessage());
        }
      }
    };
  }

  /**
   * {@code devices-refresh}: one refresh round now (a no-op when the registry did not move). The
   * reply says how many devices wait for a teacher and whether the firewall refused any device, so
   * the command line can tell the teacher the change is in force.
   */
  private static ControlCommand refresh(DeviceRefresh refresh) {
    return new ControlCommand() {
      @Override
      public String name() {
        return REFRESH;
      }

      @Override
      public String run(List<String> args) throws ControlException {
        if (!args.isEmpty()) {
          throw new ControlException(REFRESH + " takes no arguments");
        }
        refresh.check();
        List<String> problems = refresh.problems();
        if (!problems.isEmpty()) {
          throw new ControlException(String.join("; ", problems));
        }
        return "devices in force: " + refresh.waiting().size() + " waiting for a teacher";
      }
    };
  }
}
