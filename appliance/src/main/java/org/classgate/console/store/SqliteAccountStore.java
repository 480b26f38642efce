package org.classgate.console.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.classgate.console.auth.Account;
import org.classgate.console.auth.AccountStore;
import org.classgate.console.auth.LoginEvent;
import org.classgate.console.auth.PasswordPolicy;
import org.classgate.console.auth.Role;
import org.classgate.store.Database;
import org.classgate.store.StoreException;

/**
 * Accounts and the login record in SQLite (tables {@code console_account}, {@code
 * console_password_history}, {@code console_login_event}; migration 007). Every method is one
 * transaction. Thread-safe through {@link Database}.
 */
public final class SqliteAccountStore implements AccountStore {
  private static final String COLUMNS =
      "name, role, password_hash, password_temporary, password_changed, failed_attempts, locked,"
          + " totp_secret, totp_last_step";

  private final Database database;

  /**
   * @param database the box's database, migrated; non-null
   */
  public SqliteAccountStore(Database database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  @Override
  public boolean anyAccount() throws StoreException {
    return database.transaction("counting console accounts", SqliteAccountStore::any);
  }

  @Override
  public boolean create(Account account, boolean onlyIfFirst, LoginEvent event)
      throws StoreException {
    return database.durableTransaction(
        "creating console account " + account.name(),
        c -> {
          if ((onlyIfFirst && any(c)) || select(c, account.name()).isPresent()) {
            return false;
          }
          try (PreparedStatement insert =
              c.prepareStatement(
                  "INSERT INTO console_account ("
                      + COLUMNS
                      + ") VALUES (?, ?, ?, ?, ?, 0, 0, ?, ?)")) {
            insert.setString(1, account.name());
            insert.setString(2, account.role().id());
            insert.setString(3, account.passwordHash());
            insert.setInt(4, account.temporary() ? 1 : 0);
            insert.setLong(5, account.passwordChanged().toEpochMilli());
            insert.setString(6, account.totpSecret());
            insert.setLong(7, account.totpLastStep());
            insert.executeUpdate();
          }
          history(c, account.name(), account.passwordHash(), account.passwordChanged());
          insertEvent(c, event);
          return true;
        });
  }

  @Override
  public Optional<Account> find(String name) throws StoreException {
    return database.transaction("reading console account", c -> select(c, name));
  }

  @Override
  public List<Account> all() throws StoreException {
    return database.transaction(
        "listing console accounts",
        c -> {
          List<Account> accounts = new ArrayList<>();
          try (PreparedStatement query =
                  c.prepareStatement(
                      "SELECT " + COLUMNS + " FROM console_account ORDER BY name COLLATE NOCASE");
              ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
              accounts.add(account(rows));
            }
          }
          return accounts;
        });
  }

  @Override
  public List<String> recentHashes(String name, int count) throws StoreException {
    return database.transaction(
        "reading password history",
        c -> {
          List<String> hashes = new ArrayList<>();
          try (PreparedStatement query =
              c.prepareStatement(
                  "SELECT password_hash FROM console_password_history WHERE name = ?"
                      + " ORDER BY id DESC LIMIT ?")) {
            query.setString(1, name);
            query.setInt(2, count);
            try (ResultSet rows = query.executeQuery()) {
              while (rows.next()) {
                hashes.add(rows.getString(1));
              }
            }
          }
          return hashes;
        });
  }

  @Override
  public void setPassword(String name, String hash, boolean temporary, Instant at, LoginEvent event)
      throws StoreException {
    database.durableTransaction(
        "changing the password of " + name,
        c -> {
          update(
              c,
              "UPDATE console_account SET password_hash = ?, password_temporary = ?,"
                  + " password_changed = ?, failed_attempts = 0 WHERE name = ?",
              hash,
              temporary ? 1 : 0,
              at.toEpochMilli(),
              name);
          history(c, name, hash, at);
          // Only the reuse window is needed: older hashes are deleted, not kept forever.
          update(
              c,
              "DELETE FROM console_password_history WHERE name = ? AND id NOT IN (SELECT id FROM"
                  + " console_password_history WHERE name = ? ORDER BY id DESC LIMIT ?)",
              name,
              name,
              PasswordPolicy.HISTORY);
          insertEvent(c, event);
          return null;
        });
  }

  @Override
  public Account recordFailure(String name, int lockAt, LoginEvent event) throws StoreException {
    return database.durableTransaction(
        "recording a failed login for " + name,
        c -> {
          update(
              c,
              "UPDATE console_account SET failed_attempts = failed_attempts + 1 WHERE name = ?",
              name);
          insertEvent(c, event);
          Account account = select(c, name).orElseThrow(() -> new SQLException("no " + name));
          if (!account.locked() && account.failedAttempts() >= lockAt) {
            update(c, "UPDATE console_account SET locked = 1 WHERE name = ?", name);
            insertEvent(
                c,
                new LoginEvent(
                    event.at(),
                    account.name(),
                    LoginEvent.Kind.LOCKOUT,
                    event.client(),
                    "locked after " + account.failedAttempts() + " failed attempts"));
            account = select(c, name).orElseThrow();
          }
          return account;
        });
  }

  @Override
  public void clearFailures(String name, LoginEvent event) throws StoreException {
    database.transaction(
        "clearing failed logins of " + name,
        c -> {
          update(
              c, "UPDATE console_account SET failed_attempts = 0, locked = 0 WHERE name = ?", name);
          insertEvent(c, event);
          return null;
        });
  }

  @Override
  public void setTotp(String name, String secret, long step, LoginEvent event)
      throws StoreException {
    database.durableTransaction(
        "enrolling TOTP for " + name,
        c -> {
          update(
              c,
              "UPDATE console_account SET totp_secret = ?, totp_last_step = ? WHERE name = ?",
              secret,
              step,
              name);
          insertEvent(c, event);
          return null;
        });
  }

  @Override
  public void useTotpStep(String name, long step) throws StoreException {
    database.transaction(
        "recording the TOTP step of " + name,
        c ->
            update(
                c,
                "UPDATE console_account SET totp_last_step = max(totp_last_step, ?) WHERE name = ?",
                step,
                name));
  }

  @Override
  public void log(LoginEvent event) throws StoreException {
    database.transaction(
        "recording a login event",
        c -> {
          insertEvent(c, event);
          return null;
        });
  }

  @Override
  public List<LoginEvent> recentEvents(int limit) throws StoreException {
    return database.transaction(
        "reading the login record",
        c -> {
          List<LoginEvent> events = new ArrayList<>();
          try (PreparedStatement query =
              c.prepareStatement(
                  "SELECT at, user, kind, client, detail FROM console_login_event"
                      + " ORDER BY id DESC LIMIT ?")) {
            query.setInt(1, limit);
            try (ResultSet rows = query.executeQuery()) {
              while (rows.next()) {
                events.add(
                    new LoginEvent(
                        Instant.ofEpochMilli(rows.getLong(1)),
                        rows.getString(2),
                        LoginEvent.Kind.fromId(rows.getString(3)),
                        rows.getString(4),
                        rows.getString(5)));
              }
            }
          }
          return events;
        });
  }

  private static boolean any(Connection c) throws SQLException {
    try (PreparedStatement query = c.prepareStatement("SELECT 1 FROM console_account LIMIT 1");
        ResultSet rows = query.executeQuery()) {
      return rows.next();
    }
  }

  private static Optional<Account> select(Connection c, String name) throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement("SELECT " + COLUMNS + " FROM console_account WHERE name = ?")) {
      query.setString(1, name);
      try (ResultSet rows = query.executeQuery()) {
        return rows.next() ? Optional.of(account(rows)) : Optional.empty();
      }
    }
  }

  private static Account account(ResultSet rows) throws SQLException {
    String role = rows.getString(2);
    return new Account(
        rows.getString(1),
        Role.fromId(role).orElseThrow(() -> new SQLException("unknown role " + role)),
        rows.getString(3),
        rows.getInt(4) == 1,
        Instant.ofEpochMilli(rows.getLong(5)),
        rows.getInt(6),
        rows.getInt(7) == 1,
        rows.getString(8),
        rows.getLong(9));
  }

  private static void history(Connection c, String name, String hash, Instant at)
      throws SQLException {
    update(
        c,
        "INSERT INTO console_password_history (name, password_hash, set_at) VALUES (?, ?, ?)",
        name,
        hash,
        at.toEpochMilli());
  }

  private static void insertEvent(Connection c, LoginEvent event) throws SQLException {
    update(
        c,
        "INSERT INTO console_login_event (at, user, kind, client, detail) VALUES (?, ?, ?, ?, ?)",
        event.at().toEpochMilli(),
        event.user(),
        event.kind().id(),
        event.client(),
        event.detail());
  }

  private static int update(Connection c, String sql, Object... values) throws SQLException {
    try (PreparedStatement statement = c.prepareStatement(sql)) {
      for (int i = 0; i < values.length; i++) {
        statement.setObject(i + 1, values[i]);
      }
      return statement.executeUpdate();
    }
  }
}
