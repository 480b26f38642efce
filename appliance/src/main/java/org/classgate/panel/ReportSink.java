package org.classgate.panel;

/**
 * Where presses become durable reports (the incident log). The panel owns this port so that it does
 * not depend on how incidents are stored; the composition root adapts the incident log to it.
 * Called from the panel's single recording thread, one call at a time.
 */
public interface ReportSink {
  /**
   * A press to record.
   *
   * @param reportId the open report this press joins, or 0 for a new report
   * @param pressNanos when it was pressed (monotonic), for the record's stamp
   */
  record Press(long reportId, long pressNanos) {}

  /**
   * A recorded press.
   *
   * @param reportId the report it created or joined
   * @param pressCount presses in that report so far, this one included
   * @param sequence the box sequence number of this press's record
   */
  record Recorded(long reportId, int pressCount, long sequence) {}

  /**
   * Records {@code press} and returns once it is durable (committed and synced): a report
   * acknowledged to a child must survive a power cut.
   *
   * @throws ReportException if it could not be recorded
   */
  Recorded record(Press press) throws ReportException;

  /** Whether report {@code reportId} still waits for staff (nobody has acknowledged it). */
  boolean awaitingStaff(long reportId) throws ReportException;

  /** A report could not be recorded or read; the message says why. */
  final class ReportException extends Exception {
    private static final long serialVersionUID = 1L;

    public ReportException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
