package org.classgate.devices.network;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {
  @TempDir Path dir;

  @Test
  void aSecretFileIsOwnerOnlyAndReplacingLeavesNoTemporaryFiles() throws IOException {
    Path target = dir.resolve("sub").resolve("hostapd.conf");
    AtomicFiles.write(target, "first\n", true);
    AtomicFiles.write(target, "second\n", true);
    assertEquals("second\n", Files.readString(target));
    assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
    try (Stream<Path> files = Files.list(target.getParent())) {
      assertEquals(1, files.count());
    }
  }

  @Test
  void anOrdinaryFileIsWorldReadable() throws IOException {
    Path target = dir.resolve("dnsmasq.conf");
    AtomicFiles.write(target, "port=0\n", false);
    assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(target)));
  }
}
