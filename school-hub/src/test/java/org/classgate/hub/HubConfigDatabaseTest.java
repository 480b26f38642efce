package org.classgate.hub;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.classgate.app.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code database.*} keys: SQLite by default, PostgreSQL by URL, credentials never shown. */
class HubConfigDatabaseTest {
  @TempDir Path dir;

  private HubConfig config(Map<String, String> extra) throws ConfigException {
    Map<String, String> raw = new HashMap<>(extra);
    raw.put("data.dir", dir.toString());
    return HubConfig.from(raw);
  }

  @Test
  void sqliteIsTheDefaultInTheDataDirectory() throws Exception {
    assertEquals(new HubDatabase.SqliteFile(dir.resolve("hub.db")), config(Map.of()).database());
  }

  @Test
  void aPostgresqlUrlSelectsPostgresql() throws Exception {
    Path password = Files.writeString(dir.resolve("pw"), "s3cret\n");
    HubDatabase database =
        config(
                Map.of(
                    "database.url", "postgresql://db.trust.example/hub?sslmode=verify-full",
                    "database.user", "classgate_hub",
                    "database.password-file", password.toString()))
            .database();
    HubDatabase.Postgresql postgresql = assertInstanceOf(HubDatabase.Postgresql.class, database);
    assertEquals(
        "jdbc:postgresql://db.trust.example:5432/hub?sslmode=verify-full", postgresql.jdbcUrl());
    assertEquals(8, postgresql.poolSize());
    assertFalse(database.toString().contains("s3cret"));
    assertFalse(database.describe().contains("s3cret"));
  }

  @Test
  void credentialsInTheUrlAreRefusedWithoutBeingRepeated() {
    for (String url :
        new String[] {
          "postgresql://hub:s3cret@db/hub", "postgresql://db/hub?password=s3cret&user=hub"
        }) {
      ConfigException e =
          assertThrows(
              ConfigException.class,
              () -> config(Map.of("database.url", url, "database.user", "hub")));
      assertFalse(e.getMessage().contains("s3cret"), e.getMessage());
      assertTrue(e.getMessage().contains("database.password-file"), e.getMessage());
    }
  }

  @Test
  void badCombinationsNameTheirKey() {
    assertTrue(
        assertThrows(
                ConfigException.class, () -> config(Map.of("database.url", "postgresql://db/hub")))
            .getMessage()
            .contains("database.user"));
    assertTrue(
        assertThrows(ConfigException.class, () -> config(Map.of("database.user", "hub")))
            .getMessage()
            .contains("database.user"));
    assertTrue(
        assertThrows(
                ConfigException.class,
                () ->
                    config(
                        Map.of(
                            "database.url", "mysql://db/hub",
                            "database.user", "hub")))
            .getMessage()
            .contains("database.url"));
    assertTrue(
        assertThrows(
                ConfigException.class,
                () ->
                    config(
                        Map.of(
                            "database.url", "postgresql://db/hub",
                            "database.user", "hub",
                            "database.password-file", dir.resolve("missing").toString())))
            .getMessage()
            .contains("database.password-file"));
  }
}
