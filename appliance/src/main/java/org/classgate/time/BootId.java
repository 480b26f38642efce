package org.classgate.time;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** The kernel's identifier of the current boot: monotonic times compare only within one boot. */
public final class BootId {
  private static final Path KERNEL_BOOT_ID = Path.of("/proc/sys/kernel/random/boot_id");

  private BootId() {}

  /**
   * The kernel's boot id (random(4): a new UUID at every boot). Where the kernel does not provide
   * one (not Linux), a random id for this process: records then compare by monotonic time only
   * within this run, which is the safe reading.
   */
  public static String current() {
    try {
      return Files.readString(KERNEL_BOOT_ID, StandardCharsets.US_ASCII).trim();
    } catch (IOException | SecurityException e) {
      return "process-" + UUID.randomUUID();
    }
  }
}
