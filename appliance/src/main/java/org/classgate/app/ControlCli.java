package org.classgate.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import org.classgate.control.ControlClient;
import org.classgate.control.ControlException;

/**
 * {@code classgate control CMD [ARG]...} and {@code classgate panel press|status}: one request to
 * the running box's control socket, its reply printed (terminal-escaped). Exit status 0 OK, 1 the
 * box refused or is not running, 2 a bad command line.
 */
final class ControlCli {
  static final String USAGE =
      """
      Usage: classgate panel press|status [--config FILE]
             classgate control COMMAND [ARG]... [--config FILE]
        panel press    press the report button of the running box (simulated or real panel);
                       prints the incident, the press count and the acknowledgement and
                       durability times once the press is safely on disk
        panel status   the LED's pattern and colour, the box's state, any waiting report
        control health the box's health: its state and every current problem
        control device-event dhcp add|old|del MAC ADDRESS [HOSTNAME]
        control device-event wifi connected|disconnected MAC
                       what the DHCP and Wi-Fi shims report: records the device (an unknown one
                       is quarantined) and updates the firewall before replying
        control devices-refresh
                       apply the registry's changes now (classgate devices does this for you)
      """;

  private final Path socket;
  private final PrintStream out;
  private final PrintStream err;

  ControlCli(Path socket, PrintStream out, PrintStream err) {
    this.socket = socket;
    this.out = out;
    this.err = err;
  }

  int run(boolean panel, List<String> args) {
    String command;
    List<String> rest;
    if (panel) {
      if (args.size() != 1 || !(args.get(0).equals("press") || args.get(0).equals("status"))) {
        err.print(USAGE);
        return Main.EXIT_USAGE;
      }
      command = "panel-" + args.get(0);
      rest = List.of();
    } else {
      if (args.isEmpty()) {
        err.print(USAGE);
        return Main.EXIT_USAGE;
      }
      command = args.get(0);
      rest = args.subList(1, args.size());
    }
    try {
      out.println(TerminalText.escape(ControlClient.send(socket, command, rest), false));
      return Main.EXIT_OK;
    } catch (ControlException e) {
      err.println("classgate: " + command + ": " + TerminalText.escape(e.getMessage(), false));
      return Main.EXIT_FAILED;
    } catch (IllegalArgumentException e) {
      err.println("classgate: " + TerminalText.escape(e.getMessage(), false));
      return Main.EXIT_USAGE;
    } catch (IOException e) {
      err.println(
          "classgate: cannot reach the box at "
              + socket
              + " ("
              + e.getMessage()
              + "): is it running with this data.dir?");
      return Main.EXIT_FAILED;
    }
  }
}
