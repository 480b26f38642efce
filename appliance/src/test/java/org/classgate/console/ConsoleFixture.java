package org.classgate.console;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.classgate.console.auth.Accounts;
import org.classgate.console.auth.PasswordHasher;
import org.classgate.console.auth.PasswordPolicy;
import org.classgate.console.auth.Role;
import org.classgate.console.auth.Sessions;
import org.classgate.console.auth.Totp;
import org.classgate.console.store.SqliteAccountStore;
import org.classgate.console.store.SqliteUnblockRequests;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.classgate.testing.SteppedWallClock;

/**
 * The real console server on loopback port 0 (console and block page) over a real SQLite database
 * in a temporary directory, with a stepped wall clock (TOTP codes, expiry) and a stepped monotonic
 * clock (idle timeout). Not thread-safe: one test at a time.
 */
final class ConsoleFixture implements AutoCloseable {
  /** Every user the fixture makes has this password once ready. */
  static final String PASSWORD = "Lesson-Plan-42";

  final Database database;
  final SteppedWallClock clock = new SteppedWallClock(Instant.parse("2025-03-03T09:00:00Z"));
  final long[] nanos = {1_000_000_000L};
  final Totp totp = new Totp(clock);
  final Accounts accounts;
  final ConsoleServer server;
  final Map<Role, String> totpSecrets = new EnumMap<>(Role.class);
  final boolean https;

  ConsoleFixture(Path dir, PasswordHasher.Cost cost) throws StoreException {
    this(dir, cost, database -> List.of());
  }

  /** What a test serves beyond accounts: modules built on the fixture's database. */
  @FunctionalInterface
  interface Modules {
    List<ConsoleModule> on(Database database) throws StoreException;
  }

  /** How the console is served, given the loopback address (port 0) it listens on. */
  @FunctionalInterface
  interface Endpoint {
    ConsoleEndpoint at(InetSocketAddress loopback, Database database) throws StoreException;
  }

  /**
   * @param modules the capability modules under test, made from the fixture's database
   */
  ConsoleFixture(Path dir, PasswordHasher.Cost cost, Modules modules) throws StoreException {
    this(
        dir,
        cost,
        modules,
        (loopback, db) -> ConsoleEndpoint.plain(loopback, ClientGate.LOOPBACK_ONLY));
  }

  /**
   * @param endpoint how the console is served (HTTPS, redirect, client gate)
   */
  ConsoleFixture(Path dir, PasswordHasher.Cost cost, Modules modules, Endpoint endpoint)
      throws StoreException {
    database = Database.open(dir);
    SecureRandom random = new SecureRandom();
    accounts =
        new Accounts(
            new SqliteAccountStore(database),
            new PasswordHasher(cost, random),
            new PasswordPolicy(Duration.ofDays(90)),
            totp,
            clock,
            random);
    Sessions sessions = new Sessions(Duration.ofMinutes(15), () -> nanos[0], random);
    InetSocketAddress loopback = new InetSocketAddress("127.0.0.1", 0);
    ConsoleEndpoint served = endpoint.at(loopback, database);
    https = served.https();
    server =
        ConsoleServer.start(
            served,
            loopback,
            new ConsoleServer.Services(
                accounts,
                sessions,
                new SqliteUnblockRequests(database),
                (host, client) ->
                    host.endsWith("casino.test") ? Optional.of("gambling") : Optional.empty(),
                clock,
                modules.on(database)));
  }

  String consoleUrl() {
    return (https ? "https" : "http") + "://127.0.0.1:" + server.consolePort();
  }

  String blockPageUrl() {
    return "http://127.0.0.1:" + server.blockPagePort();
  }

  /** User name of the fixture's ready user for {@code role}. */
  static String userFor(Role role) {
    return role.id().replace("-", "") + "1";
  }

  /**
   * One ready user per role, each with {@link #PASSWORD}; administrators with TOTP enrolled (their
   * secrets in {@link #totpSecrets}). The first administrator comes from the setup.
   */
  void createUserPerRole() throws Exception {
    accounts.setUp(userFor(Role.TECHNICIAN), Role.TECHNICIAN, PASSWORD, "test");
    for (Role role : Role.values()) {
      String user = userFor(role);
      if (role != Role.TECHNICIAN) {
        String temporary = accounts.create(userFor(Role.TECHNICIAN), user, role, "test");
        accounts.changePassword(user, temporary, PASSWORD, "test");
      }
      if (role.requiresTotp()) {
        String secret = accounts.newTotpSecret();
        accounts.enrolTotp(user, secret, totp.codeNow(secret), "test");
        totpSecrets.put(role, secret);
      }
    }
  }

  /** A TOTP code for {@code role}'s user that has not been used: the clock moves a step first. */
  String freshCode(Role role) {
    clock.advance(Duration.ofSeconds(30));
    return totp.codeNow(totpSecrets.get(role));
  }

  /** A fresh code for {@code secret} (the clock moves a step first, so it was never used). */
  String freshCodeFor(String secret) {
    clock.advance(Duration.ofSeconds(30));
    return totp.codeNow(secret);
  }

  /** A client signed in as {@code role}'s ready user (with a fresh TOTP code if it needs one). */
  ConsoleHttp signedIn(Role role) throws Exception {
    ConsoleHttp http = new ConsoleHttp(consoleUrl());
    java.net.http.HttpResponse<String> login =
        http.send("POST", "/api/session", Map.of("user", userFor(role), "password", PASSWORD));
    if (login.statusCode() != 200) {
      throw new AssertionError("login as " + role + ": " + login.body());
    }
    if (role.requiresTotp()) {
      java.net.http.HttpResponse<String> code =
          http.send("POST", "/api/session/totp", Map.of("code", freshCode(role)));
      if (code.statusCode() != 200) {
        throw new AssertionError("TOTP as " + role + ": " + code.body());
      }
    }
    return http;
  }

  @Override
  public void close() {
    server.close();
    database.close();
  }
}
