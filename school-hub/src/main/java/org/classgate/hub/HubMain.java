package org.classgate.hub;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import org.classgate.app.config.ConfigException;
import org.classgate.app.config.ConfigSource;
import org.classgate.hub.store.JdbcHubStore;
import org.tinylog.configuration.Configuration;
import org.tinylog.provider.ProviderRegistry;

/**
 * The hub's command line ({@code scripts/hub}). Exit status: 0 done, 1 failed, 2 bad command line
 * or configuration.
 */
public final class HubMain {
  static final String USAGE =
      """
      Usage: hub <command> [--config FILE] [--set key=value]...
        run            start the hub (stops cleanly on SIGTERM or Ctrl-C)
        boxes          list the boxes: status, classroom, keys' fingerprint, acknowledged, last contact
        approve CODE   approve the pending box showing enrolment code CODE (compare its fingerprint)
        remove BOX     remove box BOX (its id): everything it sends is refused from now on
        rotate-keys    new hub keys; envelopes sealed to the old ones are accepted for keys.grace
        verify         check every stored envelope's signature and its records against it
        pin            print the hub's TLS key pin (the boxes' sync.hub-pin) and key fingerprint
        help           this text
      --config FILE    a properties file of hub keys (see README: the school hub)
      --set key=value  set one key; repeatable; wins over the file
      """;

  private HubMain() {}

  public static void main(String[] args) {
    System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
    System.setProperty("slf4j.internal.verbosity", "WARN");
    System.exit(run(args, System.out, System.err));
  }

  static int run(String[] args, PrintStream out, PrintStream err) {
    if (args.length == 0 || List.of("help", "--help", "-h").contains(args[0])) {
      (args.length == 0 ? err : out).print(USAGE);
      return args.length == 0 ? 2 : 0;
    }
    String command = args[0];
    Path configFile = null;
    List<String> overrides = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (int i = 1; i < args.length; i++) {
      if ((args[i].equals("--config") || args[i].equals("--set")) && i + 1 < args.length) {
        if (args[i].equals("--config")) {
          configFile = Path.of(args[++i]);
        } else {
          overrides.add(args[++i]);
        }
      } else {
        rest.add(args[i]);
      }
    }
    HubConfig config;
    try {
      Map<String, String> raw = ConfigSource.load(configFile, overrides);
      configureLogging(command.equals("run") ? raw.getOrDefault("log.level", "info") : "warn");
      config = HubConfig.from(raw);
    } catch (ConfigException e) {
      err.println("hub: configuration error: " + e.getMessage());
      return 2;
    }
    int expected = command.equals("approve") || command.equals("remove") ? 1 : 0;
    if (rest.size() != expected) {
      err.println("hub: " + command + " takes " + expected + " argument(s), got " + rest);
      err.print(USAGE);
      return 2;
    }
    try {
      return switch (command) {
        case "run" -> serve(config);
        case "boxes" -> boxes(config, out);
        case "approve" -> approve(config, rest.get(0), out, err);
        case "remove" -> remove(config, rest.get(0), out, err);
        case "rotate-keys" -> rotate(config, out);
        case "pin" -> pin(config, out);
        case "verify" -> verify(config, out);
        default -> {
          err.println("hub: unknown command '" + command + "'");
          err.print(USAGE);
          yield 2;
        }
      };
    } catch (Exception e) {
      err.println("hub: " + command + " failed: " + e.getMessage());
      return 1;
    }
  }

  private static int serve(HubConfig config) throws Exception {
    Hub hub = Hub.start(config, Clock.systemUTC());
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  hub.close();
                  stopped.countDown();
                  try {
                    ProviderRegistry.getLoggingProvider().shutdown();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                },
                "hub-shutdown"));
    stopped.await();
    return 0;
  }

  private static int boxes(HubConfig config, PrintStream out) throws Exception {
    try (HubStore store = JdbcHubStore.open(config.database())) {
      List<BoxEntry> boxes = store.boxes();
      if (boxes.isEmpty()) {
        out.println("no boxes have asked to enrol");
      }
      for (BoxEntry box : boxes) {
        out.printf(
            "%s  %-8s  %-20s  code %s%n    keys %s%n    acknowledged %d, last contact %s%n",
            box.keys().id(),
            box.status().word(),
            printable(box.classroom()),
            box.status() == BoxStatus.PENDING ? box.keys().enrolmentCode() : "(used)",
            box.keys().fingerprint(),
            box.acknowledged(),
            box.lastContact() == null ? "never" : box.lastContact());
      }
      return 0;
    }
  }

  private static int approve(HubConfig config, String code, PrintStream out, PrintStream err)
      throws Exception {
    try (HubStore store = JdbcHubStore.open(config.database())) {
      Enrolments enrolments =
          new Enrolments(store, Clock.systemUTC(), config.maxPending(), new RecentRefusals(1));
      Optional<BoxEntry> approved = enrolments.approve(code);
      if (approved.isEmpty()) {
        err.println("hub: no pending box has enrolment code " + printable(code));
        return 1;
      }
      BoxEntry box = approved.get();
      out.printf(
          "approved box %s (%s)%n  its keys: %s%n  this must match the fingerprint the box shows%n",
          box.keys().id(), printable(box.classroom()), box.keys().fingerprint());
      return 0;
    }
  }

  private static int remove(HubConfig config, String idText, PrintStream out, PrintStream err)
      throws Exception {
    UUID id;
    try {
      id = UUID.fromString(idText);
    } catch (IllegalArgumentException e) {
      err.println("hub: '" + printable(idText) + "' is not a box id (see 'hub boxes')");
      return 2;
    }
    try (HubStore store = JdbcHubStore.open(config.database())) {
      Enrolments enrolments =
          new Enrolments(store, Clock.systemUTC(), config.maxPending(), new RecentRefusals(1));
      if (!enrolments.remove(id)) {
        err.println("hub: no pending or approved box " + id);
        return 1;
      }
      out.println("removed box " + id + ": everything it sends is refused from now on");
      return 0;
    }
  }

  private static int rotate(HubConfig config, PrintStream out) throws Exception {
    HubKeyRing.open(config.dataDir(), new SecureRandom());
    HubKeyRing.Keys keys =
        HubKeyRing.rotate(config.dataDir(), new SecureRandom(), Clock.systemUTC().instant());
    out.printf(
        "new hub keys: %s%nenvelopes sealed to the previous keys are accepted until %s%n",
        keys.current().publicKeys().fingerprint(), keys.rotatedAt().plus(config.keyGrace()));
    return 0;
  }

  private static int verify(HubConfig config, PrintStream out) throws Exception {
    HubKeyRing.Keys keys = HubKeyRing.open(config.dataDir(), new SecureRandom()).keys();
    int problems = 0;
    try (HubStore store = JdbcHubStore.open(config.database())) {
      for (BoxEntry box : store.boxes()) {
        EnvelopeAudit.Report report =
            EnvelopeAudit.audit(store, box.keys().id(), keys, config.limits());
        out.printf(
            "%s: %d envelopes, %d decrypted and compared, %d problems%n",
            box.keys().id(), report.envelopes(), report.decrypted(), report.problems().size());
        report.problems().forEach(problem -> out.println("  " + problem));
        problems += report.problems().size();
      }
    }
    return problems == 0 ? 0 : 1;
  }

  private static int pin(HubConfig config, PrintStream out) throws Exception {
    SecureRandom random = new SecureRandom();
    HubKeyRing keys = HubKeyRing.open(config.dataDir(), random);
    out.println("sync.hub-pin=" + Hub.tlsIdentity(config.dataDir(), config, random).pin());
    out.println("hub keys: " + keys.keys().current().publicKeys().fingerprint());
    return 0;
  }

  /** Text from a box or a command line, with control characters made visible. */
  static String printable(String text) {
    StringBuilder out = new StringBuilder();
    text.codePoints()
        .forEach(
            c -> {
              if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", c));
              } else {
                out.appendCodePoint(c);
              }
            });
    return out.toString();
  }

  private static void configureLogging(String level) {
    if (Configuration.isFrozen()) {
      return;
    }
    Configuration.set("writer", "console");
    Configuration.set("writer.level", level);
    Configuration.set("writer.format", "{date:yyyy-MM-dd HH:mm:ss.SSS} {level} [{tag}] {message}");
    Configuration.set("autoshutdown", "false");
  }
}
