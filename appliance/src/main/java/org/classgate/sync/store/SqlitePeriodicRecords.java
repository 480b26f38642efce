package org.classgate.sync.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.sync.RecordKind;

/**
 * The records the box queues on a schedule rather than with a change: health reports, and each
 * finished day's activity summaries together with the mark of the last day summarised (table {@code
 * sync_summary_state}, migration 012), in one transaction, so a day is queued exactly once even
 * when the box stops halfway. Thread-safe through {@link Database}.
 */
public final class SqlitePeriodicRecords {
  private final Database database;
  private final SqliteOutbox outbox;

  public SqlitePeriodicRecords(Database database, SqliteOutbox outbox) {
    this.database = Objects.requireNonNull(database, "database");
    this.outbox = Objects.requireNonNull(outbox, "outbox");
  }

  /** Queues one record of {@code kind} in a transaction of its own; returns its sequence. */
  public long append(RecordKind kind, byte[] payload) throws StoreException {
    return database.transaction(
        "queueing a " + kind + " record", c -> outbox.append(c, kind, payload));
  }

  /** The last local day whose summaries were queued, or null if none ever was. */
  public LocalDate lastSummarisedDay() throws StoreException {
    return database.transaction(
        "reading the last summarised day",
        c -> {
          try (PreparedStatement select =
                  c.prepareStatement(
                      "SELECT last_day FROM sync_summary_state WHERE singleton = 1");
              ResultSet row = select.executeQuery()) {
            String day = row.next() ? row.getString(1) : null;
            return day == null ? null : LocalDate.parse(day);
          }
        });
  }

  /**
   * Queues {@code day}'s activity summaries and marks the day done, in one transaction.
   *
   * @throws IllegalArgumentException if {@code day} is not after the last summarised day
   */
  public void queueDay(LocalDate day, List<byte[]> summaries) throws StoreException {
    database.transaction(
        "queueing the activity summaries of " + day,
        c -> {
          try (PreparedStatement select =
                  c.prepareStatement(
                      "SELECT last_day FROM sync_summary_state WHERE singleton = 1");
              ResultSet row = select.executeQuery()) {
            String last = row.next() ? row.getString(1) : null;
            if (last != null && !day.isAfter(LocalDate.parse(last))) {
              throw new IllegalArgumentException(
                  "the summaries of " + day + " are already queued (last day " + last + ")");
            }
          }
          for (byte[] summary : summaries) {
            outbox.append(c, RecordKind.ACTIVITY_SUMMARY, summary);
          }
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE sync_summary_state SET last_day = ? WHERE singleton = 1")) {
            update.setString(1, day.toString());
            update.executeUpdate();
          }
          return null;
        });
  }
}
