package org.classgate.devices;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Stands in for the {@code classgate} launcher behind the event shims: a shell script that appends
 * its exact argument vector (NUL-separated, one invocation a line) to a file, so a test can check
 * the command line a shim produced and hand the arguments to the real command.
 */
final class ShimRecorder {
  /** The event shims, from the module directory that Surefire and Failsafe run in. */
  static final Path DHCP_SHIM = Path.of("..", "scripts", "classgate-dhcp-event").toAbsolutePath();

  static final Path HOSTAPD_SHIM =
      Path.of("..", "scripts", "classgate-hostapd-event").toAbsolutePath();

  final Path script;
  final Path record;

  ShimRecorder(Path dir) throws IOException {
    script = dir.resolve("classgate-recorder");
    record = dir.resolve("invocations");
    Files.writeString(
        script,
        "#!/bin/sh\n"
            + "for arg in \"$@\"; do printf '%s\\0' \"$arg\"; done >> '"
            + record
            + "'\n"
            + "printf '\\n' >> '"
            + record
            + "'\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Every invocation so far, each as its argument list. */
  List<List<String>> invocations() throws IOException {
    List<List<String>> all = new ArrayList<>();
    if (!Files.exists(record)) {
      return all;
    }
    for (String line : Files.readString(record, StandardCharsets.UTF_8).split("\n")) {
      if (!line.isEmpty()) {
        all.add(Arrays.asList(line.substring(0, line.length() - 1).split("\0", -1)));
      }
    }
    return all;
  }
}
