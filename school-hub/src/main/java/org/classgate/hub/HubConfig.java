package org.classgate.hub;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.classgate.app.config.ConfigException;
import org.classgate.app.config.DurationText;
import org.classgate.sync.envelope.EnvelopeLimits;

/**
 * The hub's configuration (its own properties file, {@code scripts/hub --config FILE}, every key
 * also settable with {@code --set key=value}), validated once and immutable.
 *
 * @param listen the HTTPS address boxes reach
 * @param dataDir keys, TLS identity and (by default) the database
 * @param database the SQLite file ({@code database}, by default {@code data.dir/hub.db}) or the
 *     PostgreSQL database ({@code database.url}, {@code database.user}, {@code
 *     database.password-file}, {@code database.pool-size})
 * @param tlsNames names and addresses in the hub's self-signed certificate (boxes pin its key, so
 *     the names are for people reading it)
 * @param keyGrace how long envelopes sealed to the hub's previous agreement key are still opened
 * @param limits the largest envelope accepted
 * @param maxPending enrolment requests kept pending at most
 * @param autoApprove dev mode only: approve every enrolment request at once (refused unless the hub
 *     listens on loopback, where only this machine can ask)
 * @param logLevel tinylog level
 */
public record HubConfig(
    InetSocketAddress listen,
    Path dataDir,
    HubDatabase database,
    List<String> tlsNames,
    Duration keyGrace,
    EnvelopeLimits limits,
    int maxPending,
    boolean autoApprove,
    String logLevel) {

  static final List<String> KEYS =
      List.of(
          "hub.listen",
          "data.dir",
          "database",
          "database.url",
          "database.user",
          "database.password-file",
          "database.pool-size",
          "tls.names",
          "keys.grace",
          "envelope.max-bytes",
          "envelope.max-records",
          "enrolment.max-pending",
          "enrolment.auto-approve",
          "log.level");

  public HubConfig {
    tlsNames = List.copyOf(tlsNames);
  }

  /** Validates {@code raw}; fails naming the key, the value and what is allowed. */
  public static HubConfig from(Map<String, String> raw) throws ConfigException {
    Set<String> known = new HashSet<>(KEYS);
    for (String key : raw.keySet()) {
      if (!known.contains(key)) {
        throw new ConfigException(
            key, "unknown hub configuration key; the keys are: " + String.join(", ", KEYS));
      }
    }
    Path dataDir = Path.of(value(raw, "data.dir", "/var/lib/classgate-hub"));
    HubDatabase database = database(raw, dataDir);
    List<String> names = new ArrayList<>();
    for (String name : value(raw, "tls.names", "localhost,127.0.0.1").split(",")) {
      if (!name.isBlank()) {
        names.add(name.strip());
      }
    }
    if (names.isEmpty()) {
      throw new ConfigException("tls.names", "", "a comma list of host names or addresses");
    }
    String level = value(raw, "log.level", "info");
    if (!Set.of("trace", "debug", "info", "warn", "error").contains(level)) {
      throw new ConfigException("log.level", level, "one of trace, debug, info, warn, error");
    }
    InetSocketAddress listen = listen(value(raw, "hub.listen", "0.0.0.0:8843"));
    String autoText = value(raw, "enrolment.auto-approve", "false");
    if (!autoText.equals("true") && !autoText.equals("false")) {
      throw new ConfigException("enrolment.auto-approve", autoText, "true or false");
    }
    boolean autoApprove = autoText.equals("true");
    if (autoApprove && !listen.getAddress().isLoopbackAddress()) {
      throw new ConfigException(
          "enrolment.auto-approve",
          autoText,
          "false unless hub.listen is a loopback address (development only): on a network every"
              + " box must be approved by an administrator who compared its code");
    }
    return new HubConfig(
        listen,
        dataDir,
        database,
        names,
        duration(raw, "keys.grace", Duration.ofDays(7), Duration.ZERO, Duration.ofDays(90)),
        new EnvelopeLimits(
            integer(raw, "envelope.max-bytes", 8 << 20, 4096, 256 << 20),
            integer(raw, "envelope.max-records", 100_000, 1, 10_000_000)),
        integer(raw, "enrolment.max-pending", 1000, 1, 1_000_000),
        autoApprove,
        level);
  }

  /** SQLite unless {@code database.url} names a PostgreSQL server; never both. */
  private static HubDatabase database(Map<String, String> raw, Path dataDir)
      throws ConfigException {
    String url = value(raw, "database.url", null);
    if (url == null) {
      for (String key : List.of("database.user", "database.password-file", "database.pool-size")) {
        if (value(raw, key, null) != null) {
          throw new ConfigException(
              key, raw.get(key), "unset unless database.url names a PostgreSQL database");
        }
      }
      return new HubDatabase.SqliteFile(
          Path.of(value(raw, "database", dataDir.resolve("hub.db").toString())));
    }
    if (value(raw, "database", null) != null) {
      throw new ConfigException(
          "database",
          raw.get("database"),
          "unset when database.url is set (database is the SQLite file, database.url PostgreSQL)");
    }
    return HubDatabase.postgresql(
        url,
        value(raw, "database.user", null),
        value(raw, "database.password-file", null),
        integer(raw, "database.pool-size", 8, 1, 200));
  }

  private static String value(Map<String, String> raw, String key, String fallback) {
    String value = raw.get(key);
    return value == null || value.isBlank() ? fallback : value.strip();
  }

  private static int integer(Map<String, String> raw, String key, int fallback, int min, int max)
      throws ConfigException {
    String text = value(raw, key, null);
    if (text == null) {
      return fallback;
    }
    try {
      int value = Integer.parseInt(text.replace("_", ""));
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // Reported below.
    }
    throw new ConfigException(key, text, "a whole number from " + min + " to " + max);
  }

  private static Duration duration(
      Map<String, String> raw, String key, Duration fallback, Duration min, Duration max)
      throws ConfigException {
    String text = value(raw, key, null);
    if (text == null) {
      return fallback;
    }
    Duration value = DurationText.parse(text);
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new ConfigException(
          key, text, "a duration from " + min + " to " + max + " written like 30m, 12h or 7d");
    }
    return value;
  }

  /** A numeric {@code address:port} ({@code [v6]:port}); port 0 picks a free port (tests). */
  static InetSocketAddress listen(String text) throws ConfigException {
    String allowed = "a numeric address:port such as 0.0.0.0:8843 or [::]:8843";
    int colon = text.lastIndexOf(':');
    if (colon <= 0) {
      throw new ConfigException("hub.listen", text, allowed);
    }
    String host = text.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (!host.matches("[0-9A-Fa-f:.]+")) {
      throw new ConfigException("hub.listen", text, allowed);
    }
    try {
      int port = Integer.parseInt(text.substring(colon + 1));
      if (port < 0 || port > 65_535) {
        throw new ConfigException("hub.listen", text, allowed);
      }
      return new InetSocketAddress(InetAddress.getByName(host), port);
    } catch (NumberFormatException | UnknownHostException e) {
      throw new ConfigException("hub.listen", text, allowed);
    }
  }
}
