package org.classgate.app.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Collects raw key/value pairs: first the properties file (if any), then each {@code --set
 * key=value} in order, later ones winning. Values are trimmed; nothing is interpreted here.
 */
public final class ConfigSource {
  private ConfigSource() {}

  /**
   * @param file the {@code --config} file, or null for none
   * @param overrides {@code key=value} texts from {@code --set}
   * @return a sorted copy of every key given
   */
  public static Map<String, String> load(Path file, List<String> overrides) throws ConfigException {
    Map<String, String> values = new TreeMap<>();
    if (file != null) {
      values.putAll(readFile(file));
    }
    for (String override : overrides) {
      int equals = override.indexOf('=');
      if (equals <= 0) {
        throw new ConfigException(
            "--set", override, "expected key=value, e.g. --set dns.listen=127.0.0.1:5300");
      }
      values.put(override.substring(0, equals).trim(), override.substring(equals + 1).trim());
    }
    return values;
  }

  private static Map<String, String> readFile(Path file) throws ConfigException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (NoSuchFileException e) {
      throw new ConfigException("--config", "configuration file " + file + " does not exist");
    } catch (IOException | IllegalArgumentException e) {
      // IllegalArgumentException: a malformed \\uXXXX escape in the file.
      throw new ConfigException(
          "--config", "cannot read configuration file " + file + ": " + e.getMessage());
    }
    Map<String, String> values = new TreeMap<>();
    for (String key : properties.stringPropertyNames()) {
      values.put(key.trim(), properties.getProperty(key).trim());
    }
    return values;
  }
}
