package org.classgate.console.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.classgate.console.auth.AccountException.Reason;
import org.classgate.console.auth.LoginEvent.Kind;
import org.classgate.console.store.SqliteAccountStore;
import org.classgate.store.Database;
import org.classgate.testing.SteppedWallClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The account rules against the real SQLite store, with a stepped wall clock. */
class AccountsTest {
  private static final String CLIENT = "192.0.2.7";

  @TempDir Path dir;
  private Database database;
  private SteppedWallClock clock;
  private Accounts accounts;
  private Totp totp;

  @BeforeEach
  void open() throws Exception {
    database = Database.open(dir);
    clock = new SteppedWallClock(Instant.parse("2025-01-06T08:00:00Z"));
    totp = new Totp(clock);
    accounts =
        new Accounts(
            new SqliteAccountStore(database),
            // A cheap cost keeps the test fast; the real cost is tested in PasswordHasherTest.
            new PasswordHasher(new PasswordHasher.Cost(256, 1, 1), new SecureRandom()),
            new PasswordPolicy(Duration.ofDays(60)),
            totp,
            clock,
            new SecureRandom());
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void setupCreatesOneAdministratorOnce() throws Exception {
    assertTrue(accounts.setupNeeded());
    assertEquals(
        Reason.INVALID,
        assertThrows(
                AccountException.class,
                () -> accounts.setUp("tess", Role.TEACHER, "Secret-123", CLIENT))
            .reason());
    assertEquals(
        Reason.INVALID,
        assertThrows(
                AccountException.class,
                () -> accounts.setUp("tom", Role.TECHNICIAN, "password", CLIENT))
            .reason());
    accounts.setUp("tom", Role.TECHNICIAN, "Secret-123", CLIENT);
    assertFalse(accounts.setupNeeded());
    assertEquals(
        Reason.CONFLICT,
        assertThrows(
                AccountException.class,
                () -> accounts.setUp("eve", Role.HEADTEACHER, "Secret-123", CLIENT))
            .reason());
    assertEquals(Stage.TOTP_ENROLMENT, accounts.login("TOM", "Secret-123", CLIENT));
  }

  @Test
  void sixFailuresLockUntilAnAdministratorUnlocks() throws Exception {
    accounts.setUp("tom", Role.TECHNICIAN, "Secret-123", CLIENT);
    for (int i = 1; i < Accounts.LOCK_AFTER; i++) {
      String guess = "Wrong-" + i;
      assertEquals(Reason.REFUSED, refusal(() -> accounts.login("tom", guess, CLIENT)));
    }
    assertEquals(Reason.LOCKED, refusal(() -> accounts.login("tom", "Wrong-6", CLIENT)));
    assertEquals(
        Reason.LOCKED,
        refusal(() -> accounts.login("tom", "Secret-123", CLIENT)),
        "the right password does not open a locked account");
    accounts.unlock("admin", "tom", CLIENT);
    assertEquals(Stage.TOTP_ENROLMENT, accounts.login("tom", "Secret-123", CLIENT));
    List<Kind> kinds = accounts.recentEvents(20).stream().map(LoginEvent::kind).toList();
    assertEquals(Kind.LOGIN, kinds.get(0));
    assertEquals(Kind.UNLOCK, kinds.get(1));
    assertEquals(Kind.FAILURE, kinds.get(2), "the attempt while locked");
    assertEquals(Kind.LOCKOUT, kinds.get(3));
    assertEquals(6, kinds.stream().filter(Kind.FAILURE::equals).count() - 1);
  }

  @Test
  void unknownUsersFailLikeWrongPasswordsAndAreRecorded() throws Exception {
    accounts.setUp("tom", Role.TECHNICIAN, "Secret-123", CLIENT);
    AccountException unknown =
        assertThrows(AccountException.class, () -> accounts.login("<b>x</b>", "a", CLIENT));
    AccountException wrong =
        assertThrows(AccountException.class, () -> accounts.login("tom", "a", CLIENT));
    assertEquals(wrong.getMessage(), unknown.getMessage());
    assertEquals("<b>x</b>", accounts.recentEvents(5).get(1).user());
  }

  @Test
  void temporaryPasswordsMustBeChangedAndTheLastFourNotReused() throws Exception {
    accounts.setUp("tom", Role.TECHNICIAN, "Secret-123", CLIENT);
    String temporary = accounts.create("tom", "tess", Role.TEACHER, CLIENT);
    assertTrue(new PasswordPolicy(Duration.ofDays(60)).problems("tess", temporary).isEmpty());
    assertEquals(Stage.PASSWORD_CHANGE, accounts.login("tess", temporary, CLIENT));
    assertEquals(
        Reason.INVALID,
        refusal(() -> accounts.changePassword("tess", temporary, temporary, CLIENT)));
    assertEquals(
        Reason.INVALID,
        refusal(() -> accounts.changePassword("tess", temporary, "Tess-12345", CLIENT)),
        "contains the user name");
    assertEquals(Stage.READY, accounts.changePassword("tess", temporary, "Garden-1", CLIENT));
    accounts.changePassword("tess", "Garden-1", "Garden-2", CLIENT);
    accounts.changePassword("tess", "Garden-2", "Garden-3", CLIENT);
    // History is now temporary, Garden-1, Garden-2, Garden-3 minus the oldest beyond four.
    AccountException reused =
        assertThrows(
            AccountException.class,
            () -> accounts.changePassword("tess", "Garden-3", "Garden-1", CLIENT));
    assertTrue(reused.getMessage().contains("last 4"), reused.getMessage());
    accounts.changePassword("tess", "Garden-3", "Garden-4", CLIENT);
    accounts.changePassword("tess", "Garden-4", "Garden-5", CLIENT);
    // Garden-1 is now five passwords ago: allowed again.
    assertEquals(Stage.READY, accounts.changePassword("tess", "Garden-5", "Garden-1", CLIENT));
  }

  @Test
  void passwordsExpireAfterTheConfiguredDays() throws Exception {
    accounts.setUp("tom", Role.TECHNICIAN, "Secret-123", CLIENT);
    String temporary = accounts.create("tom", "tess", Role.TEACHER, CLIENT);
    accounts.changePassword("tess", temporary, "Garden-1", CLIENT);
    clock.advance(Duration.ofDays(60).minusMinutes(1));
    assertEquals(Stage.READY, accounts.login("tess", "Garden-1", CLIENT));
    clock.advance(Duration.ofMinutes(1));
    assertEquals(Stage.PASSWORD_CHANGE, accounts.login("tess", "Garden-1", CLIENT));
  }

  @Test
  void totpEnrolmentThenEveryLoginNeedsAFreshCode() throws Exception {
    accounts.setUp("tom", Role.TECHNICIAN, "Secret-123", CLIENT);
    String secret = accounts.newTotpSecret();
    assertEquals(
        Reason.INVALID, refusal(() -> accounts.enrolTotp("tom", secret, "000000", CLIENT)));
    assertEquals(Stage.READY, accounts.enrolTotp("tom", secret, totp.codeNow(secret), CLIENT));
    assertEquals(Stage.TOTP, accounts.login("tom", "Secret-123", CLIENT));
    assertEquals(
        Reason.REFUSED,
        refusal(() -> accounts.verifyTotp("tom", totp.codeNow(secret), CLIENT)),
        "the enrolment's code cannot be replayed");
    clock.advance(Duration.ofSeconds(30));
    assertEquals(Stage.READY, accounts.verifyTotp("tom", totp.codeNow(secret), CLIENT));
  }

  private static Reason refusal(org.junit.jupiter.api.function.Executable work) {
    return assertThrows(AccountException.class, work).reason();
  }
}
