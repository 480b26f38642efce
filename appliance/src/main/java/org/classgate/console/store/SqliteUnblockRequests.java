package org.classgate.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.classgate.console.UnblockRequest;
import org.classgate.console.UnblockRequests;
import org.classgate.store.Database;
import org.classgate.store.StoreException;

/**
 * Unblock requests in SQLite (table {@code unblock_request}, migrations 009 and 014). Thread-safe.
 */
public final class SqliteUnblockRequests implements UnblockRequests {
  private final Database database;

  public SqliteUnblockRequests(Database database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  @Override
  public boolean add(Instant at, String host, String category, String client)
      throws StoreException {
    return database.transaction(
        "recording an unblock request",
        c -> {
          try (PreparedStatement existing =
              c.prepareStatement(
                  "SELECT 1 FROM unblock_request WHERE status = 'open' AND host = ?"
                      + " AND client IS ?")) {
            existing.setString(1, host);
            existing.setString(2, client);
            try (ResultSet rows = existing.executeQuery()) {
              if (rows.next()) {
                return false;
              }
            }
          }
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO unblock_request (at, host, category, client) VALUES (?, ?, ?, ?)")) {
            insert.setLong(1, at.toEpochMilli());
            insert.setString(2, host);
            insert.setString(3, category);
            insert.setString(4, client);
            insert.executeUpdate();
          }
          return true;
        });
  }

  @Override
  public Optional<UnblockRequest> find(long id) throws StoreException {
    return database.transaction(
        "reading unblock request " + id,
        c -> {
          try (PreparedStatement query =
              c.prepareStatement(
                  "SELECT id, at, host, category, client, status FROM unblock_request"
                      + " WHERE id = ?")) {
            query.setLong(1, id);
            try (ResultSet rows = query.executeQuery()) {
              return rows.next() ? Optional.of(request(rows)) : Optional.<UnblockRequest>empty();
            }
          }
        });
  }

  @Override
  public boolean close(
      long id, boolean granted, String by, String reason, Instant at, Long allowanceId)
      throws StoreException {
    if (by == null || by.isBlank() || reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("closing a request needs who and why");
    }
    return database.transaction(
        "closing unblock request " + id,
        c -> {
          // Only an open request closes: two teachers answering at once, one wins.
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE unblock_request SET status = ?, closed_at = ?, closed_by = ?,"
                      + " close_reason = ?, allowance_id = ? WHERE id = ? AND status = 'open'")) {
            update.setString(1, granted ? "granted" : "refused");
            update.setLong(2, at.toEpochMilli());
            update.setString(3, by);
            update.setString(4, reason);
            if (allowanceId == null) {
              update.setNull(5, java.sql.Types.INTEGER);
            } else {
              update.setLong(5, allowanceId);
            }
            update.setLong(6, id);
            return update.executeUpdate() == 1;
          }
        });
  }

  private static UnblockRequest request(ResultSet rows) throws java.sql.SQLException {
    return new UnblockRequest(
        rows.getLong(1),
        Instant.ofEpochMilli(rows.getLong(2)),
        rows.getString(3),
        rows.getString(4),
        rows.getString(5),
        rows.getString(6));
  }

  @Override
  public List<UnblockRequest> open(int limit) throws StoreException {
    return database.transaction(
        "reading unblock requests",
        c -> {
          List<UnblockRequest> requests = new ArrayList<>();
          try (PreparedStatement query =
              c.prepareStatement(
                  "SELECT id, at, host, category, client, status FROM unblock_request"
                      + " WHERE status = 'open' ORDER BY id DESC LIMIT ?")) {
            query.setInt(1, limit);
            try (ResultSet rows = query.executeQuery()) {
              while (rows.next()) {
                requests.add(request(rows));
              }
            }
          }
          return requests;
        });
  }
}
