package org.classgate.filter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.classgate.filter.changelog.ChainVerification;
import org.classgate.filter.changelog.ChainWalk;
import org.classgate.filter.changelog.ChangeChain;
import org.classgate.filter.changelog.ChangeEntry;
import org.classgate.filter.changelog.ChangeLog;
import org.classgate.filter.changelog.LoggedChange;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.sync.RecordKind;
import org.classgate.sync.payload.ChangeLogPayload;
import org.classgate.sync.store.OutboundRecords;

/**
 * The change-control log in SQLite (tables {@code change_log} and {@code change_log_head},
 * migration 002). Each append takes the next id and the previous hash from the head, not from the
 * last row, so rows deleted from the end leave the head pointing past them. Each row is queued for
 * the school hub as a CHANGE_LOG record in the same transaction, with the previous row's hash, so
 * the hub holds an anchored copy of the chain. Thread-safe through {@link Database}.
 */
public final class SqliteChangeLog implements ChangeLog {
  /** The most rows {@link #read} returns at once. */
  public static final int MAX_READ = 10_000;

  private static final String COLUMNS =
      "id, at, actor, action, before_text, after_text, reason, approved_by, hash";

  private final Database database;
  private final OutboundRecords outbound;

  /**
   * What a row is about, for the hub's summary columns (not part of the hashed row).
   *
   * @param subject the thing changed (an allowance's domain, a configuration item), or null
   * @param until when the change ends by itself (an allowance's expiry), or null
   */
  record Subject(String subject, Instant until) {
    static final Subject NONE = new Subject(null, null);
  }

  /**
   * @param database the box's database, migrated; non-null
   * @param outbound where each row goes for the school hub, in its transaction; non-null
   */
  public SqliteChangeLog(Database database, OutboundRecords outbound) {
    this.database = Objects.requireNonNull(database, "database");
    this.outbound = Objects.requireNonNull(outbound, "outbound");
  }

  @Override
  public LoggedChange append(ChangeEntry entry) throws StoreException {
    Objects.requireNonNull(entry, "entry");
    return database.transaction(
        "appending '" + entry.action() + "' to the change log",
        c -> append(c, entry, Subject.NONE, outbound));
  }

  /**
   * Appends inside the caller's transaction, and queues the row for the hub there, so a change, its
   * log row and its outbox record commit or roll back together.
   */
  static LoggedChange append(
      Connection connection, ChangeEntry entry, Subject subject, OutboundRecords outbound)
      throws SQLException {
    long lastId;
    byte[] lastHash;
    try (PreparedStatement head =
            connection.prepareStatement(
                "SELECT last_id, last_hash FROM change_log_head WHERE singleton = 1");
        ResultSet row = head.executeQuery()) {
      if (!row.next()) {
        throw new SQLException("the change log's head row is missing; the log cannot continue");
      }
      lastId = row.getLong(1);
      lastHash = row.getBytes(2);
    }
    if (lastHash == null || lastHash.length != ChangeChain.HASH_LENGTH) {
      throw new SQLException(
          "the change log's head hash is damaged ("
              + (lastHash == null ? "NULL" : lastHash.length + " bytes")
              + "); run verify to find the damage");
    }
    long id = lastId + 1;
    byte[] hash = ChangeChain.link(lastHash, id, entry);
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO change_log (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
      insert.setLong(1, id);
      insert.setString(2, entry.at().toString());
      insert.setString(3, entry.actor());
      insert.setString(4, entry.action());
      insert.setString(5, entry.before());
      insert.setString(6, entry.after());
      insert.setString(7, entry.reason());
      insert.setString(8, entry.approvedBy());
      insert.setBytes(9, hash);
      insert.executeUpdate();
    }
    try (PreparedStatement update =
        connection.prepareStatement(
            "UPDATE change_log_head SET last_id = ?, last_hash = ? WHERE singleton = 1")) {
      update.setLong(1, id);
      update.setBytes(2, hash);
      update.executeUpdate();
    }
    LoggedChange logged = new LoggedChange(id, entry, ChangeChain.hex(hash));
    outbound.append(
        connection,
        RecordKind.CHANGE_LOG,
        new ChangeLogPayload(
                id,
                entry.at(),
                entry.actor(),
                entry.action(),
                subject.subject(),
                entry.reason(),
                subject.until(),
                logged.hash(),
                ChangeChain.hex(lastHash),
                entry.before(),
                entry.after(),
                entry.reason(),
                entry.approvedBy(),
                false)
            .encode());
    return logged;
  }

  @Override
  public List<LoggedChange> read(long afterId, int limit) throws StoreException {
    if (limit < 1 || limit > MAX_READ) {
      throw new IllegalArgumentException("read 1-" + MAX_READ + " rows at a time, not " + limit);
    }
    return database.transaction(
        "reading the change log after row " + afterId,
        c -> {
          List<LoggedChange> rows = new ArrayList<>();
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT " + COLUMNS + " FROM change_log WHERE id > ? ORDER BY id LIMIT ?")) {
            select.setLong(1, afterId);
            select.setInt(2, limit);
            try (ResultSet row = select.executeQuery()) {
              while (row.next()) {
                long id = row.getLong(1);
                byte[] hash = row.getBytes(9);
                try {
                  rows.add(
                      new LoggedChange(
                          id, entry(row), hash == null ? "(no hash)" : ChangeChain.hex(hash)));
                } catch (IllegalArgumentException | DateTimeParseException e) {
                  throw new SQLException(
                      "change log row " + id + " is unreadable (" + e.getMessage() + ")", e);
                }
              }
            }
          }
          return List.copyOf(rows);
        });
  }

  @Override
  public ChainVerification verify() throws StoreException {
    // One transaction: the rows and the head are read from one consistent snapshot (WAL).
    return database.transaction(
        "verifying the change log",
        c -> {
          ChainWalk walk = new ChainWalk();
          try (PreparedStatement select =
                  c.prepareStatement("SELECT " + COLUMNS + " FROM change_log ORDER BY id");
              ResultSet row = select.executeQuery()) {
            boolean going = true;
            while (going && row.next()) {
              long id = row.getLong(1);
              ChangeEntry entry;
              try {
                entry = entry(row);
              } catch (IllegalArgumentException | DateTimeParseException e) {
                walk.unreadableRow(id, e.getMessage());
                break;
              }
              going = walk.row(id, entry, row.getBytes(9));
            }
          }
          try (PreparedStatement head =
                  c.prepareStatement(
                      "SELECT last_id, last_hash FROM change_log_head WHERE singleton = 1");
              ResultSet row = head.executeQuery()) {
            if (!row.next()) {
              return walk.finishWithoutHead();
            }
            return walk.finish(row.getLong(1), row.getBytes(2));
          }
        });
  }

  /**
   * Decodes the entry columns of the current row.
   *
   * @throws IllegalArgumentException or DateTimeParseException if a column is not a valid value
   */
  private static ChangeEntry entry(ResultSet row) throws SQLException {
    String at = row.getString(2);
    if (at == null) {
      throw new IllegalArgumentException("its time is NULL");
    }
    Instant when;
    try {
      when = Instant.parse(at);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("its time '" + at + "' is not an ISO-8601 instant", e);
    }
    return new ChangeEntry(
        row.getString(3),
        when,
        row.getString(4),
        row.getString(5),
        row.getString(6),
        row.getString(7),
        row.getString(8));
  }
}
