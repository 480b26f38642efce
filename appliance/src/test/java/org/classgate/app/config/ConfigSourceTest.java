package org.classgate.app.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigSourceTest {
  @TempDir Path dir;

  @Test
  void setOverridesWinOverTheFileInOrder() throws Exception {
    Path file = dir.resolve("classgate.properties");
    Files.writeString(file, "# comment\ndns.listen = 10.0.0.1:5300 \nlog.level=info\n");

    Map<String, String> values =
        ConfigSource.load(file, List.of("log.level=debug", "log.level=warn", "data.dir = /tmp/x"));

    assertEquals(
        Map.of("dns.listen", "10.0.0.1:5300", "log.level", "warn", "data.dir", "/tmp/x"), values);
  }

  @Test
  void aMissingFileOrBadOverrideIsNamed() {
    ConfigException missing =
        assertThrows(
            ConfigException.class, () -> ConfigSource.load(dir.resolve("nope"), List.of()));
    assertTrue(missing.getMessage().contains("does not exist"), missing.getMessage());

    ConfigException bad =
        assertThrows(ConfigException.class, () -> ConfigSource.load(null, List.of("novalue")));
    assertTrue(bad.getMessage().startsWith("--set = 'novalue' is not allowed"), bad.getMessage());
  }

  @Test
  void aBrokenEscapeInTheFileIsAConfigError() throws Exception {
    Path file = dir.resolve("broken.properties");
    Files.writeString(file, "dns.listen=\\uZZZZ\n");
    ConfigException e =
        assertThrows(ConfigException.class, () -> ConfigSource.load(file, List.of()));
    assertTrue(e.getMessage().contains("cannot read configuration file"), e.getMessage());
  }
}
