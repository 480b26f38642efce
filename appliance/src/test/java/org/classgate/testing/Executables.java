package org.classgate.testing;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Looks up executables the way a shell does, so fixtures can skip cleanly when a tool is absent.
 */
public final class Executables {
  private Executables() {}

  /** Returns the executable {@code name} found on PATH (or in the sbin directories), or null. */
  public static Path find(String name) {
    String path = System.getenv().getOrDefault("PATH", "");
    // unbound and dnsmasq live in /usr/sbin, which is not on every user's PATH.
    String searched = path + File.pathSeparator + "/usr/sbin" + File.pathSeparator + "/sbin";
    for (String directory : searched.split(File.pathSeparator)) {
      if (directory.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(directory, name);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  public static boolean onPath(String name) {
    return find(name) != null;
  }
}
