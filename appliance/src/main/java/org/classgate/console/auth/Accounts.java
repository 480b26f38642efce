package org.classgate.console.auth;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.regex.Pattern;
import org.classgate.console.auth.AccountException.Reason;
import org.classgate.console.auth.LoginEvent.Kind;
import org.classgate.store.StoreException;
import org.tinylog.TaggedLogger;

/**
 * The console's accounts: first-run setup, login with lockout and TOTP, password changes under the
 * {@link PasswordPolicy}, and the administrators' actions. Every login, failure, lockout and
 * password change goes to the login record. Thread-safe (state lives in the store).
 */
public final class Accounts {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("console");

  /** Failed attempts that lock an account (issue 6). */
  public static final int LOCK_AFTER = 6;

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._@-]{0,63}");
  private static final String WRONG = "wrong user name or password";

  private final AccountStore store;
  private final PasswordHasher hasher;
  private final PasswordPolicy policy;
  private final Totp totp;
  private final Clock clock;
  private final SecureRandom random;

  /** A hash verified for unknown users, so a wrong name costs as long as a wrong password. */
  private final String decoy;

  /** All arguments non-null. */
  public Accounts(
      AccountStore store,
      PasswordHasher hasher,
      PasswordPolicy policy,
      Totp totp,
      Clock clock,
      SecureRandom random) {
    this.store = Objects.requireNonNull(store, "store");
    this.hasher = Objects.requireNonNull(hasher, "hasher");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.totp = Objects.requireNonNull(totp, "totp");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
    this.decoy = hasher.hash("decoy-" + random.nextLong());
  }

  /** Whether the first administrator still has to be created. */
  public boolean setupNeeded() throws StoreException {
    return !store.anyAccount();
  }

  /**
   * Creates the first administrator with a password they chose (there is no default password).
   *
   * @throws AccountException CONFLICT once any account exists; INVALID for a bad name, a
   *     non-administrator role or a weak password
   */
  public Account setUp(String name, Role role, String password, String client)
      throws AccountException, StoreException {
    if (role == null || !role.administrator()) {
      throw new AccountException(
          Reason.INVALID, "the first account must be a headteacher or a technician");
    }
    Account account = newAccount(name, role, password, false);
    if (!store.create(
        account, true, event(account.name(), Kind.ACCOUNT_CREATED, client, "setup"))) {
      throw new AccountException(Reason.CONFLICT, "the console has been set up already");
    }
    LOG.info("first administrator {} created from {}", name, client);
    return account;
  }

  /**
   * An administrator creates an account with a generated temporary password, which the user must
   * change at their first login.
   *
   * @return the temporary password, to hand over once
   */
  public String create(String administrator, String name, Role role, String client)
      throws AccountException, StoreException {
    if (role == null) {
      throw new AccountException(Reason.INVALID, "choose a role");
    }
    String temporary = TemporaryPasswords.generate(random);
    while (!policy.problems(name, temporary).isEmpty() && name != null && !name.isEmpty()) {
      temporary = TemporaryPasswords.generate(random); // it happened to contain a short name
    }
    Account account = newAccount(name, role, temporary, true);
    if (!store.create(
        account, false, event(name, Kind.ACCOUNT_CREATED, client, "by " + administrator))) {
      throw new AccountException(Reason.CONFLICT, "an account called " + name + " exists");
    }
    return temporary;
  }

  /**
   * Checks a password. A success leaves the session at the stage the account needs next; a failure
   * counts towards the lockout.
   *
   * @throws AccountException REFUSED (same message for unknown users and wrong passwords), LOCKED
   */
  public Stage login(String name, String password, String client)
      throws AccountException, StoreException {
    Optional<Account> found = name == null ? Optional.empty() : store.find(name);
    if (found.isEmpty()) {
      hasher.verify(password == null ? "" : password, decoy);
      store.log(event(String.valueOf(name), Kind.FAILURE, client, "no such account"));
      throw new AccountException(Reason.REFUSED, WRONG);
    }
    Account account = found.get();
    if (account.locked()) {
      store.log(event(account.name(), Kind.FAILURE, client, "account locked"));
      throw locked();
    }
    if (password == null
        || password.length() > PasswordPolicy.MAX_LENGTH
        || !hasher.verify(password, account.passwordHash())) {
      fail(account, client, "wrong password");
    }
    if (account.totpEnrolled()) {
      return Stage.TOTP;
    }
    store.clearFailures(account.name(), event(account.name(), Kind.LOGIN, client, "password"));
    return stageAfterLogin(account);
  }

  /**
   * The second step for accounts with TOTP: a wrong code counts as a failed attempt.
   *
   * @return the stage the session moves to
   */
  public Stage verifyTotp(String name, String code, String client)
      throws AccountException, StoreException {
    Account account = existing(name);
    if (account.locked()) {
      throw locked();
    }
    OptionalLong step = totp.verify(account.totpSecret(), code, account.totpLastStep());
    if (step.isEmpty()) {
      fail(account, client, "wrong TOTP code");
    }
    store.useTotpStep(account.name(), step.getAsLong());
    store.clearFailures(
        account.name(), event(account.name(), Kind.LOGIN, client, "password and TOTP"));
    return stageAfterLogin(account);
  }

  /** The stage a signed-in account is at: password change first, then TOTP enrolment. */
  public Stage stageAfterLogin(Account account) {
    if (account.temporary() || expired(account)) {
      return Stage.PASSWORD_CHANGE;
    }
    if (account.role().requiresTotp() && !account.totpEnrolled()) {
      return Stage.TOTP_ENROLMENT;
    }
    return Stage.READY;
  }

  /**
   * Changes {@code name}'s password after checking the current one, the rules and the history.
   *
   * @return the stage the session moves to
   */
  public Stage changePassword(String name, String current, String next, String client)
      throws AccountException, StoreException {
    Account account = existing(name);
    if (current == null || !hasher.verify(current, account.passwordHash())) {
      fail(account, client, "wrong current password at password change");
    }
    List<String> problems = new ArrayList<>(policy.problems(account.name(), next));
    if (problems.isEmpty()) {
      for (String previous : store.recentHashes(account.name(), PasswordPolicy.HISTORY)) {
        if (hasher.verify(next, previous)) {
          problems.add(
              "choose a password you have not used for your last "
                  + PasswordPolicy.HISTORY
                  + " passwords");
          break;
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new AccountException(
          Reason.INVALID,
          "the new password is not accepted: " + String.join("; ", problems),
          problems);
    }
    Instant now = clock.instant();
    store.setPassword(
        account.name(),
        hasher.hash(next),
        false,
        now,
        event(account.name(), Kind.PASSWORD_CHANGED, client, "by the user"));
    return stageAfterLogin(existing(name));
  }

  /** An administrator unlocks {@code name}, clearing its failed attempts. */
  public void unlock(String administrator, String name, String client)
      throws AccountException, StoreException {
    Account account = existing(name);
    store.clearFailures(
        account.name(), event(account.name(), Kind.UNLOCK, client, "by " + administrator));
  }

  /** A new TOTP secret for {@code name} to put into an authenticator app; not stored yet. */
  public String newTotpSecret() {
    return Totp.newSecret(random);
  }

  /**
   * Enrols {@code secret} once the user proves their app has it with a current code.
   *
   * @return the stage the session moves to
   */
  public Stage enrolTotp(String name, String secret, String code, String client)
      throws AccountException, StoreException {
    Account account = existing(name);
    OptionalLong step = totp.verify(secret, code, -1);
    if (step.isEmpty()) {
      throw new AccountException(
          Reason.INVALID, "that code does not match: check the phone's time and type the newest");
    }
    store.setTotp(
        account.name(),
        secret,
        step.getAsLong(),
        event(account.name(), Kind.TOTP_ENROLLED, client, "two-factor login enrolled"));
    return stageAfterLogin(existing(name));
  }

  /** Records a logout. */
  public void loggedOut(String name, String client) throws StoreException {
    store.log(event(name, Kind.LOGOUT, client, "signed out"));
  }

  public Optional<Account> find(String name) throws StoreException {
    return name == null ? Optional.empty() : store.find(name);
  }

  public List<Account.Summary> list() throws StoreException {
    return store.all().stream().map(Account::summary).toList();
  }

  public List<LoginEvent> recentEvents(int limit) throws StoreException {
    return store.recentEvents(limit);
  }

  private boolean expired(Account account) {
    return !account.passwordChanged().plus(policy.expiry()).isAfter(clock.instant());
  }

  private void fail(Account account, String client, String detail)
      throws AccountException, StoreException {
    Account after =
        store.recordFailure(
            account.name(), LOCK_AFTER, event(account.name(), Kind.FAILURE, client, detail));
    if (after.locked()) {
      LOG.warn("console account {} locked after {} failed attempts", account.name(), LOCK_AFTER);
      throw locked();
    }
    throw new AccountException(Reason.REFUSED, WRONG);
  }

  private static AccountException locked() {
    return new AccountException(
        Reason.LOCKED,
        "this account is locked after "
            + LOCK_AFTER
            + " failed attempts: ask an administrator to unlock it");
  }

  private Account existing(String name) throws AccountException, StoreException {
    return find(name)
        .orElseThrow(() -> new AccountException(Reason.NOT_FOUND, "no account called " + name));
  }

  private Account newAccount(String name, Role role, String password, boolean temporary)
      throws AccountException {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new AccountException(
          Reason.INVALID,
          "a user name is 1 to 64 letters, digits, dots, dashes, underscores or @, starting with a"
              + " letter or digit");
    }
    List<String> problems = policy.problems(name, password);
    if (!problems.isEmpty()) {
      throw new AccountException(
          Reason.INVALID, "the password is not accepted: " + String.join("; ", problems), problems);
    }
    return new Account(
        name, role, hasher.hash(password), temporary, clock.instant(), 0, false, null, -1);
  }

  private LoginEvent event(String user, Kind kind, String client, String detail) {
    return new LoginEvent(clock.instant(), user, kind, client, detail);
  }
}
