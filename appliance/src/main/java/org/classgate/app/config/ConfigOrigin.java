package org.classgate.app.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where the configuration in force came from, for the change-control log: configuration changes are
 * found at start, so "who" is the configuration file (and any {@code --set} overrides) and the OS
 * user that started the box; "approved by" is the file's owner, the account that had to write it.
 * Immutable.
 *
 * @param file the {@code --config} file; null if none was given
 * @param overridden the keys set with {@code --set}, in order; non-null
 * @param osUser the account that started the box; non-blank
 * @param fileOwner the configuration file's owner; null when there is no file or it has none
 */
public record ConfigOrigin(Path file, List<String> overridden, String osUser, String fileOwner) {
  public ConfigOrigin {
    overridden = List.copyOf(overridden);
    if (osUser == null || osUser.isBlank()) {
      throw new IllegalArgumentException("the OS user is required");
    }
  }

  /**
   * The origin of a configuration read from {@code file} and {@code overrides} ({@code key=value}
   * texts) by the OS user {@code osUser}; asks the file system for the file's owner.
   */
  public static ConfigOrigin of(Path file, List<String> overrides, String osUser) {
    List<String> keys = new ArrayList<>();
    for (String override : overrides) {
      int equals = override.indexOf('=');
      keys.add(equals > 0 ? override.substring(0, equals).trim() : override);
    }
    String owner = null;
    if (file != null) {
      try {
        owner = Files.getOwner(file).getName();
      } catch (IOException | UnsupportedOperationException e) {
        owner = null; // recorded as unknown below
      }
    }
    return new ConfigOrigin(file, keys, osUser, owner);
  }

  /** The change log's actor: the configuration's sources and the user that started the box. */
  public String actor() {
    String source = file == null ? "no configuration file" : "configuration file " + file;
    if (!overridden.isEmpty()) {
      source += " with --set " + String.join(", ", overridden);
    }
    return source + ", started by OS user " + osUser;
  }

  /** The change log's approver: the configuration file, which only its owner can write. */
  public String approvedBy() {
    if (file == null) {
      return "command line of OS user " + osUser;
    }
    return "configuration file (owner " + Objects.requireNonNullElse(fileOwner, "unknown") + ")";
  }
}
