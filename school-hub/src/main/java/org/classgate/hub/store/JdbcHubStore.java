package org.classgate.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.classgate.console.auth.AccountStore;
import org.classgate.hub.BoxEntry;
import org.classgate.hub.BoxStatus;
import org.classgate.hub.HubDatabase;
import org.classgate.hub.HubStore;
import org.classgate.store.StoreException;
import org.classgate.sync.PartyKeys;
import org.classgate.sync.RecordKind;
import org.classgate.sync.SyncRecord;
import org.tinylog.TaggedLogger;

/**
 * The hub's store over JDBC, one implementation for both databases ({@link SqlDialect} holds what
 * differs). SQLite: one file in WAL mode, one connection (SQLite has one writer anyway; a school's
 * boxes deliver a few envelopes a minute); the administrator's commands ({@code scripts/hub
 * approve}) open the same file from another process, and WAL and the busy timeout let both work.
 * PostgreSQL: a small pool of connections, so envelopes from hundreds of schools' boxes are stored
 * in parallel; each envelope's transaction locks its box's row first. Thread-safe.
 */
public final class JdbcHubStore implements HubStore {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("hub");

  /** The longest a transaction waits for a free connection. */
  private static final long CONNECTION_WAIT_MILLIS = 30_000;

  private static final String BOX_COLUMNS =
      "id, signing_key, agreement_key, previous_signing_key, status, classroom, requested_at,"
          + " changed_at, last_contact, acked_seq";

  private final String description;
  private final SqlDialect dialect;
  private final ConnectionPool pool;

  private JdbcHubStore(String description, SqlDialect dialect, ConnectionPool pool) {
    this.description = description;
    this.dialect = dialect;
    this.pool = pool;
  }

  /**
   * Opens {@code database} (creating an SQLite file and its directory if needed) and applies
   * pending migrations. A PostgreSQL database must exist, owned by (or writable for) its user.
   */
  public static JdbcHubStore open(HubDatabase database) throws StoreException {
    DatabaseConnector connector = DatabaseConnector.of(database);
    SqlDialect dialect = connector.dialect();
    ConnectionPool pool =
        new ConnectionPool(
            database.describe(),
            () -> {
              Connection connection = connector.connect();
              try {
                dialect.prepare(connection);
                return connection;
              } catch (SQLException | RuntimeException e) {
                connection.close();
                throw e;
              }
            },
            connector.poolSize(),
            CONNECTION_WAIT_MILLIS);
    JdbcHubStore store = new JdbcHubStore(database.describe(), dialect, pool);
    try {
      int version = store.migrate();
      LOG.info("hub database {} ready (schema version {})", database.describe(), version);
    } catch (StoreException | RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private int migrate() throws StoreException {
    Connection connection = pool.borrow();
    boolean broken = true;
    try {
      int version = HubMigrations.apply(connection, dialect);
      broken = false;
      return version;
    } catch (SQLException e) {
      throw new StoreException(
          "cannot prepare hub database " + description + ": " + e.getMessage(), e);
    } finally {
      pool.release(connection, broken);
    }
  }

  @FunctionalInterface
  private interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  private <T> T transaction(String what, Work<T> work) throws StoreException {
    Connection connection = pool.borrow();
    boolean broken = false;
    try {
      connection.setAutoCommit(false);
      try {
        T result = work.run(connection);
        connection.commit();
        return result;
      } catch (SQLException | RuntimeException e) {
        connection.rollback();
        throw e;
      } finally {
        connection.setAutoCommit(true);
      }
    } catch (SQLException e) {
      broken = dialect.connectionLost(e);
      throw new StoreException(what + " failed in " + description + ": " + e.getMessage(), e);
    } catch (RuntimeException e) {
      broken = true;
      throw e;
    } finally {
      pool.release(connection, broken);
    }
  }

  @Override
  public Optional<BoxEntry> box(UUID id) throws StoreException {
    return transaction("reading box " + id, c -> readBox(c, id));
  }

  private static Optional<BoxEntry> readBox(Connection c, UUID id) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT " + BOX_COLUMNS + " FROM box WHERE id = ?")) {
      select.setString(1, id.toString());
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(toBox(row)) : Optional.empty();
      }
    }
  }

  private static BoxEntry toBox(ResultSet row) throws SQLException {
    String lastContact = row.getString(9);
    return new BoxEntry(
        new PartyKeys(UUID.fromString(row.getString(1)), row.getBytes(2), row.getBytes(3)),
        row.getBytes(4),
        BoxStatus.ofWord(row.getString(5)),
        row.getString(6),
        Instant.parse(row.getString(7)),
        Instant.parse(row.getString(8)),
        lastContact == null ? null : Instant.parse(lastContact),
        row.getLong(10));
  }

  @Override
  public List<BoxEntry> boxes() throws StoreException {
    return transaction(
        "listing boxes",
        c -> {
          List<BoxEntry> boxes = new ArrayList<>();
          try (PreparedStatement select =
                  c.prepareStatement("SELECT " + BOX_COLUMNS + " FROM box ORDER BY enrol_order");
              ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              boxes.add(toBox(rows));
            }
          }
          return boxes;
        });
  }

  @Override
  public int pendingCount() throws StoreException {
    return transaction(
        "counting pending boxes",
        c -> {
          try (PreparedStatement select =
                  c.prepareStatement("SELECT count(*) FROM box WHERE status = 'pending'");
              ResultSet row = select.executeQuery()) {
            row.next();
            return row.getInt(1);
          }
        });
  }

  @Override
  public BoxEntry requestEnrolment(PartyKeys keys, String classroom, Instant at)
      throws StoreException {
    return transaction(
        "recording the enrolment request of box " + keys.id(),
        c -> {
          Optional<BoxEntry> existing = readBox(c, keys.id());
          if (existing.isEmpty()) {
            try (PreparedStatement insert =
                c.prepareStatement(
                    "INSERT INTO box (id, signing_key, agreement_key, status, classroom,"
                        + " requested_at, changed_at, enrol_order)"
                        + " VALUES (?, ?, ?, 'pending', ?, ?, ?, "
                        + dialect.nextEnrolOrder()
                        + ") ON CONFLICT (id) DO NOTHING")) {
              insert.setString(1, keys.id().toString());
              insert.setBytes(2, keys.signingKey());
              insert.setBytes(3, keys.agreementKey());
              insert.setString(4, classroom);
              insert.setString(5, at.toString());
              insert.setString(6, at.toString());
              insert.executeUpdate();
            }
          } else if (existing.get().status() == BoxStatus.PENDING
              && !existing.get().keys().equals(keys)) {
            try (PreparedStatement update =
                c.prepareStatement(
                    "UPDATE box SET signing_key = ?, agreement_key = ?, classroom = ?,"
                        + " requested_at = ?, changed_at = ? WHERE id = ? AND status = 'pending'")) {
              update.setBytes(1, keys.signingKey());
              update.setBytes(2, keys.agreementKey());
              update.setString(3, classroom);
              update.setString(4, at.toString());
              update.setString(5, at.toString());
              update.setString(6, keys.id().toString());
              update.executeUpdate();
            }
          }
          return readBox(c, keys.id()).orElseThrow();
        });
  }

  @Override
  public boolean changeStatus(UUID id, BoxStatus from, BoxStatus to, Instant at)
      throws StoreException {
    return transaction(
        "changing box " + id + " from " + from.word() + " to " + to.word(),
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE box SET status = ?, changed_at = ? WHERE id = ? AND status = ?")) {
            update.setString(1, to.word());
            update.setString(2, at.toString());
            update.setString(3, id.toString());
            update.setString(4, from.word());
            return update.executeUpdate() == 1;
          }
        });
  }

  @Override
  public boolean replaceKeys(PartyKeys keys, Instant at) throws StoreException {
    return transaction(
        "pinning new keys for box " + keys.id(),
        c -> {
          try (PreparedStatement update =
              c.prepareStatement(
                  "UPDATE box SET previous_signing_key = signing_key, signing_key = ?,"
                      + " agreement_key = ?, changed_at = ? WHERE id = ? AND status = 'approved'")) {
            update.setBytes(1, keys.signingKey());
            update.setBytes(2, keys.agreementKey());
            update.setString(3, at.toString());
            update.setString(4, keys.id().toString());
            return update.executeUpdate() == 1;
          }
        });
  }

  @Override
  public Stored storeEnvelope(
      UUID box, byte[] signerKey, byte[] envelope, List<SyncRecord> records, Instant at)
      throws StoreException {
    return transaction(
        "storing an envelope of box " + box,
        c -> {
          // First, and locking: see SqlDialect.lockingRead.
          long acknowledged = acknowledged(c, box);
          // Above the highest stored sequence nothing can be held: only the overlap is looked up.
          long highest = highestStored(c, box);
          List<SyncRecord> fresh = new ArrayList<>();
          for (SyncRecord record : records) {
            long sequence = record.sequence();
            if (sequence > highest || (sequence > acknowledged && !held(c, box, sequence))) {
              fresh.add(record);
            }
          }
          if (!fresh.isEmpty()) {
            long envelopeId = insertEnvelope(c, box, signerKey, envelope, records, at);
            insertRecords(c, box, envelopeId, fresh, at);
            acknowledged = advance(c, box, acknowledged);
          }
          try (PreparedStatement update =
              c.prepareStatement("UPDATE box SET acked_seq = ?, last_contact = ? WHERE id = ?")) {
            update.setLong(1, acknowledged);
            update.setString(2, at.toString());
            update.setString(3, box.toString());
            update.executeUpdate();
          }
          return new Stored(fresh.size(), acknowledged);
        });
  }

  private long acknowledged(Connection c, UUID box) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT acked_seq FROM box WHERE id = ?" + dialect.lockingRead())) {
      select.setString(1, box.toString());
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          throw new SQLException("box " + box + " is not in the hub's database");
        }
        return row.getLong(1);
      }
    }
  }

  private static long highestStored(Connection c, UUID box) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT coalesce(max(seq), 0) FROM record WHERE box = ?")) {
      select.setString(1, box.toString());
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return row.getLong(1);
      }
    }
  }

  private static boolean held(Connection c, UUID box, long sequence) throws SQLException {
    try (PreparedStatement select =
        c.prepareStatement("SELECT 1 FROM record WHERE box = ? AND seq = ?")) {
      select.setString(1, box.toString());
      select.setLong(2, sequence);
      try (ResultSet row = select.executeQuery()) {
        return row.next();
      }
    }
  }

  private static long insertEnvelope(
      Connection c,
      UUID box,
      byte[] signerKey,
      byte[] envelope,
      List<SyncRecord> records,
      Instant at)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO envelope (box, first_seq, last_seq, received_at, signer_key, bytes)"
                + " VALUES (?, ?, ?, ?, ?, ?) RETURNING id")) {
      insert.setString(1, box.toString());
      insert.setLong(2, records.get(0).sequence());
      insert.setLong(3, records.get(records.size() - 1).sequence());
      insert.setString(4, at.toString());
      insert.setBytes(5, signerKey);
      insert.setBytes(6, envelope);
      try (ResultSet id = insert.executeQuery()) {
        id.next();
        return id.getLong(1);
      }
    }
  }

  private static void insertRecords(
      Connection c, UUID box, long envelopeId, List<SyncRecord> records, Instant at)
      throws SQLException {
    try (PreparedStatement insert =
        c.prepareStatement(
            "INSERT INTO record (box, seq, kind, dropped, payload, envelope, received_at)"
                + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      String boxId = box.toString();
      String received = at.toString();
      for (SyncRecord record : records) {
        insert.setString(1, boxId);
        insert.setLong(2, record.sequence());
        insert.setInt(3, record.kind().code());
        insert.setInt(4, record.dropped() ? 1 : 0);
        insert.setBytes(5, record.payload());
        insert.setLong(6, envelopeId);
        insert.setString(7, received);
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  /**
   * The highest contiguous sequence after new records: walks the stored sequences above {@code
   * acknowledged} in order, a page at a time, until the first gap. An index range scan on the
   * primary key in both databases, proportional to the run it advances over (an anti-join over
   * every record above the acknowledgement was planned as nested loops by a PostgreSQL that had not
   * yet analysed the table).
   */
  private static long advance(Connection c, UUID box, long acknowledged) throws SQLException {
    final int page = 4096;
    try (PreparedStatement select =
        c.prepareStatement(
            "SELECT seq FROM record WHERE box = ? AND seq > ? ORDER BY seq LIMIT ?")) {
      select.setString(1, box.toString());
      select.setInt(3, page);
      while (true) {
        select.setLong(2, acknowledged);
        int seen = 0;
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            if (rows.getLong(1) != acknowledged + 1) {
              return acknowledged;
            }
            acknowledged++;
            seen++;
          }
        }
        if (seen < page) {
          return acknowledged;
        }
      }
    }
  }

  @Override
  public List<SyncRecord> records(UUID box, long fromSequence, int limit) throws StoreException {
    return transaction(
        "reading records of box " + box,
        c -> {
          List<SyncRecord> records = new ArrayList<>();
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT seq, kind, dropped, payload FROM record WHERE box = ? AND seq >= ?"
                      + " ORDER BY seq LIMIT ?")) {
            select.setString(1, box.toString());
            select.setLong(2, fromSequence);
            select.setInt(3, limit);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                long sequence = rows.getLong(1);
                int code = rows.getInt(2);
                RecordKind kind =
                    RecordKind.ofCode(code)
                        .orElseThrow(
                            () -> new SQLException("record " + sequence + " has kind " + code));
                records.add(
                    rows.getInt(3) == 1
                        ? SyncRecord.tombstone(sequence, kind)
                        : SyncRecord.of(sequence, kind, rows.getBytes(4)));
              }
            }
          }
          return records;
        });
  }

  @Override
  public long recordCount(UUID box) throws StoreException {
    return transaction(
        "counting records of box " + box,
        c -> {
          try (PreparedStatement select =
              c.prepareStatement("SELECT count(*) FROM record WHERE box = ?")) {
            select.setString(1, box.toString());
            try (ResultSet row = select.executeQuery()) {
              row.next();
              return row.getLong(1);
            }
          }
        });
  }

  @Override
  public List<StoredEnvelope> envelopes(UUID box, long afterId, int limit) throws StoreException {
    return transaction(
        "reading envelopes of box " + box,
        c -> {
          List<StoredEnvelope> envelopes = new ArrayList<>();
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT id, signer_key, bytes, received_at FROM envelope WHERE box = ? AND id > ?"
                      + " ORDER BY id LIMIT ?")) {
            select.setString(1, box.toString());
            select.setLong(2, afterId);
            select.setInt(3, limit);
            try (ResultSet rows = select.executeQuery()) {
              while (rows.next()) {
                envelopes.add(
                    new StoredEnvelope(
                        rows.getLong(1),
                        box,
                        rows.getBytes(2),
                        rows.getBytes(3),
                        Instant.parse(rows.getString(4))));
              }
            }
          }
          return envelopes;
        });
  }

  @Override
  public AccountStore accounts() {
    return new JdbcAccountStore(
        new JdbcAccountStore.Transactions() {
          @Override
          public <T> T transaction(String what, JdbcAccountStore.Work<T> work)
              throws StoreException {
            return JdbcHubStore.this.transaction(what, work::run);
          }
        });
  }

  @Override
  public Optional<BoxRecord> latestRecord(UUID box, RecordKind kind) throws StoreException {
    return transaction(
        "reading the latest " + kind + " record of box " + box,
        c -> {
          List<BoxRecord> found =
              boxRecords(
                  c,
                  "SELECT box, seq, kind, payload, received_at FROM record"
                      + " WHERE box = ? AND kind = ? AND dropped = 0 ORDER BY seq DESC LIMIT 1",
                  box.toString(),
                  kind.code());
          return found.stream().findFirst();
        });
  }

  @Override
  public List<BoxRecord> recordsOfKind(RecordKind kind, Position after, int limit)
      throws StoreException {
    return transaction(
        "reading " + kind + " records",
        c ->
            after == null
                ? boxRecords(
                    c,
                    "SELECT box, seq, kind, payload, received_at FROM record"
                        + " WHERE kind = ? AND dropped = 0 ORDER BY box, seq LIMIT ?",
                    kind.code(),
                    limit)
                : boxRecords(
                    c,
                    "SELECT box, seq, kind, payload, received_at FROM record"
                        + " WHERE kind = ? AND dropped = 0 AND (box > ? OR (box = ? AND seq > ?))"
                        + " ORDER BY box, seq LIMIT ?",
                    kind.code(),
                    after.box().toString(),
                    after.box().toString(),
                    after.sequence(),
                    limit));
  }

  @Override
  public List<BoxRecord> recordsOfKind(UUID box, RecordKind kind, long afterSequence, int limit)
      throws StoreException {
    return transaction(
        "reading " + kind + " records of box " + box,
        c ->
            boxRecords(
                c,
                "SELECT box, seq, kind, payload, received_at FROM record"
                    + " WHERE box = ? AND kind = ? AND dropped = 0 AND seq > ? ORDER BY seq LIMIT ?",
                box.toString(),
                kind.code(),
                afterSequence,
                limit));
  }

  @Override
  public RecordCounts recordCounts(UUID box) throws StoreException {
    return transaction(
        "counting records of box " + box,
        c -> {
          try (PreparedStatement select =
              c.prepareStatement(
                  "SELECT (SELECT count(*) FROM record r, box b WHERE r.box = ? AND b.id = r.box"
                      + " AND r.seq > b.acked_seq),"
                      + " (SELECT count(*) FROM record WHERE box = ? AND dropped = 1)")) {
            select.setString(1, box.toString());
            select.setString(2, box.toString());
            try (ResultSet row = select.executeQuery()) {
              row.next();
              return new RecordCounts(row.getLong(1), row.getLong(2));
            }
          }
        });
  }

  private static List<BoxRecord> boxRecords(Connection c, String sql, Object... values)
      throws SQLException {
    List<BoxRecord> records = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        select.setObject(i + 1, values[i]);
      }
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          int code = rows.getInt(3);
          RecordKind kind =
              RecordKind.ofCode(code)
                  .orElseThrow(() -> new SQLException("a record has unknown kind " + code));
          records.add(
              new BoxRecord(
                  UUID.fromString(rows.getString(1)),
                  rows.getLong(2),
                  kind,
                  rows.getBytes(4),
                  Instant.parse(rows.getString(5))));
        }
      }
    }
    return records;
  }

  @Override
  public void close() {
    pool.close();
  }
}
