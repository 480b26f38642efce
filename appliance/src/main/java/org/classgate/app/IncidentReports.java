package org.classgate.app;

import org.classgate.incidents.IncidentLog;
import org.classgate.panel.ReportSink;
import org.classgate.store.StoreException;

/** The panel's report port, answered by the incident log. */
final class IncidentReports implements ReportSink {
  private final IncidentLog log;

  IncidentReports(IncidentLog log) {
    this.log = log;
  }

  @Override
  public Recorded record(Press press) throws ReportException {
    try {
      IncidentLog.PressRecorded recorded = log.press(press.reportId());
      return new Recorded(
          recorded.incidentId(), recorded.pressCount(), recorded.stamp().sequence());
    } catch (StoreException | RuntimeException e) {
      throw new ReportException(e.getMessage(), e);
    }
  }

  @Override
  public boolean awaitingStaff(long reportId) throws ReportException {
    try {
      return log.awaitingStaff(reportId);
    } catch (StoreException e) {
      throw new ReportException(e.getMessage(), e);
    }
  }
}
