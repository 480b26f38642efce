package org.classgate.hub;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.classgate.console.ConsoleModule;
import org.classgate.console.auth.Accounts;
import org.classgate.console.auth.PasswordHasher;
import org.classgate.console.auth.PasswordPolicy;
import org.classgate.console.auth.Sessions;
import org.classgate.console.auth.Totp;
import org.classgate.hub.http.HubServer;
import org.classgate.hub.http.StaffWeb;
import org.classgate.hub.http.SyncApi;
import org.classgate.hub.store.JdbcHubStore;
import org.classgate.hub.views.AlertViewRoutes;
import org.classgate.hub.views.ChangeLogRoutes;
import org.classgate.hub.views.ClassroomRoutes;
import org.classgate.hub.views.EnrolmentRoutes;
import org.classgate.hub.views.IncidentViewRoutes;
import org.classgate.hub.views.TermlyReportRoutes;
import org.classgate.store.StoreException;
import org.classgate.sync.crypto.KeyFileException;
import org.classgate.tls.CertificatePin;
import org.classgate.tls.TlsException;
import org.classgate.tls.TlsIdentity;
import org.tinylog.TaggedLogger;

/**
 * The hub's composition root: opens its store, keys and TLS identity from a validated {@link
 * HubConfig} and serves boxes and the staff's web views over HTTPS. Nothing else constructs
 * services. Thread-safe; closing stops the server and closes the store.
 */
public final class Hub implements AutoCloseable {
  private static final TaggedLogger LOG = org.tinylog.Logger.tag("hub");

  /** The TLS identity's file in the data directory. */
  public static final String TLS_FILE = "hub-tls.p12";

  /** The file in the data directory that holds the TLS pin (public). */
  public static final String PIN_FILE = "hub-pin";

  /** Refusals kept in memory for the views. */
  private static final int RECENT_REFUSALS = 200;

  private final HubStore store;
  private final HubKeyRing keys;
  private final TlsIdentity tls;
  private final RecentRefusals refusals;
  private final Enrolments enrolments;
  private final Accounts accounts;
  private final HubServer server;

  private Hub(
      HubStore store,
      HubKeyRing keys,
      TlsIdentity tls,
      RecentRefusals refusals,
      Enrolments enrolments,
      Accounts accounts,
      HubServer server) {
    this.store = store;
    this.keys = keys;
    this.tls = tls;
    this.refusals = refusals;
    this.enrolments = enrolments;
    this.accounts = accounts;
    this.server = server;
  }

  /** How long an unused staff session lasts (as the box console's default). */
  static final Duration IDLE_TIMEOUT = Duration.ofMinutes(15);

  /** Staff passwords expire after this (the seeds: 60 to 90 days). */
  static final Duration PASSWORD_EXPIRY = Duration.ofDays(90);

  /** The staff's views, one module per view. */
  static List<ConsoleModule> views(HubStore store, Enrolments enrolments, Clock clock) {
    return List.of(
        new ClassroomRoutes(store),
        new IncidentViewRoutes(store),
        new AlertViewRoutes(store),
        new ChangeLogRoutes(store),
        new TermlyReportRoutes(store, clock),
        new EnrolmentRoutes(store, enrolments));
  }

  /** Starts the hub; on failure whatever was opened is closed again. */
  public static Hub start(HubConfig config, Clock clock)
      throws StoreException, KeyFileException, TlsException {
    SecureRandom random = new SecureRandom();
    HubKeyRing keys = HubKeyRing.open(config.dataDir(), random);
    TlsIdentity tls = tlsIdentity(config.dataDir(), config, random);
    HubStore store = JdbcHubStore.open(config.database());
    try {
      RecentRefusals refusals = new RecentRefusals(RECENT_REFUSALS);
      Receiver receiver =
          new Receiver(store, keys, config.limits(), config.keyGrace(), clock, refusals);
      Enrolments enrolments =
          new Enrolments(store, clock, config.maxPending(), refusals, config.autoApprove());
      Accounts accounts =
          new Accounts(
              store.accounts(),
              new PasswordHasher(PasswordHasher.DEFAULT, random),
              new PasswordPolicy(PASSWORD_EXPIRY),
              new Totp(clock),
              clock,
              random);
      Sessions sessions = new Sessions(IDLE_TIMEOUT, System::nanoTime, random);
      HubServer server =
          HubServer.start(
              config.listen(),
              tls.serverContext(),
              new SyncApi(receiver, enrolments, keys),
              StaffWeb.handler(accounts, sessions, views(store, enrolments, clock)));
      writePin(config.dataDir(), tls.pin());
      LOG.info(
          "hub {} ready; boxes pin sync.hub-pin={} and see keys {}",
          keys.keys().current().id(),
          tls.pin(),
          keys.keys().current().publicKeys().fingerprint());
      return new Hub(store, keys, tls, refusals, enrolments, accounts, server);
    } catch (TlsException | RuntimeException e) {
      store.close();
      throw e;
    }
  }

  /**
   * Writes the TLS pin to {@value #PIN_FILE} in the data directory: public, for the administrator
   * and for {@code scripts/run}, which finds a dev hub's pin there.
   */
  private static void writePin(Path dataDir, CertificatePin pin) throws TlsException {
    try {
      java.nio.file.Files.writeString(dataDir.resolve(PIN_FILE), pin + "\n");
    } catch (java.io.IOException e) {
      throw new TlsException("cannot write " + dataDir.resolve(PIN_FILE) + ": " + e, e);
    }
  }

  /** The hub's TLS identity in {@code dataDir}, made on the first start. */
  static TlsIdentity tlsIdentity(Path dataDir, HubConfig config, SecureRandom random)
      throws TlsException {
    return TlsIdentity.loadOrCreate(dataDir.resolve(TLS_FILE), config.tlsNames(), random);
  }

  public InetSocketAddress address() {
    return server.address();
  }

  /** The pin boxes configure as {@code sync.hub-pin}. */
  public CertificatePin pin() {
    return tls.pin();
  }

  public HubStore store() {
    return store;
  }

  public HubKeyRing keys() {
    return keys;
  }

  public Enrolments enrolments() {
    return enrolments;
  }

  /** The staff's accounts (the box console's rules, in the hub's database). */
  public Accounts accounts() {
    return accounts;
  }

  public RecentRefusals refusals() {
    return refusals;
  }

  @Override
  public void close() {
    server.close();
    store.close();
    LOG.info("hub stopped");
  }
}
