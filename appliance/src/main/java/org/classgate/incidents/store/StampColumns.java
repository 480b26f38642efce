package org.classgate.incidents.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.classgate.time.Stamp;

/**
 * A {@link Stamp} as the five columns every incident table has: {@code seq, boot_id, mono_nanos,
 * wall_millis, synchronised}, in that order.
 */
final class StampColumns {
  static final String NAMES = "seq, boot_id, mono_nanos, wall_millis, synchronised";

  private StampColumns() {}

  /** Binds the five columns from parameter {@code first} on; returns the next parameter index. */
  static int bind(PreparedStatement statement, int first, Stamp stamp) throws SQLException {
    statement.setLong(first, stamp.sequence());
    statement.setString(first + 1, stamp.bootId());
    statement.setLong(first + 2, stamp.monotonicNanos());
    statement.setLong(first + 3, stamp.wallMillis());
    statement.setInt(first + 4, stamp.synchronised() ? 1 : 0);
    return first + 5;
  }

  /** Reads the five columns starting at column {@code first}. */
  static Stamp read(ResultSet row, int first) throws SQLException {
    return new Stamp(
        row.getLong(first),
        row.getString(first + 1),
        row.getLong(first + 2),
        row.getLong(first + 3),
        row.getInt(first + 4) != 0);
  }
}
