package org.classgate.app;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.classgate.activity.ActivityHistory;
import org.classgate.activity.ActivityLog;
import org.classgate.activity.DevicePseudonyms;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.app.config.IncidentsConfig;
import org.classgate.app.config.PanelConfig;
import org.classgate.control.ControlCommand;
import org.classgate.control.ControlServer;
import org.classgate.filter.Categories;
import org.classgate.filter.Taxonomy;
import org.classgate.health.BoxState;
import org.classgate.health.ClockCheck;
import org.classgate.health.DiskSpace;
import org.classgate.health.Health;
import org.classgate.health.Severity;
import org.classgate.incidents.AlertFeed;
import org.classgate.incidents.AlertRules;
import org.classgate.incidents.IncidentLog;
import org.classgate.incidents.store.SqliteAlertStore;
import org.classgate.incidents.store.SqliteIncidentStore;
import org.classgate.panel.PanelHardware;
import org.classgate.panel.PanelHardwareException;
import org.classgate.panel.PanelRuntime;
import org.classgate.panel.pi4j.Pi4jPanelHardware;
import org.classgate.panel.simulated.SimulatedPanelHardware;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.sync.store.OutboundRecords;
import org.classgate.time.ClockSync;
import org.classgate.time.TrustedTime;
import org.tinylog.TaggedLogger;

/**
 * Wires the safeguarding side of the box: health, the incident log, the alert rules, the report
 * panel and the control socket. Part of the composition root; {@link Appliance} owns it. The panel
 * and the control socket start before the DNS listeners, so the LED shows "starting" and a press
 * during the start is still recorded.
 */
final class Safeguarding implements AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("app");

  /** Alert candidates queued between the DNS path and the alert thread. */
  private static final int ALERT_QUEUE = 4096;

  /** The control socket's file name in the data directory. */
  static final String CONTROL_SOCKET = "control.sock";

  private final Health health;
  private final IncidentLog incidents;
  private final AlertFeed alerts;
  private final PanelRuntime panel;
  private final ControlServer control;

  private Safeguarding(
      Health health,
      IncidentLog incidents,
      AlertFeed alerts,
      PanelRuntime panel,
      ControlServer control) {
    this.health = health;
    this.incidents = incidents;
    this.alerts = alerts;
    this.panel = panel;
    this.control = control;
  }

  static Path controlSocket(ApplianceConfig config) {
    return config.dataDir().resolve(CONTROL_SOCKET);
  }

  /** Whether the wall clock is synchronised: timesyncd's view, or assumed on a dev machine. */
  static ClockSync clockSync(ApplianceConfig config) {
    return config.panel().clockSync() == PanelConfig.ClockSyncSource.ASSUMED
        ? ClockSync.ASSUMED
        : ClockSync.timesyncd();
  }

  /**
   * @param outbound where incidents and alerts are queued for the school hub
   * @param pseudonyms names devices in those records
   * @param history the classroom's recent activity, for incident snapshots
   * @param filterProblems what the filter could not load as configured (each a fault: e.g. a locked
   *     list enforced from its last good copy)
   * @param moreCommands control commands of other capabilities (the devices'), served on the same
   *     socket
   */
  static Safeguarding start(
      ApplianceConfig config,
      Database database,
      OutboundRecords outbound,
      DevicePseudonyms pseudonyms,
      TrustedTime time,
      Categories categories,
      Supplier<List<String>> filterProblems,
      ActivityHistory history,
      List<ControlCommand> moreCommands,
      Clock clock,
      LongSupplier nanoTime)
      throws StoreException, IOException {
    PanelConfig panelConfig = config.panel();
    IncidentsConfig incidentsConfig = config.incidents();
    ClockSync sync = clockSync(config);

    Health health = new Health();
    health.registerMessages("filter", Severity.FAULT, filterProblems);
    health.register(
        "disk", new DiskSpace(config.dataDir(), panelConfig.diskMinFreeMib() * 1024L * 1024L));
    health.register("clock", new ClockCheck(sync, nanoTime, panelConfig.clockGrace()));

    String classroom = incidentsConfig.classroom();
    IncidentLog incidents =
        new IncidentLog(
            new SqliteIncidentStore(database, outbound, pseudonyms),
            time,
            history,
            classroom,
            incidentsConfig.snapshotWindow(),
            clock);

    AlertFeed alerts =
        new AlertFeed(
                new AlertRules(
                    new AlertRules.Settings(
                        categories.mask(incidentsConfig.watchedCategories()),
                        harmfulMask(categories),
                        incidentsConfig.repeatThreshold(),
                        incidentsConfig.repeatWindow()),
                    categories::names,
                    time,
                    nanoTime),
                new SqliteAlertStore(database, outbound, pseudonyms),
                ALERT_QUEUE)
            .start();
    health.register("alerts", alerts::problems);

    PanelRuntime panel = null;
    ControlServer control = null;
    try {
      if (panelConfig.mode() != PanelConfig.Mode.OFF) {
        String problem = null;
        PanelHardware hardware;
        if (panelConfig.mode() == PanelConfig.Mode.GPIO) {
          try {
            hardware = Pi4jPanelHardware.gpiod(panelConfig.pins());
          } catch (PanelHardwareException e) {
            // DNS must never stop for the panel: run it simulated and say so loudly.
            problem = "the report button and LED do not work: " + e.getMessage();
            LOG.warn("{}", problem);
            hardware = new SimulatedPanelHardware("simulated (GPIO unavailable)");
          }
        } else {
          hardware = new SimulatedPanelHardware("simulated");
        }
        panel =
            PanelRuntime.start(
                hardware,
                new IncidentReports(incidents),
                health.stateAtMostEvery(java.time.Duration.ofSeconds(1), nanoTime),
                // Without a console there is no setup page to wait for.
                config.console().listen() == null ? () -> false : new SetupNeeded(database),
                panelConfig.timings(),
                nanoTime,
                problem);
        health.register("panel", panel.panel()::problems);
      }
      List<ControlCommand> commands = new ArrayList<>(ControlCommands.of(health, panel, incidents));
      commands.addAll(moreCommands);
      control = ControlServer.start(controlSocket(config), commands);
    } catch (IOException | RuntimeException e) {
      if (panel != null) {
        panel.close();
      }
      alerts.close();
      throw e;
    }
    return new Safeguarding(health, incidents, alerts, panel, control);
  }

  private static int harmfulMask(Categories categories) {
    int mask = 0;
    for (String name : Taxonomy.builtIn().harmful()) {
      if (categories.contains(name)) {
        mask |= categories.bit(name);
      }
    }
    return mask;
  }

  /** Where DNS decisions go to be checked for alerts (never blocks). */
  ActivityLog activityLog() {
    return alerts;
  }

  Health health() {
    return health;
  }

  /** The classroom's e-safety log (the console's incident pages use it). */
  IncidentLog incidents() {
    return incidents;
  }

  /**
   * A member of staff acknowledged incident {@code incidentId} (in the console): if it is the
   * report the LED waits on, the LED leaves its waiting pattern now rather than at the panel's next
   * status poll. Never blocks.
   */
  void staffAcknowledged(long incidentId) {
    if (panel != null) {
      panel.panel().staffAcknowledged(incidentId);
    }
  }

  /** The box is up: the health follows its problems from now on. */
  void started() {
    health.started();
    BoxState state = health.check().state();
    LOG.info("health: {}", health.check().summary());
    if (state == BoxState.FAULT) {
      LOG.warn("the box is in FAULT: see 'classgate control health'");
    }
  }

  @Override
  public void close() {
    control.close();
    if (panel != null) {
      panel.close();
    }
    alerts.close();
  }
}
