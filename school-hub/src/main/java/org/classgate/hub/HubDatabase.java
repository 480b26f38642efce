package org.classgate.hub;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.classgate.app.config.ConfigException;

/**
 * Where the hub keeps its store: one SQLite file (a school) or a PostgreSQL database (a
 * multi-academy trust or a local authority with hundreds of schools). Immutable; neither holds a
 * password, so both may be logged and printed.
 */
public sealed interface HubDatabase {
  /** What a log line may say about the database. */
  String describe();

  /** The SQLite database {@code file} (the default, {@code data.dir/hub.db}). */
  record SqliteFile(Path file) implements HubDatabase {
    @Override
    public String describe() {
      return "SQLite " + file;
    }
  }

  /**
   * A PostgreSQL database.
   *
   * @param host the server's host name or address
   * @param port its TCP port
   * @param name the database
   * @param query the URL's query ({@code sslmode=verify-full&...}), passed to the driver; never
   *     null, empty when there is none
   * @param user the role the hub logs in as
   * @param passwordFile the file holding its password (first line), read when the store opens; null
   *     for a server that needs none (peer or trust authentication)
   * @param poolSize connections the hub keeps open at most
   */
  record Postgresql(
      String host,
      int port,
      String name,
      String query,
      String user,
      Path passwordFile,
      int poolSize)
      implements HubDatabase {

    /** The URL the JDBC driver takes; it carries no credentials. */
    public String jdbcUrl() {
      String authority = host.contains(":") ? "[" + host + "]" : host;
      return "jdbc:postgresql://"
          + authority
          + ":"
          + port
          + "/"
          + name
          + (query.isEmpty() ? "" : "?" + query);
    }

    @Override
    public String describe() {
      return "PostgreSQL postgresql://" + user + "@" + host + ":" + port + "/" + name;
    }
  }

  /**
   * Parses {@code database.url} ({@code postgresql://host[:port]/database[?driver options]}).
   * Credentials are refused in the URL: the user is {@code database.user} and the password lives in
   * {@code database.password-file}, so no configuration dump or log line ever shows it.
   */
  static Postgresql postgresql(String url, String user, String passwordFile, int poolSize)
      throws ConfigException {
    String allowed =
        "postgresql://host[:port]/database, e.g. postgresql://db.trust.example:5432/hub";
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new ConfigException("database.url", url, allowed);
    }
    if (!"postgresql".equals(uri.getScheme()) || uri.getHost() == null || uri.getPath() == null) {
      throw new ConfigException("database.url", url, allowed);
    }
    if (uri.getRawUserInfo() != null) {
      throw new ConfigException(
          "database.url",
          "(not shown: it holds credentials)",
          allowed + " without user or password; set database.user and database.password-file");
    }
    String name = uri.getPath().startsWith("/") ? uri.getPath().substring(1) : "";
    if (!name.matches("[A-Za-z0-9_$-]{1,63}")) {
      throw new ConfigException("database.url", url, allowed);
    }
    String query = uri.getRawQuery() == null ? "" : uri.getRawQuery();
    for (String option : query.split("&")) {
      String key = option.contains("=") ? option.substring(0, option.indexOf('=')) : option;
      if (key.equalsIgnoreCase("password") || key.equalsIgnoreCase("user")) {
        throw new ConfigException(
            "database.url",
            "(not shown: it holds credentials)",
            allowed + " without user or password; set database.user and database.password-file");
      }
    }
    String host = uri.getHost();
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    if (user == null || !user.matches("[A-Za-z0-9_.-]{1,63}")) {
      throw new ConfigException(
          "database.user",
          user == null ? "" : user,
          "the PostgreSQL role the hub logs in as (letters, digits, _ . -), needed with"
              + " database.url");
    }
    Path password = null;
    if (passwordFile != null) {
      password = Path.of(passwordFile);
      if (!Files.isRegularFile(password) || !Files.isReadable(password)) {
        throw new ConfigException(
            "database.password-file",
            passwordFile,
            "a readable file whose first line is the password of database.user");
      }
    }
    return new Postgresql(
        host, uri.getPort() == -1 ? 5432 : uri.getPort(), name, query, user, password, poolSize);
  }
}
