package org.classgate.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A real unbound on 127.0.0.1 that plays the upstream resolver in integration tests.
 *
 * <p>It serves a generated zone {@code test.} the way a recursive resolver would (recursion
 * available, CNAME chains followed, negative answers with the zone's SOA, RFC 2308) and refuses
 * every name outside the test data, so nothing ever leaves the machine. The canned data is named by
 * the constants below; tests add their own with {@link Builder#localData(String)}.
 *
 * <p>{@link #stop()} and {@link #start()} simulate the upstream going down and coming back on the
 * same port. Not thread-safe: one test thread drives it. {@link #close()} stops unbound and deletes
 * its temporary directory.
 */
public final class UnboundUpstream implements AutoCloseable {
  /** Any name under this zone resolves to {@link #ALLOWED_ADDRESS}. */
  public static final String ALLOWED_ZONE = "allowed.test";

  /** The A record of every name under {@link #ALLOWED_ZONE} (TTL 3600). */
  public static final String ALLOWED_ADDRESS = "192.0.2.10";

  /** A name answered with a chain of two CNAMEs ending in {@link #CNAME_CHAIN_ADDRESS}. */
  public static final String CNAME_CHAIN_NAME = "chain.test";

  /** The names of the CNAME chain in order, ending in the name that has the A record. */
  public static final List<String> CNAME_CHAIN =
      List.of("chain.test.", "chain1.test.", "chain2.test.");

  /** The A record at the end of {@link #CNAME_CHAIN}. */
  public static final String CNAME_CHAIN_ADDRESS = "192.0.2.20";

  /** A name with {@value #LARGE_TXT_COUNT} TXT records, an answer of about 2,200 bytes. */
  public static final String LARGE_TXT_NAME = "big.test";

  /** How many TXT records {@link #LARGE_TXT_NAME} has. */
  public static final int LARGE_TXT_COUNT = 20;

  /** A name with {@value #LARGE_A_COUNT} A records (198.51.100.1 …), about 1,600 bytes. */
  public static final String LARGE_A_NAME = "many.test";

  /** How many A records {@link #LARGE_A_NAME} has. */
  public static final int LARGE_A_COUNT = 100;

  /** A name that does not exist: NXDOMAIN with the SOA of {@code test.} in the authority. */
  public static final String MISSING_NAME = "missing.test";

  /** The SOA minimum of {@code test.}, hence the negative-caching TTL (RFC 2308 section 5). */
  public static final int NEGATIVE_TTL = 30;

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
  private static final Pattern QUERY_LOG =
      Pattern.compile("info: 127\\.0\\.0\\.1 (\\S+) (\\S+) IN$", Pattern.MULTILINE);

  private final Path directory;
  private final Path config;
  private final Path log;
  private final int port;
  private Process process;

  private UnboundUpstream(Path directory, int port) {
    this.directory = directory;
    this.config = directory.resolve("unbound.conf");
    this.log = directory.resolve("unbound.log");
    this.port = port;
  }

  /** True if the unbound binary is installed; tests use this in an assumption. */
  public static boolean isInstalled() {
    return Executables.onPath("unbound");
  }

  /** A builder with the canned data and no test records yet. */
  public static Builder builder() {
    return new Builder();
  }

  /** Starts an upstream with only the canned data. */
  public static UnboundUpstream startDefault() {
    return builder().start();
  }

  /** The loopback port unbound listens on (UDP and TCP); stays the same across restarts. */
  public int port() {
    return port;
  }

  /** {@code "127.0.0.1:PORT"}, the form ClassGate's {@code dns.upstream} takes. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  /** True while the unbound process is running. */
  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /**
   * Starts unbound (again) on {@link #port()} and returns once it answers a query.
   *
   * @throws IllegalStateException if it is already running, exits, or does not answer within {@link
   *     #READY_TIMEOUT}; the message holds the end of unbound's log
   */
  public void start() {
    if (isRunning()) {
      throw new IllegalStateException("unbound is already running on port " + port);
    }
    try {
      process =
          new ProcessBuilder(Executables.find("unbound").toString(), "-d", "-c", config.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("could not start unbound: " + config, e);
    }
    awaitAnswering();
  }

  /** Stops unbound (SIGTERM, then SIGKILL after {@link #STOP_TIMEOUT}); a no-op if stopped. */
  public void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  /**
   * The queries unbound has received since the first start, as {@code "name. TYPE"} (e.g. {@code
   * "big.test. TXT"}), oldest first. Empty unless the builder enabled {@link Builder#logQueries()}.
   */
  public List<String> receivedQueries() {
    List<String> queries = new ArrayList<>();
    Matcher matcher = QUERY_LOG.matcher(readLog());
    while (matcher.find()) {
      queries.add(matcher.group(1) + " " + matcher.group(2));
    }
    return queries;
  }

  /** How many queries for {@code name} and {@code type} unbound received (needs query logging). */
  public long receivedCount(String name, String type) {
    String key = absolute(name) + " " + type.toUpperCase(Locale.ROOT);
    return receivedQueries().stream().filter(key::equalsIgnoreCase).count();
  }

  /** unbound's log so far, for assertion messages. */
  public String readLog() {
    try {
      return Files.exists(log) ? Files.readString(log, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException("could not read " + log, e);
    }
  }

  /** Stops unbound and deletes the temporary directory. */
  @Override
  public void close() {
    stop();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(UnboundUpstream::deleteQuietly);
    } catch (IOException ignored) {
      // Left in the temp directory; nothing else depends on it.
    }
  }

  private void awaitAnswering() {
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    byte[] probe = RawDnsClient.query(0x5eed, "ns.test", 1);
    while (System.nanoTime() - deadline < 0) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "unbound exited with " + process.exitValue() + " on port " + port + ":\n" + readLog());
      }
      if (RawDnsClient.udp(port, probe, Duration.ofMillis(100)).isPresent()) {
        return;
      }
      // A closed port fails at once (ICMP port unreachable): poll every 10 ms until the deadline.
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        stop();
        throw new IllegalStateException("interrupted while waiting for unbound", e);
      }
    }
    stop();
    throw new IllegalStateException(
        "unbound did not answer on port " + port + " within " + READY_TIMEOUT + ":\n" + readLog());
  }

  private static String absolute(String name) {
    return name.endsWith(".") ? name : name + ".";
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException ignored) {
      // Best effort: see close().
    }
  }

  /** Collects test data and options, then writes the configuration and starts unbound. */
  public static final class Builder {
    private final List<String> zoneRecords = new ArrayList<>();
    private final List<String> localData = new ArrayList<>();
    private final List<String> localZones = new ArrayList<>();
    private boolean logQueries;

    private Builder() {}

    /**
     * Adds one record in zone-file form, {@code "name ttl IN type data"} with an absolute name.
     * Names under {@code test.} go into the served zone (answered like a recursive resolver would,
     * CNAMEs followed); other names become unbound {@code local-data} in a static local zone of
     * their own (answered authoritatively, {@code aa} set).
     *
     * @throws IllegalArgumentException if the name is not absolute, or the record spans lines or
     *     contains a single quote (it is written single-quoted into unbound.conf)
     */
    public Builder localData(String record) {
      String owner = record.trim().split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
      if (!owner.endsWith(".")) {
        throw new IllegalArgumentException(
            "record needs an absolute owner name (trailing dot): '" + record + "'");
      }
      if (record.contains("'") || record.contains("\n")) {
        throw new IllegalArgumentException("record must be one line without ': '" + record + "'");
      }
      if (owner.equals("test.") || owner.endsWith(".test.")) {
        zoneRecords.add(record.trim());
      } else {
        localData.add(record.trim());
        if (localZones.stream().noneMatch(zone -> covers(zone, owner))) {
          localZones.add("\"" + owner + "\" static");
        }
      }
      return this;
    }

    /**
     * Declares an unbound local zone outside {@code test.}, e.g. {@code localZone("example.",
     * "static")}; see unbound.conf(5) for the types.
     */
    public Builder localZone(String zone, String type) {
      String name = absolute(zone.toLowerCase(Locale.ROOT));
      if (name.equals("test.") || name.endsWith(".test.")) {
        throw new IllegalArgumentException("test. is served as a zone; add records instead");
      }
      localZones.add("\"" + name + "\" " + type);
      return this;
    }

    /**
     * Serves every search engine's safe endpoint ({@code forcesafesearch.google.com}, {@code
     * familysearch.yandex.ru} …) at the stand-in addresses of {@link SafeEndpoints}, as the real
     * internet would serve the real ones.
     */
    public Builder safeSearchEndpoints() {
      SafeEndpoints.addTo(this);
      return this;
    }

    /** Logs every received query so {@link #receivedQueries()} can count them. */
    public Builder logQueries() {
      this.logQueries = true;
      return this;
    }

    /**
     * Writes the configuration into a new temporary directory, starts unbound on a free port and
     * waits until it answers.
     */
    public UnboundUpstream start() {
      Path directory;
      try {
        directory = Files.createTempDirectory("unbound-upstream");
      } catch (IOException e) {
        throw new UncheckedIOException("could not create a temporary directory", e);
      }
      UnboundUpstream upstream = new UnboundUpstream(directory, FreePorts.udpAndTcp());
      try {
        UnboundConfig.write(
            directory, upstream.port, zoneRecords, localZones, localData, logQueries);
        upstream.start();
        return upstream;
      } catch (RuntimeException e) {
        upstream.close();
        throw e;
      }
    }

    private static boolean covers(String zoneDeclaration, String owner) {
      String zone = zoneDeclaration.substring(1, zoneDeclaration.indexOf('"', 1));
      return owner.equals(zone) || owner.endsWith("." + zone);
    }
  }
}
