package org.classgate.app;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.ConfigException;
import org.classgate.app.config.ConfigOrigin;
import org.classgate.app.config.ConfigSource;
import org.classgate.app.config.LinuxHostFacts;
import org.tinylog.TaggedLogger;

/**
 * Entry point. Exit status: 0 done, 1 failed while starting or running, 2 bad command line or
 * configuration (the message names the key, the value and what is allowed).
 */
public final class Main {
  static final int EXIT_OK = 0;
  static final int EXIT_FAILED = 1;
  static final int EXIT_USAGE = 2;

  private Main() {}

  public static void main(String[] args) {
    // Pi4J brings SLF4J, which SQLite's driver then logs through; with no SLF4J provider it
    // prints warnings on every start. Neither logs anything we need: use SLF4J's own no-op
    // provider, quietly (SLF4J 2.0.9+ reads these two properties).
    System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
    System.setProperty("slf4j.internal.verbosity", "WARN");
    System.exit(run(args));
  }

  static int run(String[] args) {
    Cli cli;
    try {
      cli = Cli.parse(args);
    } catch (Cli.UsageException e) {
      System.err.println("classgate: " + e.getMessage());
      System.err.print(Cli.USAGE);
      return EXIT_USAGE;
    }
    switch (cli.command()) {
      case HELP -> {
        System.out.print(Cli.USAGE);
        return EXIT_OK;
      }
      case VERSION -> {
        System.out.println("classgate " + Version.current());
        return EXIT_OK;
      }
      case SELFTEST -> {
        return selfTest();
      }
      default -> {}
    }
    ApplianceConfig config;
    try {
      Map<String, String> raw = ConfigSource.load(cli.configFile(), cli.overrides());
      // Commands that print results keep the log to warnings unless asked otherwise.
      String level = raw.get("log.level");
      Logging.configure(
          level == null
                  && cli.command() != Cli.Command.RUN
                  && cli.command() != Cli.Command.CHECK_CONFIG
              ? "warn"
              : level);
      config =
          ApplianceConfig.from(raw, new LinuxHostFacts(java.nio.file.Path.of("/etc/resolv.conf")));
    } catch (ConfigException e) {
      System.err.println("classgate: configuration error: " + e.getMessage());
      return EXIT_USAGE;
    }
    switch (cli.command()) {
      case POLICY -> {
        return policy(config, cli.rest());
      }
      case CONTROL, PANEL -> {
        return new ControlCli(Safeguarding.controlSocket(config), System.out, System.err)
            .run(cli.command() == Cli.Command.PANEL, cli.rest());
      }
      case INCIDENTS, ALERTS -> {
        return new IncidentsCommand(config, Clock.systemUTC(), System.out, System.err)
            .run(cli.command() == Cli.Command.ALERTS, cli.rest());
      }
      case DEVICES -> {
        return devices(config, cli.rest());
      }
      case FIRST_BOOT -> {
        return firstBoot(config);
      }
      case ACTIVITY -> {
        return activity(config, cli.rest());
      }
      case SYNC -> {
        return sync(config, cli.rest());
      }
      default -> {}
    }
    if (cli.command() == Cli.Command.CHECK_CONFIG) {
      System.out.println("configuration is valid");
      return EXIT_OK;
    }
    return serve(
        config,
        ConfigOrigin.of(cli.configFile(), cli.overrides(), System.getProperty("user.name")));
  }

  private static int policy(ApplianceConfig config, java.util.List<String> args) {
    if (args.isEmpty() || args.get(0).equals("help")) {
      System.out.print(PolicyCommand.USAGE);
      return args.isEmpty() ? EXIT_USAGE : EXIT_OK;
    }
    try {
      return new PolicyCommand(config, Clock.systemUTC(), System.out).run(args);
    } catch (Cli.UsageException e) {
      System.err.println("classgate: " + e.getMessage());
      System.err.print(PolicyCommand.USAGE);
      return EXIT_USAGE;
    } catch (Exception e) {
      System.err.println(
          "classgate: policy " + args.get(0) + " failed: " + PolicyCommand.describe(e));
      return EXIT_FAILED;
    }
  }

  private static int devices(ApplianceConfig config, java.util.List<String> args) {
    if (args.isEmpty() || args.get(0).equals("help")) {
      System.out.print(DevicesCommand.USAGE);
      return args.isEmpty() ? EXIT_USAGE : EXIT_OK;
    }
    try {
      return new DevicesCommand(config, Clock.systemUTC(), System.out).run(args);
    } catch (Cli.UsageException e) {
      System.err.println("classgate: " + TerminalText.escape(e.getMessage(), false));
      System.err.print(DevicesCommand.USAGE);
      return EXIT_USAGE;
    } catch (Exception e) {
      System.err.println(
          "classgate: devices "
              + TerminalText.escape(args.get(0), false)
              + " failed: "
              + TerminalText.escape(String.valueOf(e.getMessage()), false));
      return EXIT_FAILED;
    }
  }

  private static int activity(ApplianceConfig config, java.util.List<String> args) {
    if (!args.isEmpty() && args.get(0).equals("help")) {
      System.out.print(ActivityCommand.USAGE);
      return EXIT_OK;
    }
    try {
      return new ActivityCommand(config, Clock.systemUTC(), System.out).run(args);
    } catch (Cli.UsageException e) {
      System.err.println("classgate: " + TerminalText.escape(e.getMessage(), false));
      System.err.print(ActivityCommand.USAGE);
      return EXIT_USAGE;
    } catch (Exception e) {
      System.err.println(
          "classgate: activity failed: "
              + TerminalText.escape(String.valueOf(e.getMessage()), false));
      return EXIT_FAILED;
    }
  }

  private static int firstBoot(ApplianceConfig config) {
    try {
      java.security.SecureRandom random = new java.security.SecureRandom();
      FirstBoot.Identity identity = FirstBoot.prepare(config.dataDir(), random);
      System.out.print(identity.sheet());
      System.out.println("(also in " + identity.enrolmentSheet() + ")");
      if (config.console().listen() != null && config.console().tls()) {
        System.out.println(
            "console certificate SHA-256 fingerprint: "
                + ConsoleWiring.makeCertificate(config, random));
      }
      return EXIT_OK;
    } catch (Exception e) {
      System.err.println("classgate: first-boot failed: " + e.getMessage());
      return EXIT_FAILED;
    }
  }

  private static int sync(ApplianceConfig config, java.util.List<String> args) {
    if (args.isEmpty() || args.get(0).equals("help")) {
      System.out.print(SyncCommand.USAGE);
      return args.isEmpty() ? EXIT_USAGE : EXIT_OK;
    }
    try {
      return new SyncCommand(config, Clock.systemUTC(), System.out).run(args);
    } catch (Cli.UsageException e) {
      System.err.println("classgate: " + e.getMessage());
      System.err.print(SyncCommand.USAGE);
      return EXIT_USAGE;
    } catch (Exception e) {
      System.err.println(
          "classgate: sync "
              + TerminalText.escape(args.get(0), false)
              + " failed: "
              + TerminalText.escape(String.valueOf(e.getMessage()), false));
      return EXIT_FAILED;
    }
  }

  private static int selfTest() {
    Logging.configure("warn");
    try {
      System.out.println(SelfTest.run());
      return EXIT_OK;
    } catch (Exception e) {
      System.err.println("classgate: selftest failed: " + e.getMessage());
      return EXIT_FAILED;
    }
  }

  /**
   * Runs until SIGTERM or SIGINT, then stops cleanly: the JVM's shutdown hook closes everything.
   * The hook is registered before the start, because the DNS listeners answer before {@link
   * Appliance#start} returns and a signal in between must still stop the appliance cleanly.
   */
  private static int serve(ApplianceConfig config, ConfigOrigin origin) {
    TaggedLogger log = org.tinylog.Logger.tag("app");
    Lifecycle lifecycle = new Lifecycle();
    SystemdNotify notify =
        SystemdNotify.fromEnvironment(System.getenv(), ProcessHandle.current().pid());
    Runtime.getRuntime()
        .addShutdownHook(
            new Thread(
                () -> {
                  log.info("stopping");
                  notify.stopping();
                  lifecycle.stop();
                  Logging.flush();
                },
                "classgate-shutdown"));
    Appliance appliance;
    try {
      appliance = Appliance.start(config, origin, Clock.systemUTC(), System::nanoTime);
    } catch (Exception e) {
      lifecycle.startFailed();
      log.error("cannot start: {}", e.getMessage());
      System.err.println("classgate: cannot start: " + e.getMessage());
      return EXIT_FAILED;
    }
    try (ServiceWatchdog watchdog = watchdog(notify, appliance)) {
      lifecycle.started(appliance);
      notify.ready("filtering DNS on " + config.dns().listen());
      notify.watchdogInterval().ifPresent(watchdog::start);
      lifecycle.awaitStop();
    }
    return EXIT_OK;
  }

  /**
   * The systemd watchdog's liveness check: the box's own DNS listener answers a probe within a
   * quarter of the ping interval (so a slow answer still leaves time to ping).
   */
  private static ServiceWatchdog watchdog(SystemdNotify notify, Appliance appliance) {
    java.time.Duration timeout =
        notify
            .watchdogInterval()
            .map(interval -> interval.dividedBy(4))
            .orElse(java.time.Duration.ofSeconds(2));
    try {
      DnsProbe probe = DnsProbe.of(appliance.dnsAddresses(), timeout);
      return new ServiceWatchdog(notify, probe);
    } catch (java.io.IOException e) {
      // The listeners closed under us (a stop during the start): nothing to watch.
      return new ServiceWatchdog(notify, () -> false);
    }
  }

  /** The running appliance between the main thread and the shutdown hook. Thread-safe. */
  private static final class Lifecycle {
    /**
     * How long a stop that arrives during the start waits for it to finish, so the appliance is
     * closed cleanly (and the stop recorded) before the JVM halts. A start never takes this long.
     */
    private static final long START_WAIT_SECONDS = 60;

    private final CountDownLatch stopped = new CountDownLatch(1);
    private final CountDownLatch startEnded = new CountDownLatch(1);
    private Appliance running;
    private boolean stopping;

    /** Hands over the started appliance, or closes it at once if a stop came during the start. */
    void started(Appliance appliance) {
      try {
        synchronized (this) {
          if (!stopping) {
            running = appliance;
            return;
          }
        }
        appliance.close();
      } finally {
        startEnded.countDown();
      }
    }

    /** The start failed: there is nothing to close. */
    void startFailed() {
      startEnded.countDown();
    }

    /**
     * Closes the appliance. During the start, the JVM would otherwise halt as soon as this hook
     * returns, before the start completes: so wait for it, and {@link #started} closes it.
     */
    void stop() {
      Appliance appliance;
      synchronized (this) {
        stopping = true;
        appliance = running;
        running = null;
      }
      if (appliance != null) {
        appliance.close();
      } else {
        try {
          startEnded.await(START_WAIT_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }
      stopped.countDown();
    }

    void awaitStop() {
      try {
        stopped.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
