package org.classgate.app;

import java.util.function.BooleanSupplier;
import org.classgate.console.store.SqliteAccountStore;
import org.classgate.store.Database;
import org.classgate.store.StoreException;
import org.tinylog.TaggedLogger;

/**
 * Whether the box still needs setting up: its console has no account yet (the first administrator
 * is created on the console's setup page). The LED shows "setup needed" meanwhile. Once an account
 * exists the answer is remembered, so the LED's frequent checks cost a database read only until
 * then. Thread-safe.
 */
final class SetupNeeded implements BooleanSupplier {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("panel");

  private final SqliteAccountStore accounts;
  private volatile boolean done;

  SetupNeeded(Database database) {
    this.accounts = new SqliteAccountStore(database);
  }

  @Override
  public boolean getAsBoolean() {
    if (done) {
      return false;
    }
    try {
      done = accounts.anyAccount();
    } catch (StoreException e) {
      // Unknown is not "set up": keep asking, and say why once per failure.
      LOG.warn("cannot tell whether the console is set up: {}", e.getMessage());
    }
    return !done;
  }
}
