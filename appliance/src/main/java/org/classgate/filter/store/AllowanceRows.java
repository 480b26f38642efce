package org.classgate.filter.store;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.WireFormatException;
import org.classgate.filter.allowance.Allowance;
import org.classgate.filter.allowance.AllowanceRequest;
import org.classgate.filter.allowance.AllowanceScope;
import org.classgate.filter.allowance.Approval;
import org.classgate.filter.allowance.Person;
import org.classgate.filter.allowance.RiskLevel;
import org.classgate.filter.allowance.Role;

/**
 * Maps {@link Allowance} to and from rows of the {@code allowance} table. Stateless.
 *
 * <p>Reading treats every column as untrusted (the file can be edited): a value that does not
 * decode raises {@link UnreadableRow} rather than being guessed at.
 */
final class AllowanceRows {
  /**
   * Allowances not yet ended, each with the description and reason its creation was logged with
   * (NULL if there is no such log row).
   */
  static final String IN_FORCE =
      "SELECT a.id, a.domain, a.scope_kind, a.scope_value, a.starts_at, a.expires_at, a.reason,"
          + " a.requested_by, a.requester_role, a.approved_by, a.approver_role, a.approved_at,"
          + " a.categories, a.risk, l.after_text, l.reason"
          + " FROM allowance a LEFT JOIN change_log l ON l.id = a.created_change"
          + " WHERE a.ended_at IS NULL";

  private AllowanceRows() {}

  /** A row whose values do not make an allowance. */
  static final class UnreadableRow extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableRow(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** Inserts {@code approval} and returns the new row's id. */
  static long insert(Connection connection, Approval approval) throws SQLException {
    AllowanceRequest request = approval.request();
    try (PreparedStatement insert =
        connection.prepareStatement(
            "INSERT INTO allowance (domain, scope_kind, scope_value, starts_at, expires_at,"
                + " reason, requested_by, requester_role, approved_by, approver_role,"
                + " approved_at, categories, risk) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            Statement.RETURN_GENERATED_KEYS)) {
      insert.setString(1, request.domain().toString());
      insert.setString(2, request.scope().kind());
      insert.setString(3, request.scope().value());
      insert.setString(4, request.start().toString());
      insert.setString(5, request.expiry().toString());
      insert.setString(6, request.reason());
      insert.setString(7, request.requestedBy().id());
      insert.setString(8, request.requestedBy().role().name());
      insert.setString(9, approval.approvedBy().id());
      insert.setString(10, approval.approvedBy().role().name());
      insert.setString(11, approval.approvedAt().toString());
      insert.setString(12, String.join(",", request.categories()));
      insert.setString(13, approval.risk().name());
      insert.executeUpdate();
      try (ResultSet keys = insert.getGeneratedKeys()) {
        if (!keys.next()) {
          throw new SQLException("SQLite returned no id for the new allowance");
        }
        return keys.getLong(1);
      }
    }
  }

  /**
   * Decodes the current row of an {@link #IN_FORCE} query and checks it against the change-log row
   * that recorded its creation. The log is hash-chained and the allowance table is not, so a row
   * edited in place (a later expiry, another scope) no longer matches its log row and is refused;
   * editing the log row too breaks the chain, which {@code verify} reports.
   */
  static Allowance read(ResultSet row) throws SQLException, UnreadableRow {
    Allowance allowance = decode(row);
    String loggedDescription = row.getString(15);
    String loggedReason = row.getString(16);
    if (!allowance.describe().equals(loggedDescription)
        || !allowance.approval().request().reason().equals(loggedReason)) {
      throw new UnreadableRow(
          "allowance row "
              + allowance.id()
              + (loggedDescription == null
                  ? " has no change-log row recording its creation"
                  : " differs from the change-log row that recorded its creation: it was edited"
                      + " outside ClassGate"),
          null);
    }
    return allowance;
  }

  private static Allowance decode(ResultSet row) throws SQLException, UnreadableRow {
    long id = row.getLong(1);
    try {
      AllowanceRequest request =
          new AllowanceRequest(
              Name.of(required(row, 2)),
              scope(required(row, 3), row.getString(4)),
              Instant.parse(required(row, 5)),
              Instant.parse(required(row, 6)),
              required(row, 7),
              new Person(required(row, 8), Role.valueOf(required(row, 9))),
              categories(required(row, 13)));
      Approval approval =
          new Approval(
              request,
              new Person(required(row, 10), Role.valueOf(required(row, 11))),
              Instant.parse(required(row, 12)),
              RiskLevel.valueOf(required(row, 14)));
      return new Allowance(id, approval);
    } catch (WireFormatException | RuntimeException e) {
      throw new UnreadableRow("allowance row " + id + " is unreadable: " + e.getMessage(), e);
    }
  }

  private static String required(ResultSet row, int column) throws SQLException {
    String value = row.getString(column);
    if (value == null) {
      throw new IllegalArgumentException(
          "column " + row.getMetaData().getColumnName(column) + " is NULL");
    }
    return value;
  }

  private static Set<String> categories(String text) {
    return text.isEmpty() ? Set.of() : new TreeSet<>(Arrays.asList(text.split(",", -1)));
  }

  private static AllowanceScope scope(String kind, String value) {
    switch (kind) {
      case "profile":
        return new AllowanceScope.ProfileScope(value);
      case "device":
        return new AllowanceScope.DeviceScope(addressLiteral(value));
      case "classroom":
        return AllowanceScope.CLASSROOM;
      default:
        throw new IllegalArgumentException("unknown scope kind '" + kind + "'");
    }
  }

  /**
   * Parses an IP address literal without ever looking a name up: an edited row must not make the
   * box send DNS queries for whatever text it holds.
   */
  static InetAddress addressLiteral(String text) {
    if (text == null) {
      throw new IllegalArgumentException("a device scope needs an address");
    }
    try {
      if (text.indexOf(':') >= 0) {
        // With a colon, InetAddress parses an IPv6 literal or fails; it never resolves a name.
        return InetAddress.getByName(text);
      }
      String[] parts = text.split("\\.", -1);
      if (parts.length != 4) {
        throw new IllegalArgumentException("'" + text + "' is not an IP address");
      }
      byte[] bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        if (parts[i].isEmpty()
            || parts[i].length() > 3
            || !parts[i].chars().allMatch(c -> c >= '0' && c <= '9')) {
          throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        int octet = Integer.parseInt(parts[i]);
        if (octet > 255) {
          throw new IllegalArgumentException("'" + text + "' is not an IP address");
        }
        bytes[i] = (byte) octet;
      }
      return InetAddress.getByAddress(bytes);
    } catch (UnknownHostException e) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address", e);
    }
  }
}
