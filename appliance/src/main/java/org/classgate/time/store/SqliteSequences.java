package org.classgate.time.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.time.TrustedTime;

/**
 * The box's sequence numbers, reserved in blocks in the {@code box_sequence} row. Each reservation
 * is one transaction (read and advance together), so two processes sharing the database never get
 * the same numbers. Thread-safe (through {@link Database}).
 */
public final class SqliteSequences implements TrustedTime.SequenceSource {
  private final Database database;

  public SqliteSequences(Database database) {
    this.database = database;
  }

  @Override
  public long reserve(int count) throws StoreException {
    if (count <= 0) {
      throw new IllegalArgumentException("count must be positive: " + count);
    }
    return database.transaction(
        "reserving sequence numbers",
        connection -> {
          // Advance first: the write takes the database's write lock before the read, so no
          // other process can reserve between the two.
          try (PreparedStatement advance =
              connection.prepareStatement("UPDATE box_sequence SET next = next + ? WHERE id = 1")) {
            advance.setLong(1, count);
            advance.executeUpdate();
          }
          long first;
          try (PreparedStatement read =
                  connection.prepareStatement("SELECT next FROM box_sequence WHERE id = 1");
              ResultSet row = read.executeQuery()) {
            row.next();
            first = row.getLong(1) - count;
          }
          return first;
        });
  }
}
