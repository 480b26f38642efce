package org.classgate.devices.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import org.classgate.time.Stamp;

/**
 * A {@link Stamp} as five columns {@code <prefix>_seq, _boot, _mono, _wall, _sync} (see migration
 * 004). Stateless.
 */
final class StampColumns {
  private StampColumns() {}

  /** The five column names for {@code prefix}, comma-separated, for SQL text. */
  static String names(String prefix) {
    return prefix + "_seq, " + prefix + "_boot, " + prefix + "_mono, " + prefix + "_wall, " + prefix
        + "_sync";
  }

  /** {@code prefix_seq = ?, …} for an UPDATE's SET list. */
  static String assignments(String prefix) {
    return String.join(" = ?, ", names(prefix).split(", ")) + " = ?";
  }

  /** Binds {@code stamp} (or five NULLs) at parameters {@code first … first + 4}. */
  static void bind(PreparedStatement statement, int first, Stamp stamp) throws SQLException {
    if (stamp == null) {
      statement.setNull(first, Types.INTEGER);
      statement.setNull(first + 1, Types.VARCHAR);
      statement.setNull(first + 2, Types.INTEGER);
      statement.setNull(first + 3, Types.INTEGER);
      statement.setNull(first + 4, Types.INTEGER);
      return;
    }
    statement.setLong(first, stamp.sequence());
    statement.setString(first + 1, stamp.bootId());
    statement.setLong(first + 2, stamp.monotonicNanos());
    statement.setLong(first + 3, stamp.wallMillis());
    statement.setInt(first + 4, stamp.synchronised() ? 1 : 0);
  }

  /** The stamp in the row's {@code prefix} columns; null if they are NULL. */
  static Stamp read(ResultSet row, String prefix) throws SQLException {
    String boot = row.getString(prefix + "_boot");
    if (boot == null) {
      return null;
    }
    return new Stamp(
        row.getLong(prefix + "_seq"),
        boot,
        row.getLong(prefix + "_mono"),
        row.getLong(prefix + "_wall"),
        row.getInt(prefix + "_sync") == 1);
  }
}
