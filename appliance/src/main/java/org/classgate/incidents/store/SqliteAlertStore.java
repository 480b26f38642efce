package org.classgate.incidents.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.classgate.activity.DevicePseudonyms;
import org.classgate.incidents.Alert;
import org.classgate.incidents.AlertHandling;
import org.classgate.incidents.AlertKind;
import org.classgate.incidents.AlertStore;
import org.classgate.incidents.StoredAlert;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.sync.store.OutboundRecords;
import org.classgate.time.Stamp;

/**
 * Alerts in the box's SQLite database, each queued for the hub as an ALERT record in the same
 * transaction. Alerts are safeguarding records: written with a synced commit. Thread-safe (through
 * {@link Database}).
 */
public final class SqliteAlertStore implements AlertStore {
  private final Database database;
  private final OutboundIncidents outbound;

  /**
   * @param outbound where records for the school hub go, in each alert's transaction
   * @param pseudonyms names the alert's device in those records
   */
  public SqliteAlertStore(
      Database database, OutboundRecords outbound, DevicePseudonyms pseudonyms) {
    this.database = database;
    this.outbound = new OutboundIncidents(outbound, pseudonyms);
  }

  @Override
  public void add(List<Alert> alerts) throws StoreException {
    if (alerts.isEmpty()) {
      return;
    }
    database.durableTransaction(
        "storing " + alerts.size() + " alerts",
        connection -> {
          for (Alert alert : alerts) {
            insert(connection, alert);
            outbound.alert(connection, alert);
          }
          return null;
        });
  }

  /** Inserts one alert inside the caller's transaction. */
  static void insert(Connection connection, Alert alert) throws SQLException {
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO alert ("
                + StampColumns.NAMES
                + ", kind, client, device_id, category, name, incident_id, detail)"
                + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)")) {
      int i = StampColumns.bind(insert, 1, alert.stamp());
      insert.setString(i++, alert.kind().label());
      insert.setString(i++, alert.client());
      insert.setString(i++, alert.deviceId());
      insert.setString(i++, alert.category());
      insert.setString(i++, alert.name());
      insert.setObject(i++, alert.incidentId() == 0 ? null : alert.incidentId());
      insert.setString(i, alert.detail());
      insert.executeUpdate();
    }
  }

  @Override
  public List<Alert> between(Instant from, Instant to) throws StoreException {
    return database.transaction(
        "reading alerts",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT "
                      + StampColumns.NAMES
                      + ", kind, client, device_id, category, name, incident_id, detail FROM alert"
                      + " WHERE wall_millis >= ? AND wall_millis < ? ORDER BY seq")) {
            select.setLong(1, from.toEpochMilli());
            select.setLong(2, to.toEpochMilli());
            List<Alert> alerts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                alerts.add(
                    new Alert(
                        StampColumns.read(rows, 1),
                        AlertKind.ofLabel(rows.getString(6)),
                        rows.getString(7),
                        rows.getString(8),
                        rows.getString(9),
                        rows.getString(10),
                        rows.getLong(11),
                        rows.getString(12)));
              }
            }
            return alerts;
          }
        });
  }

  @Override
  public int unsent() throws StoreException {
    return database.transaction(
        "counting unsent alerts",
        connection -> {
          try (PreparedStatement select =
                  connection.prepareStatement("SELECT count(*) FROM alert WHERE sent_at IS NULL");
              ResultSet row = select.executeQuery()) {
            row.next();
            return row.getInt(1);
          }
        });
  }

  /** The columns {@link #stored} reads, in its order. */
  private static final String STORED_COLUMNS =
      StampColumns.NAMES
          + ", kind, client, device_id, category, name, incident_id, detail, handling, handled_by,"
          + " handled_seq,"
          + " handled_boot_id, handled_mono_nanos, handled_wall_millis, handled_synchronised";

  @Override
  public List<StoredAlert> recent(boolean withHandled, int limit) throws StoreException {
    return database.transaction(
        "reading recent alerts",
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT "
                      + STORED_COLUMNS
                      + " FROM alert"
                      + (withHandled ? "" : " WHERE handling IS NULL")
                      + " ORDER BY seq DESC LIMIT ?")) {
            select.setInt(1, limit);
            List<StoredAlert> alerts = new ArrayList<>();
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                alerts.add(stored(rows));
              }
            }
            return alerts;
          }
        });
  }

  @Override
  public Optional<StoredAlert> find(long id) throws StoreException {
    return database.transaction(
        "reading alert " + id,
        connection -> {
          try (PreparedStatement select =
              connection.prepareStatement(
                  "SELECT " + STORED_COLUMNS + " FROM alert WHERE seq = ?")) {
            select.setLong(1, id);
            try (ResultSet rows = select.executeQuery()) {
              return rows.next() ? Optional.of(stored(rows)) : Optional.empty();
            }
          }
        });
  }

  private static StoredAlert stored(ResultSet rows) throws SQLException {
    Stamp stamp = StampColumns.read(rows, 1);
    Alert alert =
        new Alert(
            stamp,
            AlertKind.ofLabel(rows.getString(6)),
            rows.getString(7),
            rows.getString(8),
            rows.getString(9),
            rows.getString(10),
            rows.getLong(11),
            rows.getString(12));
    String handling = rows.getString(13);
    if (handling == null) {
      return new StoredAlert(stamp.sequence(), alert, null, null, null);
    }
    return new StoredAlert(
        stamp.sequence(),
        alert,
        AlertHandling.ofLabel(handling),
        rows.getString(14),
        StampColumns.read(rows, 15));
  }

  @Override
  public boolean handle(long id, AlertHandling handling, String byWhom, Stamp stamp)
      throws StoreException {
    return database.durableTransaction(
        "recording that alert " + id + " was " + handling.label(),
        connection -> {
          try (PreparedStatement update =
              connection.prepareStatement(
                  "UPDATE alert SET handling = ?, handled_by = ?, handled_seq = ?,"
                      + " handled_boot_id = ?, handled_mono_nanos = ?, handled_wall_millis = ?,"
                      + " handled_synchronised = ? WHERE seq = ? AND handling IS NULL")) {
            update.setString(1, handling.label());
            update.setString(2, byWhom);
            int next = StampColumns.bind(update, 3, stamp);
            update.setLong(next, id);
            return update.executeUpdate() == 1;
          }
        });
  }
}
