package org.classgate.app;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line: {@code classgate run|check-config [--config FILE] [--set key=value]…}, {@code
 * classgate help}, {@code classgate version}.
 */
/**
 * @param rest the arguments after the command that are not {@code --config}/{@code --set} (only the
 *     policy, devices, activity, sync, control, panel, incidents and alerts commands take any)
 */
record Cli(Command command, Path configFile, List<String> overrides, List<String> rest) {
  enum Command {
    RUN,
    CHECK_CONFIG,
    SELFTEST,
    FIRST_BOOT,
    POLICY,
    DEVICES,
    CONTROL,
    PANEL,
    INCIDENTS,
    ALERTS,
    ACTIVITY,
    SYNC,
    HELP,
    VERSION;

    /** Whether the words after the command are its own arguments. */
    boolean takesArguments() {
      return this == POLICY
          || this == DEVICES
          || this == ACTIVITY
          || this == SYNC
          || this == CONTROL
          || this == PANEL
          || this == INCIDENTS
          || this == ALERTS;
    }
  }

  static final String USAGE =
      """
      Usage: classgate <command> [--config FILE] [--set key=value]...
        run            start the appliance (stops cleanly on SIGTERM or Ctrl-C)
        check-config   validate the configuration and exit (0 when valid)
        selftest       start a private appliance on loopback, check it blocks, stop (0 when it does)
        first-boot     make the box's keys and enrolment sheet if missing, print the sheet
                       (idempotent; the appliance also does this at every start)
        policy ...     temporary allowances and the change-control log (classgate policy help)
        devices ...    the device registry: list, approve, block, import (classgate devices help)
        panel press|status   press the report button / show the LED of the running box
        control CMD [ARG]... send one command to the running box's control socket
        incidents ...  the e-safety incident log (classgate incidents help)
        alerts summary|list [--days N]  the week's alerts and incidents for the DSL
        activity ...   recent DNS decisions and daily statistics (classgate activity help)
        sync status|enrol|rotate-keys  the link to the school hub (classgate sync help)
        version        print the version
        help           this text
      --config FILE    a properties file of configuration keys (see README: Configuration)
      --set key=value  set one key; repeatable; wins over the file
      """;

  /** Thrown for a command line that cannot be understood; the message says what was wrong. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }

  static Cli parse(String[] args) throws UsageException {
    if (args.length == 0) {
      throw new UsageException("no command given");
    }
    Command command =
        switch (args[0]) {
          case "run" -> Command.RUN;
          case "check-config" -> Command.CHECK_CONFIG;
          case "selftest" -> Command.SELFTEST;
          case "first-boot" -> Command.FIRST_BOOT;
          case "policy" -> Command.POLICY;
          case "devices" -> Command.DEVICES;
          case "control" -> Command.CONTROL;
          case "panel" -> Command.PANEL;
          case "incidents" -> Command.INCIDENTS;
          case "alerts" -> Command.ALERTS;
          case "activity" -> Command.ACTIVITY;
          case "sync" -> Command.SYNC;
          case "help", "--help", "-h" -> Command.HELP;
          case "version", "--version" -> Command.VERSION;
          default -> throw new UsageException("unknown command '" + args[0] + "'");
        };
    Path config = null;
    List<String> overrides = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      String arg = args[i];
      switch (arg) {
        case "--config" -> config = Path.of(valueAfter(args, i++, arg));
        case "--set" -> overrides.add(valueAfter(args, i++, arg));
        default -> {
          if (arg.startsWith("--config=")) {
            config = Path.of(arg.substring("--config=".length()));
          } else if (arg.startsWith("--set=")) {
            overrides.add(arg.substring("--set=".length()));
          } else if (command.takesArguments()) {
            rest.add(arg);
          } else {
            throw new UsageException("unexpected argument '" + arg + "'");
          }
        }
      }
    }
    return new Cli(command, config, List.copyOf(overrides), List.copyOf(rest));
  }

  private static String valueAfter(String[] args, int index, String option) throws UsageException {
    if (index + 1 >= args.length) {
      throw new UsageException(option + " needs a value");
    }
    return args[index + 1];
  }
}
