package org.classgate.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The settings page's API for administrators: the effective configuration (read-only; the caller
 * gives it without secrets), the box's identity (its console certificate's key pin and fingerprint,
 * its sync key fingerprint) so staff can compare them with what a browser or the hub shows, the
 * version, and how much of the SD card the data uses. Thread-safe.
 */
public final class SettingsRoutes implements ConsoleModule {
  static final Route SETTINGS = Route.forRoles("GET", "/api/settings", Route.ADMINISTRATORS);

  /** One line of the effective configuration: key and value, never a secret. */
  public record Setting(String key, String value) {
    public Setting {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
    }
  }

  private final List<Setting> configuration;
  private final Supplier<Map<String, String>> identity;
  private final String version;
  private final Path dataDir;

  /**
   * @param configuration the effective configuration, secrets already left out
   * @param identity label → value of the box's identity (pins and fingerprints), read per request
   * @param version the running version
   * @param dataDir the data directory whose size is reported
   */
  public SettingsRoutes(
      List<Setting> configuration,
      Supplier<Map<String, String>> identity,
      String version,
      Path dataDir) {
    this.configuration = List.copyOf(configuration);
    this.identity = Objects.requireNonNull(identity, "identity");
    this.version = Objects.requireNonNull(version, "version");
    this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
  }

  @Override
  public Map<Route, ApiHandler> handlers() {
    return Map.of(SETTINGS, call -> settings());
  }

  private Map<String, Object> settings() throws IOException {
    List<Map<String, String>> config = new ArrayList<>();
    for (Setting setting : configuration) {
      config.add(Map.of("key", setting.key(), "value", setting.value()));
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("version", version);
    out.put("identity", identity.get());
    out.put("dataUsage", usage());
    out.put("configuration", config);
    return out;
  }

  private Map<String, Object> usage() throws IOException {
    Map<String, Object> usage = new LinkedHashMap<>();
    usage.put("dataDirectory", dataDir.toAbsolutePath().toString());
    usage.put("dataBytes", sizeOf(dataDir));
    usage.put("freeBytes", Files.getFileStore(dataDir).getUsableSpace());
    usage.put("totalBytes", Files.getFileStore(dataDir).getTotalSpace());
    return usage;
  }

  /** Bytes of every regular file under {@code dir} (not following links). */
  static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files
          .mapToLong(
              file -> {
                try {
                  BasicFileAttributes attributes =
                      Files.readAttributes(
                          file, BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
                  return attributes.isRegularFile() ? attributes.size() : 0;
                } catch (IOException e) {
                  // A file removed while walking (a WAL checkpoint, a list swap) counts as nothing.
                  return 0;
                }
              })
          .sum();
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
