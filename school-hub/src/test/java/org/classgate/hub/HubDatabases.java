package org.classgate.hub;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The databases of a test class's hubs: SQLite files in the test's directory, or new databases in
 * one throwaway {@link PostgresServer}, started when a test first asks for PostgreSQL and stopped
 * after the class ({@code @RegisterExtension static final HubDatabases DATABASES = ...}). Not
 * thread-safe: a class's tests run one at a time.
 */
public final class HubDatabases implements AfterAllCallback {
  private final boolean durable;
  private PostgresServer server;

  public HubDatabases() {
    this(false);
  }

  /** {@code durable}: a PostgreSQL server with fsync on (benchmarks). */
  public HubDatabases(boolean durable) {
    this.durable = durable;
  }

  /** The hub configuration keys selecting a new, empty database of {@code kind}. */
  public Map<String, String> config(StoreKind kind) throws Exception {
    if (kind == StoreKind.SQLITE) {
      return Map.of();
    }
    return server().newDatabase();
  }

  /** A new, empty database of {@code kind}; an SQLite one is {@code dir/hub.db}. */
  public HubDatabase database(StoreKind kind, Path dir) throws Exception {
    Map<String, String> raw = new HashMap<>(config(kind));
    raw.put("data.dir", dir.toString());
    return HubConfig.from(raw).database();
  }

  public PostgresServer server() throws Exception {
    if (server == null) {
      server = PostgresServer.start(durable);
    }
    return server;
  }

  @Override
  public void afterAll(ExtensionContext context) {
    if (server != null) {
      server.close();
      server = null;
    }
  }
}
