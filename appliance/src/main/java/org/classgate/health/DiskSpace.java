package org.classgate.health;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * A fault when the data directory's file system has less than a minimum of usable space: SQLite
 * then fails writes, and an incident that cannot be written is a report lost. Thread-safe.
 */
public final class DiskSpace implements Supplier<List<Problem>> {
  /** Usable bytes of the file system holding a path (a seam for tests). */
  @FunctionalInterface
  public interface UsableSpace {
    long of(Path path) throws IOException;
  }

  private final Path dataDir;
  private final long minimumFreeBytes;
  private final UsableSpace usableSpace;

  public DiskSpace(Path dataDir, long minimumFreeBytes) {
    this(dataDir, minimumFreeBytes, path -> Files.getFileStore(path).getUsableSpace());
  }

  public DiskSpace(Path dataDir, long minimumFreeBytes, UsableSpace usableSpace) {
    this.dataDir = dataDir;
    this.minimumFreeBytes = minimumFreeBytes;
    this.usableSpace = usableSpace;
  }

  @Override
  public List<Problem> get() {
    long free;
    try {
      free = usableSpace.of(dataDir);
    } catch (IOException e) {
      return List.of(
          Problem.fault(
              "disk", "cannot read the free space of " + dataDir + ": " + e.getMessage()));
    }
    if (free < minimumFreeBytes) {
      return List.of(
          Problem.fault(
              "disk",
              "the data disk is nearly full: "
                  + mib(free)
                  + " MiB free in "
                  + dataDir
                  + ", at least "
                  + mib(minimumFreeBytes)
                  + " MiB needed to keep recording"));
    }
    return List.of();
  }

  private static long mib(long bytes) {
    return bytes / (1024 * 1024);
  }
}
