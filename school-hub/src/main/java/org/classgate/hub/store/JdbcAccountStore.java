package org.classgate.hub.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import org.classgate.console.auth.Account;
import org.classgate.console.auth.AccountStore;
import org.classgate.console.auth.LoginEvent;
import org.classgate.console.auth.PasswordPolicy;
import org.classgate.console.auth.Role;
import org.classgate.store.StoreException;

/**
 * The hub's web accounts, password history and login record in the hub's own database (tables
 * {@code hub_account}, {@code hub_password_history}, {@code hub_login_event}; hub migration 002),
 * for the box console's {@link org.classgate.console.auth.Accounts}. Portable SQL only: names are
 * matched through a lower-cased key column rather than a collation, and no SQLite-only function is
 * used, so a PostgreSQL hub store can hand its own transactions to the same class. Every method is
 * one transaction of the given {@link Transactions}. Thread-safe if they are.
 */
public final class JdbcAccountStore implements AccountStore {
  private static final String COLUMNS =
      "name, role, password_hash, password_temporary, password_changed, failed_attempts, locked,"
          + " totp_secret, totp_last_step";

  /** Work inside one transaction. */
  @FunctionalInterface
  public interface Work<T> {
    T run(Connection connection) throws SQLException;
  }

  /** Runs work in one transaction of the hub's database, committing or rolling back. */
  public interface Transactions {
    <T> T transaction(String what, Work<T> work) throws StoreException;
  }

  private final Transactions database;

  /**
   * @param database the hub database's transactions (migrated); non-null
   */
  public JdbcAccountStore(Transactions database) {
    this.database = Objects.requireNonNull(database, "database");
  }

  private static String key(String name) {
    return name.toLowerCase(Locale.ROOT);
  }

  @Override
  public boolean anyAccount() throws StoreException {
    return database.transaction("counting hub accounts", JdbcAccountStore::any);
  }

  @Override
  public boolean create(Account account, boolean onlyIfFirst, LoginEvent event)
      throws StoreException {
    return database.transaction(
        "creating hub account " + account.name(),
        c -> {
          if ((onlyIfFirst && any(c)) || select(c, account.name()).isPresent()) {
            return false;
          }
          update(
              c,
              "INSERT INTO hub_account (name_key, "
                  + COLUMNS
                  + ") VALUES (?, ?, ?, ?, ?, ?, 0, 0, ?, ?)",
              key(account.name()),
              account.name(),
              account.role().id(),
              account.passwordHash(),
              account.temporary() ? 1 : 0,
              account.passwordChanged().toEpochMilli(),
              account.totpSecret(),
              account.totpLastStep());
          history(c, account.name(), account.passwordHash(), account.passwordChanged());
          insertEvent(c, event);
          return true;
        });
  }

  @Override
  public Optional<Account> find(String name) throws StoreException {
    return database.transaction("reading hub account", c -> select(c, name));
  }

  @Override
  public List<Account> all() throws StoreException {
    return database.transaction(
        "listing hub accounts",
        c -> {
          List<Account> accounts = new ArrayList<>();
          try (PreparedStatement query =
                  c.prepareStatement("SELECT " + COLUMNS + " FROM hub_account ORDER BY name_key");
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
        "reading password history", c -> hashes(c, key(name), count, "password_hash"));
  }

  private static <T> List<T> hashes(Connection c, String key, int count, String column)
      throws SQLException {
    List<T> values = new ArrayList<>();
    try (PreparedStatement query =
        c.prepareStatement(
            "SELECT "
                + column
                + " FROM hub_password_history WHERE name_key = ? ORDER BY id DESC LIMIT ?")) {
      query.setString(1, key);
      query.setInt(2, count);
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          @SuppressWarnings("unchecked")
          T value = (T) rows.getObject(1);
          values.add(value);
        }
      }
    }
    return values;
  }

  @Override
  public void setPassword(String name, String hash, boolean temporary, Instant at, LoginEvent event)
      throws StoreException {
    database.transaction(
        "changing the password of " + name,
        c -> {
          update(
              c,
              "UPDATE hub_account SET password_hash = ?, password_temporary = ?,"
                  + " password_changed = ?, failed_attempts = 0 WHERE name_key = ?",
              hash,
              temporary ? 1 : 0,
              at.toEpochMilli(),
              key(name));
          history(c, name, hash, at);
          // Only the reuse window is kept: the oldest id still inside it bounds the delete.
          List<Number> kept = hashes(c, key(name), PasswordPolicy.HISTORY, "id");
          if (kept.size() == PasswordPolicy.HISTORY) {
            update(
                c,
                "DELETE FROM hub_password_history WHERE name_key = ? AND id < ?",
                key(name),
                kept.get(kept.size() - 1).longValue());
          }
          insertEvent(c, event);
          return null;
        });
  }

  @Override
  public Account recordFailure(String name, int lockAt, LoginEvent event) throws StoreException {
    return database.transaction(
        "recording a failed login for " + name,
        c -> {
          update(
              c,
              "UPDATE hub_account SET failed_attempts = failed_attempts + 1 WHERE name_key = ?",
              key(name));
          insertEvent(c, event);
          Account account = select(c, name).orElseThrow(() -> new SQLException("no " + name));
          if (!account.locked() && account.failedAttempts() >= lockAt) {
            update(c, "UPDATE hub_account SET locked = 1 WHERE name_key = ?", key(name));
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
              c,
              "UPDATE hub_account SET failed_attempts = 0, locked = 0 WHERE name_key = ?",
              key(name));
          insertEvent(c, event);
          return null;
        });
  }

  @Override
  public void setTotp(String name, String secret, long step, LoginEvent event)
      throws StoreException {
    database.transaction(
        "enrolling TOTP for " + name,
        c -> {
          update(
              c,
              "UPDATE hub_account SET totp_secret = ?, totp_last_step = ? WHERE name_key = ?",
              secret,
              step,
              key(name));
          insertEvent(c, event);
          return null;
        });
  }

  @Override
  public void useTotpStep(String name, long step) throws StoreException {
    // Only forwards: a code's step, once used, can never be used again (RFC 6238 section 5.2).
    database.transaction(
        "recording the TOTP step of " + name,
        c ->
            update(
                c,
                "UPDATE hub_account SET totp_last_step = ? WHERE name_key = ? AND totp_last_step < ?",
                step,
                key(name),
                step));
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
                  "SELECT at, login_user, kind, client, detail FROM hub_login_event"
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
    try (PreparedStatement query = c.prepareStatement("SELECT 1 FROM hub_account LIMIT 1");
        ResultSet rows = query.executeQuery()) {
      return rows.next();
    }
  }

  private static Optional<Account> select(Connection c, String name) throws SQLException {
    try (PreparedStatement query =
        c.prepareStatement("SELECT " + COLUMNS + " FROM hub_account WHERE name_key = ?")) {
      query.setString(1, key(name));
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
        "INSERT INTO hub_password_history (name_key, password_hash, set_at) VALUES (?, ?, ?)",
        key(name),
        hash,
        at.toEpochMilli());
  }

  private static void insertEvent(Connection c, LoginEvent event) throws SQLException {
    update(
        c,
        "INSERT INTO hub_login_event (at, login_user, kind, client, detail)"
            + " VALUES (?, ?, ?, ?, ?)",
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
