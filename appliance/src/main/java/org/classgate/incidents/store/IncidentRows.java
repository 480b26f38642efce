package org.classgate.incidents.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.classgate.incidents.Incident;
import org.classgate.incidents.IncidentAction;
import org.classgate.incidents.IncidentEvent;
import org.classgate.incidents.IncidentStatus;
import org.classgate.incidents.Review;
import org.classgate.incidents.SnapshotEntry;

/** Reading incident rows into records, and writing reviews. */
final class IncidentRows {
  private IncidentRows() {}

  /** A row of {@code SELECT id, <stamp>, source, classroom, press_count, …, status}. */
  static Incident incident(ResultSet row) throws SQLException {
    return new Incident(
        row.getLong(1),
        StampColumns.read(row, 2),
        Incident.Source.valueOf(row.getString(7).toUpperCase(Locale.ROOT)),
        row.getString(8),
        row.getInt(9),
        row.getString(10),
        row.getString(11),
        row.getString(12),
        IncidentStatus.ofLabel(row.getString(13)));
  }

  static List<IncidentEvent> events(Connection connection, long id) throws SQLException {
    List<IncidentEvent> events = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT "
                + StampColumns.NAMES
                + ", status, action, what, by_whom, signature FROM incident_event"
                + " WHERE incident_id = ? ORDER BY seq")) {
      select.setLong(1, id);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String status = rows.getString(6);
          String action = rows.getString(7);
          events.add(
              new IncidentEvent(
                  StampColumns.read(rows, 1),
                  status == null ? null : IncidentStatus.ofLabel(status),
                  action == null ? null : IncidentAction.ofLabel(action),
                  rows.getString(8),
                  rows.getString(9),
                  rows.getString(10)));
        }
      }
    }
    return events;
  }

  static List<Review> reviews(Connection connection, long id) throws SQLException {
    List<Review> reviews = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT "
                + StampColumns.NAMES
                + ", group_name, reason, first_name, first_position, second_name,"
                + " second_position, review_device, conclusion FROM incident_review"
                + " WHERE incident_id = ? ORDER BY seq")) {
      select.setLong(1, id);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          long seq = rows.getLong(1);
          reviews.add(
              new Review(
                  StampColumns.read(rows, 1),
                  rows.getString(6),
                  rows.getString(7),
                  new Review.Reviewer(rows.getString(8), rows.getString(9)),
                  new Review.Reviewer(rows.getString(10), rows.getString(11)),
                  rows.getString(12),
                  concerns(connection, seq),
                  rows.getString(13)));
        }
      }
    }
    return reviews;
  }

  private static List<Review.Concern> concerns(Connection connection, long reviewSeq)
      throws SQLException {
    List<Review.Concern> concerns = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT site_or_device, reason FROM incident_review_concern WHERE review_seq = ?"
                + " ORDER BY position")) {
      select.setLong(1, reviewSeq);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          concerns.add(new Review.Concern(rows.getString(1), rows.getString(2)));
        }
      }
    }
    return concerns;
  }

  /**
   * Incident {@code id}'s activity snapshot: its packed row (migration 015) or, for an incident
   * recorded before that, its rows in {@code incident_activity}; empty if it has none.
   *
   * @throws SQLException also if the packed row is damaged, naming the incident and the damage
   */
  static List<SnapshotEntry> snapshot(Connection connection, long id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT packed FROM incident_snapshot WHERE incident_id = ?")) {
      select.setLong(1, id);
      try (ResultSet row = select.executeQuery()) {
        if (row.next()) {
          try {
            return SnapshotCodec.decode(row.getBytes(1));
          } catch (IllegalArgumentException e) {
            throw new SQLException(
                "the activity snapshot of incident " + id + " is damaged: " + e.getMessage(), e);
          }
        }
      }
    }
    return legacySnapshot(connection, id);
  }

  /** A snapshot stored before migration 015: one row per query. */
  private static List<SnapshotEntry> legacySnapshot(Connection connection, long id)
      throws SQLException {
    List<SnapshotEntry> entries = new ArrayList<>();
    try (PreparedStatement select =
        connection.prepareStatement(
            "SELECT time_millis, client, device_id, profile, name, type, outcome, categories"
                + " FROM incident_activity WHERE incident_id = ? ORDER BY position")) {
      select.setLong(1, id);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          String categories = rows.getString(8);
          entries.add(
              new SnapshotEntry(
                  Instant.ofEpochMilli(rows.getLong(1)),
                  rows.getString(2),
                  rows.getString(3),
                  rows.getString(4),
                  rows.getString(5),
                  rows.getInt(6),
                  rows.getString(7),
                  categories.isEmpty() ? List.of() : Arrays.asList(categories.split(","))));
        }
      }
    }
    return entries;
  }

  static void insertReview(Connection connection, long incidentId, Review review)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO incident_review ("
                + StampColumns.NAMES
                + ", incident_id, group_name, reason, first_name, first_position, second_name,"
                + " second_position, review_device, conclusion) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
      int i = StampColumns.bind(insert, 1, review.stamp());
      insert.setLong(i++, incidentId);
      insert.setString(i++, review.group());
      insert.setString(i++, review.reason());
      insert.setString(i++, review.first().name());
      insert.setString(i++, review.first().position());
      insert.setString(i++, review.second().name());
      insert.setString(i++, review.second().position());
      insert.setString(i++, review.reviewDevice());
      insert.setString(i, review.conclusion());
      insert.executeUpdate();
    }
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO incident_review_concern (review_seq, position, site_or_device, reason)"
                + " VALUES (?,?,?,?)")) {
      int position = 0;
      for (Review.Concern concern : review.concerns()) {
        insert.setLong(1, review.stamp().sequence());
        insert.setInt(2, position++);
        insert.setString(3, concern.siteOrDevice());
        insert.setString(4, concern.reason());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }
}
