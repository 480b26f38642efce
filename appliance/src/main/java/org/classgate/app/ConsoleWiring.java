package org.classgate.app;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.classgate.app.config.ConsoleConfig;
import org.classgate.console.BlockReasons;
import org.classgate.console.ConsoleModule;
import org.classgate.console.ConsoleServer;
import org.classgate.console.auth.Accounts;
import org.classgate.console.auth.PasswordHasher;
import org.classgate.console.auth.PasswordPolicy;
import org.classgate.console.auth.Sessions;
import org.classgate.console.auth.Totp;
import org.classgate.console.store.SqliteAccountStore;
import org.classgate.console.store.SqliteUnblockRequests;
import org.classgate.dns.wire.Name;
import org.classgate.dns.wire.WireFormatException;
import org.classgate.store.Database;
import org.tinylog.TaggedLogger;

/** Builds the console and the block page from their configuration. */
final class ConsoleWiring {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("app");

  private ConsoleWiring() {}

  /**
   * Starts the console and block page, or returns null if neither is configured.
   *
   * @param filter the current lists, for the block page's "which kind of site"
   * @param modules the console API of each capability the box runs
   */
  static ConsoleServer start(
      ConsoleConfig config,
      Database database,
      FilterLists filter,
      List<ConsoleModule> modules,
      Clock clock,
      LongSupplier nanoTime) {
    if (config.listen() == null && config.blockPageListen() == null) {
      LOG.info("console and block page off: console.listen and console.block-page-listen unset");
      return null;
    }
    SecureRandom random = new SecureRandom();
    Accounts accounts =
        new Accounts(
            new SqliteAccountStore(database),
            new PasswordHasher(PasswordHasher.DEFAULT, random),
            new PasswordPolicy(config.passwordExpiry()),
            new Totp(clock),
            clock,
            random);
    return ConsoleServer.start(
        config.listen(),
        config.blockPageListen(),
        new ConsoleServer.Services(
            accounts,
            new Sessions(config.idleTimeout(), nanoTime, random),
            new SqliteUnblockRequests(database),
            reasons(filter),
            clock,
            modules));
  }

  /**
   * The first category list that has the name. Locked (illegal-content) lists are never named to a
   * pupil: the page then says only that the site is not for school.
   */
  private static BlockReasons reasons(FilterLists filter) {
    return (host, client) -> {
      Name name;
      try {
        name = Name.of(host);
      } catch (WireFormatException | RuntimeException e) {
        return Optional.empty();
      }
      if (filter.locked().match(name) != 0) {
        return Optional.empty();
      }
      List<String> names = filter.categories().names(filter.domains().match(name));
      return names.isEmpty() ? Optional.empty() : Optional.of(names.get(0));
    };
  }
}
