package org.classgate.hub;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A throwaway PostgreSQL server for tests: {@code initdb} into a temporary directory, {@code pg_ctl
 * start} on a free port of 127.0.0.1 with its socket in that directory, password (SCRAM)
 * authentication over TCP as a real deployment has; each test gets its own database owned by one
 * login role. Run as root, the server runs as the {@code postgres} OS user ({@code initdb} refuses
 * root). Closing stops it and deletes everything. Not thread-safe.
 */
public final class PostgresServer implements AutoCloseable {
  /** The role the hub logs in as. */
  public static final String HUB_ROLE = "classgate_hub";

  private static final boolean ROOT = "root".equals(System.getProperty("user.name"));
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Path bin;
  private final Path dir;
  private final int port;
  private final String superPassword;
  private final Path hubPasswordFile;
  private final AtomicInteger databases = new AtomicInteger();

  private PostgresServer(Path bin, Path dir, int port, String superPassword, Path hubPasswordFile) {
    this.bin = bin;
    this.dir = dir;
    this.port = port;
    this.superPassword = superPassword;
    this.hubPasswordFile = hubPasswordFile;
  }

  /**
   * Starts a server. {@code durable}: fsync on, as in production (benchmarks); off for tests, which
   * need no crash safety. Without PostgreSQL's binaries the calling test is aborted (skipped) if
   * not root, and fails as root: {@code scripts/test} installs them as root.
   */
  public static PostgresServer start(boolean durable) throws Exception {
    Optional<Path> found = binaries();
    if (found.isEmpty()) {
      String message =
          "*** PostgreSQL's server binaries (initdb, pg_ctl) are not installed: the PostgreSQL hub"
              + " store is NOT TESTED. Install the Debian package 'postgresql' (scripts/test does,"
              + " as root). ***";
      System.err.println(message);
      if (ROOT) {
        throw new AssertionError(message);
      }
      Assumptions.abort(message);
    }
    Path bin = found.get();
    Path dir = Files.createTempDirectory("classgate-pg-");
    try {
      String superPassword = HexFormat.of().formatHex(randomBytes());
      Files.writeString(dir.resolve("superuser-password"), superPassword + "\n");
      if (ROOT) {
        chownToPostgres(dir);
      }
      run(
          bin,
          dir,
          "initdb",
          "-D",
          dir.resolve("data").toString(),
          "-U",
          "postgres",
          "--pwfile=" + dir.resolve("superuser-password"),
          "--auth-host=scram-sha-256",
          "--auth-local=trust",
          "--no-locale",
          "-E",
          "UTF8",
          "--no-sync");
      int port = startOnFreePort(bin, dir, durable);
      Path hubPasswordFile = dir.resolve("hub-password");
      String hubPassword = HexFormat.of().formatHex(randomBytes());
      Files.writeString(hubPasswordFile, hubPassword + "\n");
      PostgresServer server = new PostgresServer(bin, dir, port, superPassword, hubPasswordFile);
      try (Connection admin = server.superuser("postgres");
          Statement statement = admin.createStatement()) {
        statement.execute("CREATE ROLE " + HUB_ROLE + " LOGIN PASSWORD '" + hubPassword + "'");
      } catch (SQLException e) {
        server.close();
        throw e;
      }
      return server;
    } catch (Exception | Error e) {
      delete(dir);
      throw e;
    }
  }

  private static int startOnFreePort(Path bin, Path dir, boolean durable) throws Exception {
    IOException last = null;
    for (int attempt = 0; attempt < 3; attempt++) {
      int port;
      try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        port = probe.getLocalPort();
      }
      String options =
          "-c listen_addresses=127.0.0.1 -p "
              + port
              + " -k "
              + dir
              + " -c max_connections=60 -c shared_buffers=32MB"
              + (durable ? "" : " -c fsync=off -c full_page_writes=off");
      try {
        run(
            bin,
            dir,
            "pg_ctl",
            "-D",
            dir.resolve("data").toString(),
            "-l",
            dir.resolve("server.log").toString(),
            "-w",
            "-t",
            "60",
            "-o",
            options,
            "start");
        return port;
      } catch (IOException e) {
        last = e; // most likely the port was taken between probe and start: try another
      }
    }
    throw last;
  }

  /** The hub configuration keys for a new, empty database owned by {@link #HUB_ROLE}. */
  public Map<String, String> newDatabase() throws SQLException {
    String name = "hub_" + databases.incrementAndGet();
    try (Connection admin = superuser("postgres");
        Statement statement = admin.createStatement()) {
      statement.execute("CREATE DATABASE " + name + " OWNER " + HUB_ROLE);
    }
    return Map.of(
        "database.url",
        "postgresql://127.0.0.1:" + port + "/" + name,
        "database.user",
        HUB_ROLE,
        "database.password-file",
        hubPasswordFile.toString());
  }

  /** A superuser connection to {@code database}, for tests that act behind the hub's back. */
  public Connection superuser(String database) throws SQLException {
    return DriverManager.getConnection(
        "jdbc:postgresql://127.0.0.1:" + port + "/" + database, "postgres", superPassword);
  }

  public int port() {
    return port;
  }

  @Override
  public void close() {
    try {
      run(bin, dir, "pg_ctl", "-D", dir.resolve("data").toString(), "-m", "fast", "-w", "stop");
    } catch (Exception e) {
      System.err.println("stopping the test PostgreSQL server: " + e);
    } finally {
      delete(dir);
    }
  }

  /** initdb's directory: CLASSGATE_PG_BIN, the newest Debian version, or the PATH. */
  static Optional<Path> binaries() {
    List<Path> candidates = new ArrayList<>();
    String configured = System.getenv("CLASSGATE_PG_BIN");
    if (configured != null && !configured.isBlank()) {
      candidates.add(Path.of(configured));
    }
    Path debian = Path.of("/usr/lib/postgresql");
    if (Files.isDirectory(debian)) {
      try (Stream<Path> versions = Files.list(debian)) {
        versions
            .filter(v -> v.getFileName().toString().matches("\\d+"))
            .sorted(
                Comparator.comparingInt((Path v) -> Integer.parseInt(v.getFileName().toString()))
                    .reversed())
            .map(v -> v.resolve("bin"))
            .forEach(candidates::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    for (String entry : System.getenv().getOrDefault("PATH", "").split(":")) {
      if (!entry.isBlank()) {
        candidates.add(Path.of(entry));
      }
    }
    return candidates.stream()
        .filter(
            c -> Files.isExecutable(c.resolve("initdb")) && Files.isExecutable(c.resolve("pg_ctl")))
        .findFirst();
  }

  private static void run(Path bin, Path dir, String tool, String... args) throws Exception {
    List<String> command = new ArrayList<>();
    if (ROOT) {
      command.addAll(List.of("runuser", "-u", "postgres", "--"));
    }
    command.add(bin.resolve(tool).toString());
    command.addAll(List.of(args));
    Path output = Files.createTempFile("classgate-pg-" + tool, ".log");
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(output.toFile())
              .start();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new IOException(tool + " did not finish in 120 s");
      }
      if (process.exitValue() != 0) {
        Path log = dir.resolve("server.log");
        throw new IOException(
            String.join(" ", command)
                + " exited "
                + process.exitValue()
                + ": "
                + Files.readString(output, StandardCharsets.UTF_8)
                + (Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : ""));
      }
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static void chownToPostgres(Path dir) throws IOException {
    UserPrincipal postgres =
        dir.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path path : (Iterable<Path>) paths::iterator) {
        Files.setOwner(path, postgres);
      }
    }
  }

  private static byte[] randomBytes() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return bytes;
  }

  private static void delete(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("deleting " + dir + ": " + e);
    }
  }
}
