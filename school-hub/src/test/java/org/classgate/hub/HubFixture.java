package org.classgate.hub;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.classgate.hub.store.JdbcHubStore;
import org.classgate.tls.TlsIdentity;

/** A real hub on loopback HTTPS (port 0) in a temporary data directory, with a steppable clock. */
final class HubFixture implements AutoCloseable {
  final Path dataDir;
  final TestClock clock = new TestClock(Instant.parse("2025-03-03T09:00:00Z"));
  final HubConfig config;
  final Hub hub;

  HubFixture(Path dataDir) throws Exception {
    this(dataDir, Map.of());
  }

  HubFixture(Path dataDir, Map<String, String> extra) throws Exception {
    this.dataDir = dataDir;
    java.util.Map<String, String> raw = new java.util.HashMap<>();
    raw.put("hub.listen", "127.0.0.1:0");
    raw.put("data.dir", dataDir.toString());
    raw.putAll(extra);
    this.config = HubConfig.from(raw);
    this.hub = Hub.start(config, clock);
  }

  URI url() {
    return URI.create("https://127.0.0.1:" + hub.address().getPort());
  }

  String pin() {
    return hub.pin().toString();
  }

  /** The hub's own TLS identity, for a proxy that terminates TLS in its place. */
  TlsIdentity tlsIdentity() throws Exception {
    return Hub.tlsIdentity(dataDir, config, new SecureRandom());
  }

  /** Approves the pending box with {@code code}, as the administrator would. */
  void approve(String code) throws Exception {
    if (hub.enrolments().approve(code).isEmpty()) {
      throw new AssertionError("no pending box with code " + code);
    }
  }

  long recordCount(UUID box) throws Exception {
    return hub.store().recordCount(box);
  }

  List<Refusal> refusals() {
    return hub.refusals().latest();
  }

  /**
   * A connection to the hub's database behind its back, as an attacker with the file or the
   * database password would have.
   */
  Connection directConnection() throws Exception {
    if (config.database() instanceof HubDatabase.Postgresql postgresql) {
      return DriverManager.getConnection(
          postgresql.jdbcUrl(),
          postgresql.user(),
          Files.readAllLines(postgresql.passwordFile()).get(0));
    }
    return DriverManager.getConnection(
        "jdbc:sqlite:" + ((HubDatabase.SqliteFile) config.database()).file());
  }

  JdbcHubStore reopenStore() throws Exception {
    return JdbcHubStore.open(config.database());
  }

  @Override
  public void close() {
    hub.close();
  }
}
