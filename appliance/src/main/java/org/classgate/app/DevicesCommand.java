package org.classgate.app;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.control.ControlClient;
import org.classgate.control.ControlException;
import org.classgate.devices.ApprovalState;
import org.classgate.devices.Device;
import org.classgate.devices.DeviceClass;
import org.classgate.devices.DeviceCsv;
import org.classgate.devices.DeviceEventParser;
import org.classgate.devices.DeviceEventRejected;
import org.classgate.devices.DeviceRegistry;
import org.classgate.devices.MacAddress;
import org.classgate.devices.store.SqliteDeviceRegistry;
import org.classgate.store.Database;
import org.classgate.time.BootId;
import org.classgate.time.ClockSync;
import org.classgate.time.Stamp;
import org.classgate.time.TrustedTime;
import org.classgate.time.store.SqliteSequences;

/**
 * {@code classgate devices …}: the device registry from the command line, against the same database
 * as the running appliance, which picks every change up within seconds (its device refresh) and
 * updates its identity table and firewall. Everything a device, a teacher or a CSV file supplied is
 * escaped before it is printed. Exit status 0 done, 1 refused or failed, 2 a bad command line.
 */
final class DevicesCommand {
  static final String USAGE =
      """
      Usage: classgate devices <action> [--config FILE] [--set key=value]...
        list                          every device: state, class, MAC, name, addresses, last seen
        pending                       devices waiting for a teacher
        approve MAC CLASS [--name N]  let a device on the network as one of the classes:
                                      school-single-user, school-shared, authorised,
                                      pupil-owned, staff-owned, visitor-owned
        block MAC                     keep a device off the network (it stays blocked)
        forget MAC                    remove a device; seen again, it waits for a teacher again
        import FILE.csv               pre-register devices: a header mac,class[,name,owner,notes]
                                      then one device a line; all or nothing
      A MAC marked 'randomised' is a private address the device may change: ask its owner to
      turn off the private address for this network before approving it.
      After a change the running box (if any) is told at once and says it is in force.
      """;

  /** Longest name accepted from the command line, as for imports. */
  private static final int MAX_NAME = 100;

  /** The actions that change the registry: the running box is nudged after each. */
  private static final java.util.Set<String> CHANGES =
      java.util.Set.of("approve", "block", "forget", "import");

  private final ApplianceConfig config;
  private final Clock clock;
  private final PrintStream out;

  DevicesCommand(ApplianceConfig config, Clock clock, PrintStream out) {
    this.config = config;
    this.clock = clock;
    this.out = out;
  }

  /** Runs one action; {@code args} are what followed {@code devices}, config options removed. */
  int run(List<String> args) throws Exception {
    if (args.isEmpty()) {
      throw new Cli.UsageException("devices needs an action");
    }
    String name = null;
    List<String> positional = new ArrayList<>();
    for (int i = 1; i < args.size(); i++) {
      if (args.get(i).equals("--name")) {
        if (i + 1 >= args.size()) {
          throw new Cli.UsageException("--name needs a value");
        }
        name = args.get(++i);
      } else {
        positional.add(args.get(i));
      }
    }
    String action = args.get(0);
    if (name != null && !action.equals("approve")) {
      throw new Cli.UsageException("--name goes with approve");
    }
    try (Database database = Database.open(config.dataDir())) {
      DeviceRegistry registry =
          new SqliteDeviceRegistry(
              database,
              new TrustedTime(
                  new SqliteSequences(database),
                  BootId.current(),
                  System::nanoTime,
                  clock,
                  ClockSync.timesyncd()),
              Outbound.outbox(config, database));
      int status =
          switch (action) {
            case "list" -> {
              expect(positional, 0, "list");
              yield list(registry, false);
            }
            case "pending" -> {
              expect(positional, 0, "pending");
              yield list(registry, true);
            }
            case "approve" -> approve(registry, expect(positional, 2, "approve MAC CLASS"), name);
            case "block" -> block(registry, mac(expect(positional, 1, "block MAC").get(0)));
            case "forget" -> forget(registry, mac(expect(positional, 1, "forget MAC").get(0)));
            case "import" ->
                importFile(registry, Path.of(expect(positional, 1, "import FILE").get(0)));
            default -> throw new Cli.UsageException("unknown devices action '" + action + "'");
          };
      if (status == Main.EXIT_OK && CHANGES.contains(action)) {
        return nudge();
      }
      return status;
    }
  }

  /**
   * Asks the running box to apply the change now rather than at its next refresh round (within
   * seconds anyway). No box on this data directory: nothing to say, it reads the registry when it
   * starts. A box that cannot apply it (its firewall refused a device) is a failure the teacher
   * must see: the device does not have the access just given.
   */
  private int nudge() {
    Path socket = Safeguarding.controlSocket(config);
    if (!Files.exists(socket)) {
      return Main.EXIT_OK;
    }
    try {
      print(
          "in force on the running box: "
              + ControlClient.send(socket, DeviceControlCommands.REFRESH, List.of()));
      return Main.EXIT_OK;
    } catch (ControlException e) {
      print("the running box could not apply it: " + e.getMessage());
      return Main.EXIT_FAILED;
    } catch (IOException e) {
      print(
          "the box did not answer at "
              + socket
              + " ("
              + e.getMessage()
              + "); a running box applies the change within seconds");
      return Main.EXIT_OK;
    }
  }

  private int list(DeviceRegistry registry, boolean pendingOnly) throws Exception {
    List<Device> devices = registry.all();
    long waiting = devices.stream().filter(d -> d.approval() == ApprovalState.QUARANTINED).count();
    print(
        config.devices().classroom()
            + ": "
            + devices.size()
            + " devices, "
            + waiting
            + " waiting for a teacher, "
            + registry.quarantineEvents()
            + " quarantine events so far");
    for (Device device : devices) {
      if (!pendingOnly || device.approval() == ApprovalState.QUARANTINED) {
        print(describe(device));
      }
    }
    return Main.EXIT_OK;
  }

  /** One device on one line (its texts escaped, line breaks included). */
  static String describe(Device device) {
    StringBuilder line = new StringBuilder();
    line.append(
        String.format(
            "%-12s",
            device.approval() == ApprovalState.QUARANTINED
                ? "waiting"
                : device.approval().toString()));
    line.append(
        String.format(
            "%-19s", device.deviceClass() == null ? "-" : device.deviceClass().toString()));
    line.append(device.mac()).append(device.randomised() ? " randomised" : "           ");
    line.append("  ").append(device.name() == null ? "(no name)" : quoted(device.name()));
    if (device.hostname() != null) {
      line.append("  host ").append(quoted(device.hostname()));
    }
    if (device.owner() != null) {
      line.append("  owner ").append(quoted(device.owner()));
    }
    if (!device.addresses().isEmpty()) {
      line.append("  ")
          .append(
              device.addresses().stream()
                  .map(java.net.InetAddress::getHostAddress)
                  .collect(Collectors.joining(",")));
    }
    line.append("  ")
        .append(device.lastSeen() == null ? "never seen" : "last seen " + when(device.lastSeen()));
    if (device.notes() != null) {
      line.append("  notes ").append(quoted(device.notes()));
    }
    return line.toString();
  }

  private static String quoted(String text) {
    return "\"" + TerminalText.escape(text, false).replace("\"", "\\\"") + "\"";
  }

  private static String when(Stamp stamp) {
    // A time read before the clock was synchronised may be far off: say so.
    return stamp.wallTime() + (stamp.synchronised() ? "" : " (clock not synchronised)");
  }

  private int approve(DeviceRegistry registry, List<String> positional, String name)
      throws Exception {
    MacAddress mac = mac(positional.get(0));
    DeviceClass deviceClass =
        DeviceClass.named(positional.get(1))
            .orElseThrow(
                () ->
                    new Cli.UsageException(
                        "'"
                            + TerminalText.escape(positional.get(1), false)
                            + "' is not a device class; the classes are "
                            + classNames()));
    if (name != null && (name.isBlank() || name.length() > MAX_NAME)) {
      throw new Cli.UsageException("--name needs 1-" + MAX_NAME + " characters");
    }
    Device device = registry.approve(mac, deviceClass, name, actor());
    print(
        "approved as "
            + deviceClass
            + " ("
            + config.devices().classes().accessOf(device)
            + " access, profile "
            + config.devices().classes().rule(deviceClass).profile()
            + "): "
            + describe(device));
    if (device.randomised()) {
      print(
          "note: "
              + mac
              + " is a randomised (private) address; the device may come back under another"
              + " one. Ask its owner to turn off the private address for this network.");
    }
    return Main.EXIT_OK;
  }

  /** The registry's actor for a decision made here: the user running the command. */
  private static String actor() {
    return "command line (" + System.getProperty("user.name", "unknown user") + ")";
  }

  private int block(DeviceRegistry registry, MacAddress mac) throws Exception {
    print("blocked: " + describe(registry.block(mac, actor())));
    return Main.EXIT_OK;
  }

  private int forget(DeviceRegistry registry, MacAddress mac) throws Exception {
    if (!registry.forget(mac, actor())) {
      print("no device " + mac + " in the registry");
      return Main.EXIT_FAILED;
    }
    print("forgotten: " + mac + " (seen again, it will wait for a teacher)");
    return Main.EXIT_OK;
  }

  private int importFile(DeviceRegistry registry, Path file) throws Exception {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(file)) {
      bytes = in.readNBytes(DeviceCsv.MAX_BYTES + 1);
    } catch (NoSuchFileException e) {
      print("no such file: " + file);
      return Main.EXIT_FAILED;
    } catch (IOException e) {
      print("cannot read " + file + ": " + e.getMessage());
      return Main.EXIT_FAILED;
    }
    DeviceCsv.Result result = DeviceCsv.read(bytes);
    if (!result.ok()) {
      for (String problem : result.problems()) {
        print(file.getFileName() + ": " + problem);
      }
      print("nothing imported: " + result.problems().size() + " problems");
      return Main.EXIT_FAILED;
    }
    int added = registry.importAll(result.rows());
    print("imported " + result.rows().size() + " devices (" + added + " new)");
    return Main.EXIT_OK;
  }

  private static MacAddress mac(String text) throws Cli.UsageException {
    try {
      return DeviceEventParser.mac(text);
    } catch (DeviceEventRejected e) {
      throw new Cli.UsageException(e.getMessage());
    }
  }

  private static List<String> expect(List<String> positional, int count, String shape)
      throws Cli.UsageException {
    if (positional.size() != count) {
      throw new Cli.UsageException("expected: devices " + shape);
    }
    return positional;
  }

  private static String classNames() {
    List<String> names = new ArrayList<>();
    for (DeviceClass deviceClass : DeviceClass.values()) {
      names.add(deviceClass.configName());
    }
    return String.join(", ", names);
  }

  private void print(String text) {
    out.println(TerminalText.escape(text, false));
  }
}
