package org.classgate.hub;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import org.classgate.hub.http.HubServer;
import org.classgate.hub.http.SyncApi;
import org.classgate.hub.store.JdbcHubStore;
import org.classgate.store.StoreException;
import org.classgate.sync.crypto.KeyFileException;
import org.classgate.tls.CertificatePin;
import org.classgate.tls.TlsException;
import org.classgate.tls.TlsIdentity;
import org.tinylog.TaggedLogger;

/**
 * The hub's composition root: opens its store, keys and TLS identity from a validated {@link
 * HubConfig} and serves boxes over HTTPS. Nothing else constructs services. Thread-safe; closing
 * stops the server and closes the store.
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
  private final HubServer server;

  private Hub(
      HubStore store,
      HubKeyRing keys,
      TlsIdentity tls,
      RecentRefusals refusals,
      Enrolments enrolments,
      HubServer server) {
    this.store = store;
    this.keys = keys;
    this.tls = tls;
    this.refusals = refusals;
    this.enrolments = enrolments;
    this.server = server;
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
      HubServer server =
          HubServer.start(
              config.listen(), tls.serverContext(), new SyncApi(receiver, enrolments, keys));
      writePin(config.dataDir(), tls.pin());
      LOG.info(
          "hub {} ready; boxes pin sync.hub-pin={} and see keys {}",
          keys.keys().current().id(),
          tls.pin(),
          keys.keys().current().publicKeys().fingerprint());
      return new Hub(store, keys, tls, refusals, enrolments, server);
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
