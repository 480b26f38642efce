package org.classgate.incidents.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.classgate.activity.DevicePseudonyms;
import org.classgate.incidents.Alert;
import org.classgate.incidents.AlertKind;
import org.classgate.incidents.Incident;
import org.classgate.incidents.IncidentDetails;
import org.classgate.incidents.IncidentEvent;
import org.classgate.incidents.IncidentStatus;
import org.classgate.incidents.IncidentStore;
import org.classgate.incidents.Review;
import org.classgate.incidents.SnapshotEntry;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.sync.store.OutboundRecords;
import org.classgate.time.Stamp;

/**
 * The incident log in the box's SQLite database (tables of migrations 006 and 015). Presses are
 * written with {@link Database#durableTransaction}: synced before the call returns. Every change
 * queues the incident's whole current state for the school hub in the same transaction (and a new
 * report its alert). Thread-safe (through {@link Database}).
 */
public final class SqliteIncidentStore implements IncidentStore {
  private static final String INCIDENT_COLUMNS =
      "id, "
          + StampColumns.NAMES
          + ", source, classroom, press_count, description, occurred_at, reported_by, status";

  private final Database database;
  private final OutboundIncidents outbound;

  /**
   * @param outbound where records for the school hub go, in each change's transaction
   * @param pseudonyms names the devices of snapshots and alerts in those records
   */
  public SqliteIncidentStore(
      Database database, OutboundRecords outbound, DevicePseudonyms pseudonyms) {
    this.database = database;
    this.outbound = new OutboundIncidents(outbound, pseudonyms);
  }

  @Override
  public long createFromPress(
      Incident incident,
      Instant snapshotFrom,
      Instant snapshotTo,
      List<SnapshotEntry> snapshot,
      String alertDetail)
      throws StoreException {
    // Packed before the transaction: the database (shared with the activity writer) is held only
    // to write.
    byte[] packed = snapshot.isEmpty() ? null : SnapshotCodec.encode(snapshot);
    return database.durableTransaction(
        "recording a report button press",
        connection -> {
          long id = insertIncident(connection, incident, snapshotFrom, snapshotTo);
          insertPress(connection, id, incident.stamp());
          if (packed != null) {
            insertSnapshot(connection, id, snapshot.size(), packed);
          }
          // The alert shares the press's stamp: it is the same event, in the alert queue.
          Alert alert =
              new Alert(
                  incident.stamp(),
                  AlertKind.REPORT_BUTTON,
                  null,
                  null,
                  null,
                  null,
                  id,
                  alertDetail);
          SqliteAlertStore.insert(connection, alert);
          outbound.incident(connection, id);
          outbound.alert(connection, alert);
          return id;
        });
  }

  @Override
  public int addPress(long incidentId, Stamp stamp) throws StoreException {
    return database.durableTransaction(
        "recording a report button press",
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE incident SET press_count = press_count + 1 WHERE id = ?")) {
            update.setLong(1, incidentId);
            if (update.executeUpdate() == 0) {
              return 0;
            }
          }
          insertPress(connection, incidentId, stamp);
          outbound.incident(connection, incidentId);
          try (PreparedStatement count =
              connection.prepareStatement("SELECT press_count FROM incident WHERE id = ?")) {
            count.setLong(1, incidentId);
            try (ResultSet row = count.executeQuery()) {
              row.next();
              return row.getInt(1);
            }
          }
        });
  }

  @Override
  public long create(Incident incident) throws StoreException {
    return database.durableTransaction(
        "logging an incident",
        connection -> {
          long id = insertIncident(connection, incident, null, null);
          outbound.incident(connection, id);
          return id;
        });
  }

  private static long insertIncident(
      Connection connection, Incident incident, Instant snapshotFrom, Instant snapshotTo)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO incident ("
                + StampColumns.NAMES
                + ", source, classroom, press_count, description, occurred_at, reported_by,"
                + " status, snapshot_from, snapshot_to) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            Statement.RETURN_GENERATED_KEYS)) {
      int i = StampColumns.bind(insert, 1, incident.stamp());
      insert.setString(i++, incident.source().name().toLowerCase(Locale.ROOT));
      insert.setString(i++, incident.classroom());
      insert.setInt(i++, incident.pressCount());
      insert.setString(i++, incident.description());
      insert.setString(i++, incident.occurredAt());
      insert.setString(i++, incident.reportedBy());
      insert.setString(i++, incident.status().label());
      insert.setObject(i++, snapshotFrom == null ? null : snapshotFrom.toEpochMilli());
      insert.setObject(i, snapshotTo == null ? null : snapshotTo.toEpochMilli());
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  private static void insertPress(Connection connection, long incidentId, Stamp stamp)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO incident_press ("
                + StampColumns.NAMES
                + ", incident_id) VALUES (?,?,?,?,?,?)")) {
      int i = StampColumns.bind(insert, 1, stamp);
      insert.setLong(i, incidentId);
      insert.executeUpdate();
    }
  }

  /** The snapshot as one packed row (migration 015): one insert however busy the classroom. */
  private static void insertSnapshot(
      Connection connection, long incidentId, int entries, byte[] packed) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO incident_snapshot (incident_id, entry_count, packed) VALUES (?,?,?)")) {
      insert.setLong(1, incidentId);
      insert.setInt(2, entries);
      insert.setBytes(3, packed);
      insert.executeUpdate();
    }
  }

  @Override
  public Optional<Incident> find(long id) throws StoreException {
    return database.transaction(
        "reading incident " + id, connection -> Optional.ofNullable(incident(connection, id)));
  }

  /** Incident {@code id} as {@code connection}'s transaction sees it, or null. */
  static Incident incident(Connection connection, long id) throws SQLException {
    try (PreparedStatement select =
        connection.prepareStatement("SELECT " + INCIDENT_COLUMNS + " FROM incident WHERE id = ?")) {
      select.setLong(1, id);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? IncidentRows.incident(row) : null;
      }
    }
  }

  @Override
  public List<Incident> list(IncidentStatus status, int limit) throws StoreException {
    return database.transaction(
        "listing incidents",
        connection -> {
          String where = status == null ? "" : " WHERE status = ?";
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT "
                      + INCIDENT_COLUMNS
                      + " FROM incident"
                      + where
                      + " ORDER BY id DESC LIMIT ?")) {
            int i = 1;
            if (status != null) {
              select.setString(i++, status.label());
            }
            select.setInt(i, limit);
            List<Incident> incidents = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                incidents.add(IncidentRows.incident(rows));
              }
            }
            return incidents;
          }
        });
  }

  @Override
  public List<Incident> between(Instant from, Instant to) throws StoreException {
    return database.transaction(
        "reading incidents between " + from + " and " + to,
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT "
                      + INCIDENT_COLUMNS
                      + " FROM incident WHERE wall_millis >= ? AND wall_millis < ? ORDER BY seq")) {
            select.setLong(1, from.toEpochMilli());
            select.setLong(2, to.toEpochMilli());
            List<Incident> incidents = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                incidents.add(IncidentRows.incident(rows));
              }
            }
            return incidents;
          }
        });
  }

  @Override
  public Optional<IncidentDetails> details(long id) throws StoreException {
    return database.transaction(
        "reading incident " + id,
        connection -> {
          Incident incident = incident(connection, id);
          if (incident == null) {
            return Optional.empty();
          }
          return Optional.of(
              new IncidentDetails(
                  incident,
                  IncidentRows.events(connection, id),
                  IncidentRows.reviews(connection, id),
                  IncidentRows.snapshot(connection, id)));
        });
  }

  @Override
  public boolean move(long id, IncidentStatus from, IncidentEvent event, Review review)
      throws StoreException {
    return database.durableTransaction(
        "changing incident " + id + " to " + event.status().label(),
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE incident SET status = ? WHERE id = ? AND status = ?")) {
            update.setString(1, event.status().label());
            update.setLong(2, id);
            update.setString(3, from.label());
            if (update.executeUpdate() == 0) {
              return false;
            }
          }
          insertEvent(connection, id, event);
          if (review != null) {
            IncidentRows.insertReview(connection, id, review);
          }
          outbound.incident(connection, id);
          return true;
        });
  }

  @Override
  public void addAction(long id, IncidentEvent event) throws StoreException {
    database.durableTransaction(
        "recording an action on incident " + id,
        connection -> {
          insertEvent(connection, id, event);
          outbound.incident(connection, id);
          return null;
        });
  }

  private static void insertEvent(Connection connection, long id, IncidentEvent event)
      throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO incident_event ("
                + StampColumns.NAMES
                + ", incident_id, kind, status, action, what, by_whom, signature)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
      int i = StampColumns.bind(insert, 1, event.stamp());
      insert.setLong(i++, id);
      insert.setString(i++, event.status() != null ? "status" : "action");
      insert.setString(i++, event.status() == null ? null : event.status().label());
      insert.setString(i++, event.action() == null ? null : event.action().label());
      insert.setString(i++, event.what());
      insert.setString(i++, event.byWhom());
      insert.setString(i, event.signature());
      insert.executeUpdate();
    }
  }
}
