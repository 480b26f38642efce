package org.classgate.filter.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Predicate;
import org.classgate.dns.wire.Name;
import org.classgate.filter.allowance.Allowance;
import org.classgate.filter.allowance.AllowanceRefused;
import org.classgate.filter.allowance.AllowanceRequest;
import org.classgate.filter.allowance.AllowanceSet;
import org.classgate.filter.allowance.AllowanceStore;
import org.classgate.filter.allowance.Allowances;
import org.classgate.filter.allowance.Approval;
import org.classgate.filter.allowance.Person;
import org.classgate.filter.changelog.AuditText;
import org.classgate.filter.changelog.ChangeEntry;
import org.classgate.filter.changelog.LoggedChange;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.sync.store.OutboundRecords;
import org.tinylog.TaggedLogger;

/**
 * Allowances in SQLite (table {@code allowance}, migration 002), each change written in one
 * transaction with its {@link SqliteChangeLog} row. Thread-safe through {@link Database}.
 *
 * <p>A row that no longer decodes, or no longer matches the change-log row that recorded its
 * creation (edited by hand), is left out of {@link #active()} with a warning: leaving it out can
 * only make filtering stricter. It cannot be revoked or expired either; {@link
 * SqliteChangeLog#verify()} and the warning point at it.
 */
public final class SqliteAllowanceStore implements AllowanceStore {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("filter");

  /** Change-log actions written here. */
  public static final String CREATE = "allowance.create";

  public static final String REVOKE = "allowance.revoke";
  public static final String EXPIRE = "allowance.expire";

  /** The actor recorded for housekeeping nobody asked for. */
  public static final String SYSTEM = "system";

  private final Database database;
  private final Allowances allowances;
  private final OutboundRecords outbound;

  /**
   * @param database the box's database, migrated; non-null
   * @param allowances the approval decisions, whose clock also times revocations and expiry
   * @param outbound where change-log rows go for the school hub, in their transaction; non-null
   */
  public SqliteAllowanceStore(Database database, Allowances allowances, OutboundRecords outbound) {
    this.database = Objects.requireNonNull(database, "database");
    this.allowances = Objects.requireNonNull(allowances, "allowances");
    this.outbound = Objects.requireNonNull(outbound, "outbound");
  }

  @Override
  public Allowance create(AllowanceRequest request, Person approver, Predicate<Name> isLocked)
      throws AllowanceRefused, StoreException {
    Approval approval = allowances.approve(request, approver, isLocked);
    AllowanceRequest approved = approval.request();
    Allowance allowance =
        database.transaction(
            "recording the allowance for " + approved.domain(),
            c -> {
              Allowance stored = new Allowance(AllowanceRows.insert(c, approval), approval);
              LoggedChange logged =
                  SqliteChangeLog.append(
                      c,
                      new ChangeEntry(
                          approved.requestedBy().toString(),
                          approval.approvedAt(),
                          CREATE,
                          null,
                          stored.describe(),
                          approved.reason(),
                          approval.approvedBy().toString()),
                      new SqliteChangeLog.Subject(stored.domain().toString(), stored.expiry()),
                      outbound);
              recordCreation(c, stored.id(), logged.id());
              return stored;
            });
    LOG.info(
        "allowance {} for {} ({} until {}) approved by {}",
        allowance.id(),
        allowance.domain(),
        allowance.scope(),
        allowance.expiry(),
        approval.approvedBy());
    return allowance;
  }

  @Override
  public Optional<Allowance> revoke(long id, Person by, String reason) throws StoreException {
    Objects.requireNonNull(by, "by");
    AuditText.requireNonBlank("the reason", reason);
    Instant now = allowances.clock().instant();
    Optional<Allowance> revoked =
        database.transaction(
            "revoking allowance " + id,
            c -> {
              Allowance allowance = inForce(c, id);
              if (allowance == null || allowance.expiredAt(now)) {
                return Optional.empty();
              }
              end(c, allowance, "revoked", REVOKE, by.toString(), reason, now, outbound);
              return Optional.of(allowance);
            });
    revoked.ifPresent(a -> LOG.info("allowance {} for {} revoked by {}", id, a.domain(), by));
    return revoked;
  }

  @Override
  public List<Allowance> expire() throws StoreException {
    Instant now = allowances.clock().instant();
    List<Allowance> expired =
        database.transaction(
            "expiring allowances",
            c -> {
              List<Allowance> ended = new ArrayList<>();
              for (Allowance allowance : readInForce(c)) {
                if (allowance.expiredAt(now)) {
                  String why = "the allowance reached its expiry at " + allowance.expiry();
                  end(c, allowance, "expired", EXPIRE, SYSTEM, why, now, outbound);
                  ended.add(allowance);
                }
              }
              return List.copyOf(ended);
            });
    for (Allowance allowance : expired) {
      LOG.info("allowance {} for {} expired", allowance.id(), allowance.domain());
    }
    return expired;
  }

  @Override
  public List<Allowance> active() throws StoreException {
    Instant now = allowances.clock().instant();
    return database.transaction(
        "loading allowances", c -> readInForce(c).stream().filter(a -> !a.expiredAt(now)).toList());
  }

  @Override
  public AllowanceSet snapshot(Predicate<Name> isLocked) throws StoreException {
    return AllowanceSet.of(active(), isLocked);
  }

  private static List<Allowance> readInForce(Connection c) throws SQLException {
    List<Allowance> found = new ArrayList<>();
    try (PreparedStatement select = c.prepareStatement(AllowanceRows.IN_FORCE + " ORDER BY a.id");
        ResultSet row = select.executeQuery()) {
      while (row.next()) {
        try {
          found.add(AllowanceRows.read(row));
        } catch (AllowanceRows.UnreadableRow e) {
          LOG.warn("{}; it is left out, so it allows nothing", e.getMessage());
        }
      }
    }
    return found;
  }

  private static Allowance inForce(Connection c, long id) throws SQLException {
    try (PreparedStatement select = c.prepareStatement(AllowanceRows.IN_FORCE + " AND a.id = ?")) {
      select.setLong(1, id);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return null;
        }
        try {
          return AllowanceRows.read(row);
        } catch (AllowanceRows.UnreadableRow e) {
          throw new SQLException(e.getMessage(), e);
        }
      }
    }
  }

  /** Marks {@code allowance} ended and logs it, in the caller's transaction. */
  private static void end(
      Connection c,
      Allowance allowance,
      String how,
      String action,
      String actor,
      String reason,
      Instant now,
      OutboundRecords outbound)
      throws SQLException {
    LoggedChange logged =
        SqliteChangeLog.append(
            c,
            new ChangeEntry(actor, now, action, allowance.describe(), null, reason, null),
            new SqliteChangeLog.Subject(allowance.domain().toString(), allowance.expiry()),
            outbound);
    try (PreparedStatement update =
        c.prepareStatement(
            "UPDATE allowance SET ended_at = ?, ended_how = ?, ended_by = ?, end_reason = ?,"
                + " ended_change = ? WHERE id = ? AND ended_at IS NULL")) {
      update.setString(1, now.toString());
      update.setString(2, how);
      update.setString(3, actor);
      update.setString(4, reason);
      update.setLong(5, logged.id());
      update.setLong(6, allowance.id());
      if (update.executeUpdate() != 1) {
        throw new SQLException("allowance " + allowance.id() + " ended concurrently");
      }
    }
  }

  private static void recordCreation(Connection c, long allowanceId, long changeId)
      throws SQLException {
    try (PreparedStatement update =
        c.prepareStatement("UPDATE allowance SET created_change = ? WHERE id = ?")) {
      update.setLong(1, changeId);
      update.setLong(2, allowanceId);
      update.executeUpdate();
    }
  }
}
