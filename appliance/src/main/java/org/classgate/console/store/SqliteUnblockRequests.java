package org.classgate.console.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.classgate.console.UnblockRequest;
import org.classgate.console.UnblockRequests;
import org.classgate.store.Database;
import org.classgate.store.StoreException;

/** Unblock requests in SQLite (table {@code unblock_request}, migration 007). Thread-safe. */
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
                requests.add(
                    new UnblockRequest(
                        rows.getLong(1),
                        Instant.ofEpochMilli(rows.getLong(2)),
                        rows.getString(3),
                        rows.getString(4),
                        rows.getString(5),
                        rows.getString(6)));
              }
            }
          }
          return requests;
        });
  }
}
