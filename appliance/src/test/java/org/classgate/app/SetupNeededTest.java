package org.classgate.app;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import org.classgate.console.auth.Accounts;
import org.classgate.console.auth.PasswordHasher;
import org.classgate.console.auth.PasswordPolicy;
import org.classgate.console.auth.Role;
import org.classgate.console.auth.Totp;
import org.classgate.console.store.SqliteAccountStore;
import org.classgate.store.Database;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SetupNeededTest {
  @TempDir Path dir;

  @Test
  void theLedAsksForSetupUntilTheFirstAdministratorExists() throws Exception {
    try (Database database = Database.open(dir)) {
      SetupNeeded setupNeeded = new SetupNeeded(database);
      assertTrue(setupNeeded.getAsBoolean(), "a new box needs setting up");
      assertTrue(setupNeeded.getAsBoolean(), "and keeps saying so");

      Clock clock = Clock.systemUTC();
      new Accounts(
              new SqliteAccountStore(database),
              new PasswordHasher(new PasswordHasher.Cost(256, 1, 1), new SecureRandom()),
              new PasswordPolicy(Duration.ofDays(60)),
              new Totp(clock),
              clock,
              new SecureRandom())
          .setUp("tom", Role.TECHNICIAN, "Secret-123", "192.0.2.9");
      assertFalse(setupNeeded.getAsBoolean(), "set up once the setup page made an account");
    }
  }
}
