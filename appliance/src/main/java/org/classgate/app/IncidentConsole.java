package org.classgate.app;

import java.time.Clock;
import java.util.List;
import org.classgate.activity.DevicePseudonyms;
import org.classgate.activity.store.SqliteActivityReader;
import org.classgate.app.config.ApplianceConfig;
import org.classgate.console.AlertRoutes;
import org.classgate.console.ConsoleModule;
import org.classgate.console.DeviceLabels;
import org.classgate.console.IncidentRoutes;
import org.classgate.console.RegisteredDeviceLabels;
import org.classgate.console.ReportRoutes;
import org.classgate.devices.DeviceRegistry;
import org.classgate.incidents.AlertInbox;
import org.classgate.incidents.store.SqliteAlertStore;
import org.classgate.store.Database;
import org.classgate.sync.store.OutboundRecords;
import org.classgate.time.TrustedTime;

/**
 * The console modules of the safeguarding side: incidents, alerts and reports. Part of the
 * composition root.
 */
final class IncidentConsole {
  private IncidentConsole() {}

  /**
   * @param outbound where alert handling is queued for the school hub
   * @param pseudonyms names devices not known by name
   */
  static List<ConsoleModule> modules(
      ApplianceConfig config,
      Database database,
      Safeguarding safeguarding,
      DeviceRegistry registry,
      OutboundRecords outbound,
      DevicePseudonyms pseudonyms,
      TrustedTime time,
      Clock clock) {
    DeviceLabels devices = new RegisteredDeviceLabels(registry, pseudonyms::of);
    SqliteAlertStore alerts = new SqliteAlertStore(database, outbound, pseudonyms);
    return List.of(
        new IncidentRoutes(
            safeguarding.incidents(),
            safeguarding::staffAcknowledged,
            devices,
            clock,
            config.timetable().zone()),
        new AlertRoutes(new AlertInbox(alerts, time), devices),
        new ReportRoutes(
            safeguarding.incidents(),
            alerts,
            new SqliteActivityReader(database)::daily,
            clock,
            config.timetable().zone()));
  }
}
