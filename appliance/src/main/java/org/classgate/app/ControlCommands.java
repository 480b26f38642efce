package org.classgate.app;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.classgate.control.ControlCommand;
import org.classgate.control.ControlException;
import org.classgate.health.Health;
import org.classgate.incidents.IncidentException;
import org.classgate.incidents.IncidentLog;
import org.classgate.panel.PanelRuntime;
import org.classgate.panel.PressReceipt;
import org.classgate.store.StoreException;

/**
 * The running box's control commands: {@code panel-press}, {@code panel-status}, {@code health} and
 * {@code incident-ack}.
 */
final class ControlCommands {
  /** A press reply waits at most this long for the record to be durable. */
  static final long PRESS_TIMEOUT_SECONDS = 10;

  private ControlCommands() {}

  /** The commands; the panel ones answer ERR when {@code panel} is null (panel.mode=off). */
  static List<ControlCommand> of(Health health, PanelRuntime panel, IncidentLog incidents) {
    return List.of(
        command("panel-press", args -> press(panel, args)),
        command(
            "panel-status",
            args -> {
              noArgs("panel-status", args);
              return running(panel).panel().status().line();
            }),
        command(
            "health",
            args -> {
              noArgs("health", args);
              return health.check().summary();
            }),
        command("incident-ack", args -> acknowledge(panel, incidents, args)));
  }

  /**
   * Presses the button and replies once the press is durable, so a script that got {@code OK} knows
   * the press survives a crash or power cut.
   */
  private static String press(PanelRuntime panel, List<String> args) throws ControlException {
    noArgs("panel-press", args);
    PressReceipt receipt;
    try {
      receipt = running(panel).panel().press().get(PRESS_TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new ControlException("the press was not recorded: " + e.getCause().getMessage());
    } catch (TimeoutException e) {
      throw new ControlException(
          "the press was not recorded within " + PRESS_TIMEOUT_SECONDS + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ControlException("interrupted");
    }
    return String.format(
        Locale.ROOT,
        "incident %d press %d sequence %d acknowledged-ms %.3f durable-ms %.3f",
        receipt.reportId(),
        receipt.pressCount(),
        receipt.sequence(),
        receipt.acknowledgedNanos() / 1e6,
        receipt.durableNanos() / 1e6);
  }

  private static String acknowledge(PanelRuntime panel, IncidentLog incidents, List<String> args)
      throws ControlException {
    if (args.size() != 2) {
      throw new ControlException("usage: incident-ack ID BY-WHOM");
    }
    long id;
    try {
      id = Long.parseLong(args.get(0));
    } catch (NumberFormatException e) {
      throw new ControlException("not an incident number: " + args.get(0));
    }
    try {
      incidents.acknowledge(id, args.get(1));
    } catch (IncidentException | StoreException e) {
      throw new ControlException(e.getMessage());
    }
    if (panel != null) {
      panel.panel().staffAcknowledged(id);
    }
    return "incident " + id + " acknowledged";
  }

  private static PanelRuntime running(PanelRuntime panel) throws ControlException {
    if (panel == null) {
      throw new ControlException("this box has no report panel (panel.mode=off)");
    }
    return panel;
  }

  private static void noArgs(String name, List<String> args) throws ControlException {
    if (!args.isEmpty()) {
      throw new ControlException(name + " takes no arguments");
    }
  }

  private interface Body {
    String run(List<String> args) throws ControlException;
  }

  private static ControlCommand command(String name, Body body) {
    return new ControlCommand() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String run(List<String> args) throws ControlException {
        return body.run(args);
      }
    };
  }
}
